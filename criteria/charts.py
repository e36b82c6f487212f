"""Server-drawn bar charts (inline SVG, no script, no CDN): geometry computed here, drawn by _chart.html.

Every chart is paired with a table of the same numbers on the page; colours come with a hatch pattern or a
text label so nothing is told by colour alone.
"""

from dataclasses import dataclass, field

LABEL_WIDTH = 230
BAR_X = 240
BAR_WIDTH = 380
ROW_HEIGHT = 30
BAR_HEIGHT = 18

# Series key -> legend label; the fills and the hatch pattern are defined in _chart.html.
SERIES = {
    "met": "Đạt",
    "not_met": "Chưa đạt",
    "not_applicable": "Không phát sinh",
    "pending": "Chưa thẩm định",
    "validated": "Đã thẩm định",
    "reported": "Chờ thẩm định",
    "questioned": "Đề nghị xem lại",
    "draft": "Đang nhập",
    "value": "Số lượng",
}


@dataclass
class Segment:
    key: str
    value: int
    x: float
    width: float

    @property
    def label(self) -> str:
        return SERIES.get(self.key, self.key)


@dataclass
class Bar:
    label: str
    y: int
    segments: list[Segment]
    text: str
    href: str = ""

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    keys: list[str]
    height: int
    width: int = BAR_X + BAR_WIDTH + 170
    bar_x: int = BAR_X
    bar_width: int = BAR_WIDTH
    bar_height: int = BAR_HEIGHT
    label_width: int = LABEL_WIDTH
    legend: list[tuple[str, str]] = field(default_factory=list)


def stacked_chart(title: str, rows: list[tuple[str, list[tuple[str, int]], str, str]], scale: int) -> Chart:
    """rows: (label, [(series key, value)...], text after the bar, link). `scale` is the value of a full bar."""
    bars = []
    keys: list[str] = []
    for index, (label, values, text, href) in enumerate(rows):
        x = float(BAR_X)
        segments = []
        for key, value in values:
            if key not in keys:
                keys.append(key)
            width = BAR_WIDTH * value / scale if scale else 0
            if value:
                segments.append(Segment(key=key, value=value, x=round(x, 2), width=round(width, 2)))
            x += width
        bars.append(Bar(label=label, y=index * ROW_HEIGHT + 6, segments=segments, text=text, href=href))
    return Chart(
        title=title,
        bars=bars,
        keys=keys,
        height=max(len(rows), 1) * ROW_HEIGHT + 8,
        legend=[(k, SERIES.get(k, k)) for k in keys],
    )


def unit_achievement_chart(board, url_for_unit) -> Chart:
    """Targets met / not met / not applicable / not yet validated per unit, in ranking order (the rows given:
    on the dashboard, the page of units shown)."""
    rows = []
    for row in board.rows:
        rest = row.total_targets - row.validated
        text = f"{row.met}/{row.total_targets} đạt"
        rows.append(
            (
                row.unit.short_name or row.unit.name,
                [
                    ("met", row.met),
                    ("not_met", row.not_met),
                    ("not_applicable", row.not_applicable),
                    ("pending", rest),
                ],
                text,
                url_for_unit(row.unit),
            )
        )
    return stacked_chart(
        "Số chỉ tiêu đạt theo đơn vị", rows, max((r.total_targets for r in board.rows), default=0)
    )


def period_progress_chart(board) -> Chart:
    """Figures per state in each reporting period."""
    rows = []
    total = max(len(board.targets) * board.unit_count, 1)
    for progress in board.periods:
        counts = progress.status_counts
        rows.append(
            (
                progress.period.name,
                [(key, counts.get(key, 0)) for key in ("validated", "reported", "questioned", "draft")],
                f"{progress.units_reported}/{progress.units_total} đơn vị đã báo cáo",
                "",
            )
        )
    return stacked_chart("Tiến độ báo cáo kết quả tiêu chí", rows, total)
