"""The dossier's documents as PDFs in the official format (NĐ 30/2020/NĐ-CP): the unit's tờ trình with
the list of nominees, each nominee's achievement report, and the minutes of the unit's council meeting.

User text reaches the templates as plain strings and is escaped there, never marked safe.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import timezone

from anhai_thidua.core.dates import date_line
from anhai_thidua.core.pdf import DocumentHeader, Signature, keep_numbers_with_words, render_pdf
from anhai_thidua.core.templatetags.counts import group_counts_text
from organisation.selectors import unit_head_user

from .models import Dossier, Nominee
from .selectors import dossier_detail, report_of


def _unit_head(dossier: Dossier):
    """The official who heads the dossier's unit (signs the tờ trình and confirms reports)."""
    user = unit_head_user(dossier.unit_id)
    return user.official if user and user.official_id else None


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
    """The tờ trình's date: the one the unit entered, else the submission day (else today, for a draft)."""
    if dossier.letter_date:
        return dossier.letter_date
    return timezone.localdate(dossier.submitted_at) if dossier.submitted_at else timezone.localdate()


def unit_symbol(dossier: Dossier, kind: str) -> str:
    """The unit's document symbol, "TTr-TTSNC": the kind and the code the office set for the unit (kept
    with its Vietnamese letters). Without a code the place is left blank to be written by hand."""
    return f"{kind}-{dossier.unit.document_code or chr(0xA0) * 6}"


def enclosures_sentence(detail) -> str:
    """What the tờ trình says is enclosed, from what the dossier holds: the reports (confirmed by the head,
    or not yet) and the unit's minutes with their date, or that the minutes are still missing."""
    nominees = detail.nominees
    reports = [report_of(n) for n in nominees]
    parts = []
    if nominees:
        confirmed = all(r is not None and r.is_confirmed for r in reports)
        parts.append(
            "báo cáo thành tích của các tập thể, cá nhân có xác nhận của thủ trưởng đơn vị"
            if confirmed
            else "báo cáo thành tích của các tập thể, cá nhân (chưa đủ xác nhận của thủ trưởng đơn vị)"
        )
    minutes = detail.minutes
    if minutes is not None:
        parts.append(
            f"biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị ngày {minutes.meeting_date:%d/%m/%Y}"
        )
    if not parts:
        return "Hồ sơ chưa có tài liệu kèm theo."
    sentence = "Hồ sơ kèm theo gồm: " + " và ".join(parts) + "."
    if minutes is None:
        sentence += " Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị chưa có."
    return sentence


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
        reference=f"{number or chr(0xA0) * 6}/{unit_symbol(dossier, 'TTr')}",
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
            "plan_citation": campaign.citation,
            "nominee_count": group_counts_text(len(detail.collectives), len(detail.individuals)),
            "enclosures": enclosures_sentence(detail),
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
        reference=f"{chr(0xA0) * 6}/{unit_symbol(dossier, 'BB')}",
        date_line=date_line(dossier.campaign.place, minutes.meeting_date if minutes else None),
    )
    campaign = dossier.campaign
    receiving = campaign.receiving_unit.name if campaign.receiving_unit else "Phòng Văn hóa - Xã hội"
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
            "started": _clock(minutes.start_time) if minutes else "",
            "ended": _clock(minutes.end_time) if minutes else "",
            "conclusion": minutes_conclusion(rows),
            # The unit's minutes go with its dossier to the ward's council, through the receiving office.
            "recipients": [
                f"Hội đồng Thi đua - Khen thưởng phường {settings.WARD_NAME} (qua {receiving});",
                "Thành viên Hội đồng Thi đua - Khen thưởng đơn vị;",
                "Lưu: VT.",
            ],
        },
    )


def _clock(value) -> str:
    """ "14 giờ 00": how minutes write the time; the blank to fill by hand when it was not entered."""
    return f"{value.hour:02d} giờ {value.minute:02d}" if value else "… giờ …"


def minutes_conclusion(rows) -> str:
    """The council's conclusion, from the votes: who had more than half of the votes cast, or nobody."""
    approved = [n.formal_name for n, vote in rows if vote and vote.votes_for * 2 > vote.votes_total]
    if not rows:
        return "Hội đồng chưa xem xét tập thể, cá nhân nào."
    if not approved:
        return "Không có tập thể, cá nhân nào được trên một nửa số phiếu đồng ý; Hội đồng không đề nghị khen thưởng."
    missing = [n.formal_name for n, vote in rows if vote is None]
    sentence = (
        "Hội đồng thống nhất đề nghị khen thưởng "
        + ", ".join(approved)
        + " (được trên một nửa số phiếu đồng ý)."
    )
    if missing:
        sentence += " Chưa ghi kết quả biểu quyết đối với " + ", ".join(missing) + "."
    return sentence


def cover_letter_filename(dossier: Dossier) -> str:
    return f"Tờ trình đề nghị khen thưởng - {dossier.unit.name}.pdf"


def report_filename(nominee: Nominee) -> str:
    return f"Báo cáo thành tích - {nominee.display_name}.pdf"


def minutes_filename(dossier: Dossier) -> str:
    return f"Biên bản họp Hội đồng TĐKT - {dossier.unit.name}.pdf"
