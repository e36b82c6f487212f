"""The dossier's documents as PDFs in the official format (NĐ 30/2020/NĐ-CP): the unit's tờ trình with
the list of nominees, each nominee's achievement report, and the minutes of the unit's council meeting.

User text reaches the templates as plain strings and is escaped there, never marked safe.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from anhai_thidua.core.pdf import DocumentHeader, Signature, keep_numbers_with_words, render_pdf
from organisation.models import RoleAssignment

from .models import Dossier, Nominee
from .selectors import dossier_detail, report_of


def date_line(place: str, day: date | None) -> str:
    """ "An Hải, ngày 05 tháng 02 năm 2026": leading zero below 10 and for months 1 and 2."""
    if day is None:
        blank = "\u00a0" * 5
        return f"{place}, ngày {blank} tháng {blank} năm {blank}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _unit_head(dossier: Dossier):
    """The official who heads the dossier's unit (signs the tờ trình and confirms reports)."""
    assignment = (
        RoleAssignment.objects.filter(role="unit_head", unit_id=dossier.unit_id, user__is_active=True)
        .select_related("user__official", "user__official__unit")
        .order_by("id")
        .first()
    )
    return assignment.user.official if assignment and assignment.user.official_id else None


_SHORT_TITLES = {"giám đốc", "phó giám đốc", "trưởng phòng", "phó trưởng phòng"}


def _head_title(official) -> str:
    """The signer's title as the signature block prints it: "GIÁM ĐỐC" rather than "GIÁM ĐỐC TRUNG TÂM …"
    when the position only repeats the unit's name after a usual head title."""
    if not (official and official.position):
        return "THỦ TRƯỞNG ĐƠN VỊ"
    position = official.position
    unit_name = official.unit.name if official.unit_id else ""
    for name in (unit_name, unit_name.removeprefix("Phòng ").strip()):
        if name and position.lower().endswith(name.lower()):
            head = position[: -len(name)].strip()
            if head.lower() in _SHORT_TITLES:
                return head.upper()
    return position.upper()


def _achievement(dossier: Dossier) -> str:
    campaign = dossier.campaign
    return campaign.award_achievement or campaign.title


def _document_day(dossier: Dossier) -> date:
    return timezone.localdate(dossier.submitted_at) if dossier.submitted_at else timezone.localdate()


def _unit_code(dossier: Dossier) -> str:
    short = dossier.unit.short_name or dossier.unit.code
    return slugify(short.replace("Đ", "D").replace("đ", "d")).upper().replace("-", "")[:12] or "DV"


def dossier_cover_letter_pdf(dossier: Dossier) -> bytes:
    """The unit's tờ trình to the ward's council with the list of collectives and individuals proposed."""
    detail = dossier_detail(dossier, with_history=False)
    dossier = detail.dossier
    campaign = dossier.campaign
    head = _unit_head(dossier)
    number = dossier.letter_number
    if number.isdigit() and len(number) == 1:
        number = f"0{number}"
    header = DocumentHeader(
        issuer=dossier.unit.name,
        issuer_parent=f"ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME}".upper(),
        reference=f"{number or chr(0xA0) * 6}/TTr-{_unit_code(dossier)}",
        date_line=date_line(campaign.place, _document_day(dossier)),
    )
    receiving = campaign.receiving_unit.name if campaign.receiving_unit else "Phòng Văn hóa - Xã hội"
    return render_pdf(
        "nominations/pdf/cover_letter.html",
        {
            "dossier": dossier,
            "detail": detail,
            "campaign": campaign,
            "header": header,
            "doc_type": "TỜ TRÌNH",
            "doc_title": keep_numbers_with_words(f"Về việc đề nghị khen thưởng {_achievement(dossier)}"),
            "achievement": _achievement(dossier),
            "ward": settings.WARD_NAME,
            "receiving": receiving,
            "issuer_phrase": f"Ủy ban nhân dân phường {settings.WARD_NAME}",
            "signature": Signature(title=_head_title(head), name=head.full_name if head else ""),
            "recipients": ["Như trên;", f"{receiving};", "Lưu: VT."],
        },
    )


def achievement_report_pdf(nominee: Nominee) -> bytes:
    """One nominee's báo cáo thành tích in the official template, with the signature places."""
    nominee = (
        Nominee.objects.select_related(
            "dossier", "dossier__campaign", "dossier__unit", "official", "official__unit", "unit", "report"
        )
        .prefetch_related("standards", "report__prior_awards")
        .get(pk=nominee.pk)
    )
    dossier = nominee.dossier
    report = report_of(nominee)
    head = _unit_head(dossier)
    return render_pdf(
        "nominations/pdf/achievement_report.html",
        {
            "nominee": nominee,
            "dossier": dossier,
            "campaign": dossier.campaign,
            "report": report,
            "awards": list(report.prior_awards.all()) if report else [],
            "date_line": date_line(dossier.campaign.place, _document_day(dossier)),
            "achievement": _achievement(dossier),
            "head": head,
            "head_title": _head_title(head),
            "ward": settings.WARD_NAME,
        },
    )


def unit_minutes_pdf(dossier: Dossier) -> bytes:
    """The minutes of the unit's emulation council meeting with the vote on each nominee."""
    detail = dossier_detail(dossier, with_history=False)
    dossier = detail.dossier
    minutes = detail.minutes
    rows = []
    for nominee in detail.nominees:
        vote = minutes.vote_by_nominee.get(nominee.pk) if minutes else None
        rows.append((nominee, vote))
    header = DocumentHeader(
        issuer=dossier.unit.name,
        issuer_parent=f"ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME}".upper(),
        reference=f"{chr(0xA0) * 6}/BB-HĐTĐKT",
        date_line=date_line(dossier.campaign.place, minutes.meeting_date if minutes else None),
    )
    return render_pdf(
        "nominations/pdf/unit_minutes.html",
        {
            "dossier": dossier,
            "detail": detail,
            "minutes": minutes,
            "rows": rows,
            "header": header,
            "doc_type": "BIÊN BẢN",
            "doc_title": keep_numbers_with_words(
                f"Họp Hội đồng Thi đua - Khen thưởng {dossier.unit.name} xét đề nghị khen thưởng "
                f"{_achievement(dossier)}"
            ),
            "achievement": _achievement(dossier),
        },
    )


def cover_letter_filename(dossier: Dossier) -> str:
    return f"Tờ trình đề nghị khen thưởng - {dossier.unit.name}.pdf"


def report_filename(nominee: Nominee) -> str:
    return f"Báo cáo thành tích - {nominee.display_name}.pdf"


def minutes_filename(dossier: Dossier) -> str:
    return f"Biên bản họp Hội đồng TĐKT - {dossier.unit.name}.pdf"
