"""Reading back a generated PDF, for assertions on its text."""

import io
import re
import unicodedata
from dataclasses import dataclass

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text in NFC with runs of whitespace collapsed to one space."""
    assert data[:5] == b"%PDF-", "not a PDF"
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


# ---- the NĐ 30/2020/NĐ-CP format, checked on the rendered PDF ----------------------------------------

A4_PT = (595.28, 841.89)
MM = 72 / 25.4


@dataclass(frozen=True)
class Run:
    """One text run as the PDF draws it: page index, baseline position in points, font and size."""

    page: int
    x: float
    y: float
    font: str
    size: float
    text: str

    @property
    def bold(self) -> bool:
        return "Bold" in self.font

    @property
    def italic(self) -> bool:
        return "Italic" in self.font or "Oblique" in self.font


def pdf_runs(data: bytes) -> list[Run]:
    """Every non-blank text run of the PDF with its position, font name and size in points (NFC text)."""
    reader = PdfReader(io.BytesIO(data))
    runs: list[Run] = []
    for index, page in enumerate(reader.pages):

        def visit(text, cm, tm, font_dict, font_size, index=index):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5 * (tm[0] ** 2 + tm[1] ** 2) ** 0.5
            font = str(font_dict.get("/BaseFont", "")) if font_dict else ""
            runs.append(
                Run(
                    index, x, y, font, round(font_size * scale, 1), unicodedata.normalize("NFC", text.strip())
                )
            )

        page.extract_text(visitor_text=visit)
    return runs


def _find(runs: list[Run], pattern: str) -> list[Run]:
    return [run for run in runs if re.search(pattern, run.text)]


def assert_official_format(
    data: bytes,
    *,
    landscape: bool = False,
    number: bool = True,
    recipients: bool = True,
    date_line: bool = True,
    margins: bool = True,
    header_sizes: bool = True,
) -> list[Run]:
    """Assert the NĐ 30/2020 layout of an administrative document and return its runs.

    A4 (landscape when asked); margins left ≥ 30 mm, top and bottom ≥ 20 mm (portrait documents);
    Quốc hiệu bold 12–13 pt and Tiêu ngữ bold 13–14 pt on the first page; the "Số: …/…" line; the date
    line "…, ngày dd tháng mm năm yyyy" in italics; "Nơi nhận:" bold italic 12 pt followed by "- Lưu:".
    A certificate (Giấy khen) has its own design: pass ``header_sizes=False`` to skip the point sizes.
    """
    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        expected = tuple(reversed(A4_PT)) if landscape else A4_PT
        assert abs(width - expected[0]) < 1.5 and abs(height - expected[1]) < 1.5, (
            f"page {index + 1} is {width:.0f}×{height:.0f} pt, not A4 {'landscape' if landscape else 'portrait'}"
        )
    runs = pdf_runs(data)
    assert runs, "the PDF has no text"
    if margins and not landscape:
        height = A4_PT[1]
        # NĐ 30 prints the page number (from page 2) centred in the top margin: not body text.
        body = [run for run in runs if not run.text.isdigit()]
        left = min(run.x for run in body)
        assert left >= 30 * MM - 1, f"left margin {left / MM:.1f} mm < 30 mm"
        top = max(run.y + run.size for run in body)
        assert height - top >= 20 * MM - 1, f"top margin {(height - top) / MM:.1f} mm < 20 mm"
        bottom = min(run.y for run in body)
        assert bottom >= 20 * MM - 4, f"bottom margin {bottom / MM:.1f} mm < 20 mm"
    first = [run for run in runs if run.page == 0]
    motto = _find(first, r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert motto, "no Quốc hiệu on the first page"
    assert motto[0].bold and (not header_sizes or 12 <= motto[0].size <= 13), (
        f"Quốc hiệu {motto[0].font} {motto[0].size} pt"
    )
    slogan = _find(first, r"Độc lập - Tự do - Hạnh phúc")
    assert slogan, "no Tiêu ngữ on the first page"
    assert slogan[0].bold and (not header_sizes or 13 <= slogan[0].size <= 14), (
        f"Tiêu ngữ {slogan[0].font} {slogan[0].size} pt"
    )
    if number:
        assert _find(first, r"^Số:\s*\S*/\S+"), "no 'Số: …/…' line on the first page"
    if date_line:
        # NĐ 30: a leading zero for days below 10 and for months 1 and 2 only ("tháng 8", "tháng 02").
        dates = _find(runs, r"ngày (\d{2}|[.…\s]*) tháng (0[12]|[3-9]|1[0-2]|[.…\s]*) năm \d{4}")
        assert dates, "no date line 'ngày dd tháng mm năm yyyy'"
        assert all(run.italic for run in dates if re.search(r"^[^,]+, ngày", run.text)) and any(
            run.italic for run in dates
        ), "the date line is not in italics"
    if recipients:
        heading = _find(runs, r"^Nơi nhận:")
        assert heading, "no 'Nơi nhận:'"
        assert heading[0].bold and heading[0].italic and 11.5 <= heading[0].size <= 12.5, (
            f"'Nơi nhận:' is {heading[0].font} {heading[0].size} pt, not bold italic 12 pt"
        )
        assert _find(runs, r"^- Lưu:"), "no '- Lưu: …' line under Nơi nhận"
    return runs


def minimal_pdf() -> bytes:
    """A valid one-page PDF (uploads are opened with pikepdf, so a header alone no longer passes)."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


MINIMAL_PDF = minimal_pdf()
