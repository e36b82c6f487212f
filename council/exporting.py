"""The tally as an Excel workbook. A secret poll gives aggregates only; an open poll adds, on a second
sheet, each member's choice (their names are public by the nature of an open vote).

``export_council`` (registered with campaigns.exporting, run by ``manage.py export_campaign``) writes the
latest closed meeting's documents into the campaign folder:
    hoi-dong/bien-ban-hop-hoi-dong.pdf    the minutes
    hoi-dong/bien-ban-kiem-phieu.pdf      the counting committee's biên bản kiểm phiếu (attached to them)
    hoi-dong/ket-qua-kiem-phieu.xlsx      the tally
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from anhai_thidua.core.spreadsheets import workbook_bytes
from campaigns.enums import AwardKind
from campaigns.exporting import register_exporter, write_file
from campaigns.models import Campaign

from .enums import Choice
from .models import Meeting, OpenBallot
from .selectors import latest_closed_meeting, meeting_outcome, polls_of


def _open_ballots_sheet(wb: Workbook, meeting: Meeting) -> None:
    """An open (not secret) poll's names and choices, on a sheet of their own; nothing for a secret poll."""
    open_polls = [p for p in polls_of(meeting) if not p.secret and p.is_closed]
    if open_polls:
        names = wb.create_sheet("Bieu quyet cong khai")
        names.append(["Tập thể, cá nhân", "Thành viên Hội đồng", "Lựa chọn"])
        for cell in names[1]:
            cell.font = Font(bold=True)
        rows = (
            OpenBallot.objects.filter(poll_item__poll__in=open_polls)
            .select_related("poll_item__nominee__official", "poll_item__nominee__unit", "member__official")
            .order_by("poll_item__poll__award_kind", "poll_item__order", "member__order", "member__pk")
        )
        for row in rows:
            names.append(
                [
                    row.poll_item.nominee.formal_name,
                    row.member.official.full_name,
                    str(Choice(row.choice).label),
                ]
            )
        names.column_dimensions["A"].width = 34
        names.column_dimensions["B"].width = 30
        names.column_dimensions["C"].width = 16


def tally_workbook(meeting: Meeting) -> bytes:
    """The tally of the meeting's closed polls (aggregates; names and choices only for open polls)."""
    outcomes = meeting_outcome(meeting)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kiem phieu"
    ws.append([f"Kết quả kiểm phiếu – {meeting.council.name}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Họp ngày {timezone.localtime(meeting.held_at):%d/%m/%Y}: {meeting.campaign.title}"])
    ws.append([])
    header = [
        "Hình thức",
        "Đối tượng",
        "Tập thể, cá nhân",
        "Đơn vị",
        "Đồng ý",
        "Không đồng ý",
        "Không biểu quyết",
        "Tỷ lệ đồng ý (% tổng số thành viên)",
        "Đạt (quá nửa tổng số thành viên)",
        "Xếp hạng",
        "Trong số lượng khen thưởng",
        "Bằng phiếu tại giới hạn",
        "Ý kiến Chủ tịch Hội đồng",
    ]
    ws.append(header)
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for o in outcomes:
        ws.append(
            [
                str(AwardKind(o.award_kind).label),
                str(o.nominee.get_kind_display()),
                o.nominee.formal_name,
                o.nominee.dossier.unit.name,
                o.votes_for,
                o.votes_against,
                o.not_cast,
                float(o.percent_of_members),
                "Đạt" if o.approved else "Không đạt",
                o.rank,
                "Có" if o.within_quota else "Không",
                "Có" if o.tie_flag else "",
                o.chair_choice_note,
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLM", (30, 10, 34, 34, 9, 12, 14, 16, 14, 9, 14, 12, 40), strict=True
    ):
        ws.column_dimensions[column].width = width
    _open_ballots_sheet(wb, meeting)
    return workbook_bytes(wb, deterministic=True)  # the same tally, the same bytes in every bundle


def tally_filename(meeting: Meeting) -> str:
    return f"Kết quả kiểm phiếu Hội đồng TĐKT - {timezone.localtime(meeting.held_at):%d-%m-%Y}.xlsx"


@register_exporter
def export_council(campaign: Campaign, directory: Path) -> list[Path]:
    """The latest closed council meeting's minutes, biên bản kiểm phiếu and tally (nothing before)."""
    from .documents import minutes_pdf, vote_count_pdf

    meeting = latest_closed_meeting(campaign)
    if meeting is None:
        return []
    folder = directory / "hoi-dong"
    return [
        write_file(folder / "bien-ban-hop-hoi-dong.pdf", minutes_pdf(meeting)),
        write_file(folder / "bien-ban-kiem-phieu.pdf", vote_count_pdf(meeting)),
        write_file(folder / "ket-qua-kiem-phieu.xlsx", tally_workbook(meeting)),
    ]
