"""The awards app's documents: the office's tờ trình to the ward chairman, the decision (official format,
NĐ 30/2020), the payment list, the certificates bundle, the proposal to the city (tờ trình) and its archive
with the council's minutes, the tally and the nominees' achievement reports.

User text reaches the templates as plain strings and is escaped there, never marked safe.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from anhai_thidua.core.dates import date_line, date_phrase
from anhai_thidua.core.money import money_text, money_words, vnd
from anhai_thidua.core.pdf import DocumentHeader, Signature, keep_numbers_with_words, render_pdf
from anhai_thidua.core.templatetags.counts import group_counts_text
from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign
from council.documents import minutes_pdf
from council.exporting import tally_workbook
from council.models import Meeting
from nominations.documents import achievement_report_pdf

from .certificates import certificate_data, decision_signer_lines, field_positions
from .enums import SignerCapacity
from .models import Award, Decision, Submission
from .money import award_rates, money_rule
from .selectors import (
    awarded_outcomes,
    campaign_outcomes,
    decision_detail,
    meeting_day,
    proposal_nominees,
)

_REFERENCE = re.compile(r"\d+(?:/[\w.-]*\w)+")


def keep_references(text: str) -> list[tuple[str, bool]]:
    """A line split into (text, keep-together) parts so that a document reference ("01/TTr-VHXH",
    "152/2025/NĐ-CP") never breaks at its hyphen; the template escapes each part."""
    parts, start = [], 0
    for match in _REFERENCE.finditer(text):
        if match.start() > start:
            parts.append((text[start : match.start()], False))
        parts.append((match.group(0), True))
        start = match.end()
    if start < len(text):
        parts.append((text[start:], False))
    return parts


def lower_first(text: str) -> str:
    """ "Phát động phong trào … Ủy ban nhân dân phường An Hải" → "phát động phong trào … Ủy ban nhân dân
    phường An Hải": only the first letter, so that proper names keep their capitals."""
    return text[:1].lower() + text[1:] if text else ""


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def _signature(decision: Decision) -> Signature:
    if decision.signer_capacity == SignerCapacity.VICE_CHAIRMAN:
        return Signature(capacity="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name=decision.signer_name)
    return Signature(title="CHỦ TỊCH", name=decision.signer_name)


def _decision_date_line(decision: Decision) -> str:
    """The issued decision's date line; a draft leaves day and month blank for the signer but prints the year
    it is drafted in ("An Hải, ngày      tháng      năm 2026"), as drafts are presented."""
    if decision.decision_date:
        return date_line(decision.place, decision.decision_date)
    return f"{decision.place}, {date_phrase(None, None, timezone.localdate().year)}"


def decision_money_rule(decision: Decision, kinds) -> str:
    """Điều 2's sentence from the rows the decision used, naming only the subjects it awards (`kinds`: the
    NomineeKind values of its awards)."""
    individual = decision.individual_coefficient
    collective = decision.collective_coefficient
    return money_rule(
        base_salary=decision.base_salary,
        base_salary_decree=decision.base_salary_decree,
        coefficient_decree=decision.coefficient_decree,
        individual=(individual, decision.individual_amount)
        if NomineeKind.INDIVIDUAL in kinds and individual is not None
        else None,
        collective=(collective, decision.collective_amount)
        if NomineeKind.COLLECTIVE in kinds and collective is not None
        else None,
    )


def decision_context(decision: Decision) -> dict:
    awards = list(decision.awards.all())
    collectives = [a for a in awards if a.kind == NomineeKind.COLLECTIVE]
    individuals = [a for a in awards if a.kind == NomineeKind.INDIVIDUAL]
    total = sum(a.amount for a in awards)
    rows = [(a, money_words(a.amount)) for a in awards]
    return {
        "decision": decision,
        "campaign": decision.campaign,
        "header": DocumentHeader(
            issuer=decision.issuer,
            reference=decision.reference,
            date_line=_decision_date_line(decision),
        ),
        "doc_type": "QUYẾT ĐỊNH",
        "doc_title": keep_numbers_with_words(decision.title),
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME.upper()}",
        "legal_bases": [keep_references(line) for line in decision.legal_basis_list()],
        "collectives": collectives,
        "individuals": individuals,
        "awards": awards,
        "rows": rows,
        "total": vnd(total),
        "total_words": money_words(total),
        "total_text": money_text(total),
        "money_rule": decision_money_rule(decision, {a.kind for a in awards}) if decision.base_salary else "",
        "signature": _signature(decision),
        "recipients": decision.recipient_list(),
        "draft": not decision.is_issued,
    }


def decision_pdf(decision: Decision) -> bytes:
    """The award decision (Quyết định …/QĐ-UBND) as PDF bytes."""
    decision = decision_detail(decision.pk)
    return render_pdf("awards/pdf/decision.html", decision_context(decision))


def decision_filename(decision: Decision) -> str:
    number = f"{decision.number:02d}-{decision.year}" if decision.number else "du-thao"
    return f"quyet-dinh-khen-thuong-{number}.pdf"


def certificates_pdf(
    decision: Decision, *, blank_mode: bool | None = None, progress: Callable[[int], None] | None = None
) -> bytes:
    """One Giấy khen per awardee, in ONE landscape PDF ready to print. In blank mode (pre-printed phôi)
    only the variable fields are printed, at the positions and offsets of the settings."""
    decision = decision_detail(decision.pk)
    blank_mode = settings.CERTIFICATE_BLANK_MODE if blank_mode is None else blank_mode
    awards = list(decision.awards.all())
    certificates = []
    for index, award in enumerate(awards, 1):
        certificates.append(certificate_data(decision, award))
        if progress and len(awards) > 1:
            progress(10 + int(50 * index / len(awards)))
    data = render_pdf(
        "awards/pdf/certificates_blank.html" if blank_mode else "awards/pdf/certificates.html",
        {
            "decision": decision,
            "certificates": certificates,
            "paper": settings.CERTIFICATE_PAPER,
            "positions": field_positions(),
            "ward": settings.WARD_NAME.upper(),
            "signer_lines": decision_signer_lines(decision),
        },
    )
    if progress:
        progress(95)
    return data


def certificates_filename(decision: Decision, *, blank_mode: bool = False) -> str:
    number = f"{decision.number:02d}-{decision.year}" if decision.number else "du-thao"
    return f"giay-khen-{number}{'-phoi' if blank_mode else ''}.pdf"


def _proposal_day(campaign: Campaign) -> date:
    from .selectors import decision_for_campaign

    decision = decision_for_campaign(campaign)
    if decision is not None and decision.decision_date:
        return decision.decision_date
    return timezone.localdate()


def proposal_context(campaign: Campaign) -> dict:
    nominees = proposal_nominees(campaign)
    day = _proposal_day(campaign)
    collectives = [n for n in nominees if n.kind == NomineeKind.COLLECTIVE]
    individuals = [n for n in nominees if n.kind == NomineeKind.INDIVIDUAL]
    return {
        "campaign": campaign,
        "nominees": nominees,
        "collectives": collectives,
        "individuals": individuals,
        "count_phrase": group_counts_text(len(collectives), len(individuals)),
        "plan": f"{campaign.citation} về {lower_first(campaign.title)}",
        "header": DocumentHeader(
            issuer=campaign.issuer,
            reference="\u00a0" * 6 + "/TTr-UBND",
            date_line=date_line(campaign.place, day),
        ),
        "doc_type": "TỜ TRÌNH",
        "doc_title": keep_numbers_with_words(
            f"Về việc đề nghị Chủ tịch Ủy ban nhân dân thành phố tặng Bằng khen cho tập thể, cá nhân có thành "
            f"tích xuất sắc trong {campaign.award_achievement or campaign.title}"
        ),
        "city": settings.CITY_NAME,
        "ward": settings.WARD_NAME,
        "law": settings.LEGAL_LAW,
        "decree": settings.LEGAL_DECREE,
        "signature": Signature(
            authority="TM. ỦY BAN NHÂN DÂN",
            capacity=campaign.signer_capacity,
            title=campaign.signer_title,
            name=campaign.signer_name,
        ),
        "recipients": ["Như trên;", "Ban Thi đua - Khen thưởng thành phố;", "Lưu: VT, VHXH."],
    }


def proposal_pdf(campaign: Campaign) -> bytes:
    """The ward's tờ trình to the city chairman proposing Bằng khen, with the list of nominees."""
    return render_pdf("awards/pdf/proposal.html", proposal_context(campaign))


def proposal_filename(campaign: Campaign) -> str:
    return f"to-trinh-de-nghi-bang-khen-{slugify(campaign.slug)}.pdf"


def proposal_archive(campaign: Campaign) -> bytes:
    """One zip file: the tờ trình, the council's minutes and tally, and each proposed nominee's achievement
    report (fixed timestamps, so the same data gives the same bytes)."""
    buffer = io.BytesIO()
    stamp = (2000, 1, 1, 0, 0, 0)

    def add(name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data)

    with zipfile.ZipFile(buffer, "w") as archive:
        add(proposal_filename(campaign), proposal_pdf(campaign))
        for name, data in council_records(campaign):
            add(name, data)
        for index, nominee in enumerate(proposal_nominees(campaign), 1):
            name = slugify(nominee.display_name.replace("đ", "d").replace("Đ", "D")) or "de-nghi"
            add(f"bao-cao-thanh-tich/{index:02d}-{name}.pdf", achievement_report_pdf(nominee))
    return buffer.getvalue()


def proposal_archive_filename(campaign: Campaign) -> str:
    return f"ho-so-de-nghi-bang-khen-{slugify(campaign.slug)}.zip"


def council_records(campaign: Campaign) -> list[tuple[str, bytes]]:
    """The council's minutes (PDF) and tally (xlsx) of the meeting the result comes from, through the council
    app's public document functions; nothing before the council has voted."""
    _outcomes, meeting_id = campaign_outcomes(campaign)
    if meeting_id is None:
        return []
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return []
    return [
        ("bien-ban-hop-hoi-dong.pdf", minutes_pdf(meeting)),
        ("ket-qua-kiem-phieu.xlsx", tally_workbook(meeting)),
    ]


# ---- the office's tờ trình to the ward chairman ------------------------------------------------------------


def submission_awards(submission: Submission) -> list[Award]:
    """The awards the tờ trình proposes: the council's Giấy khen within quota, with the amounts of the rows in
    force on its date (unsaved Award objects, so the lines read as the decision's will)."""
    from .services import award_fields

    outcomes, _meeting = campaign_outcomes(submission.campaign)
    rates = award_rates(submission.submission_date)
    return [
        Award(
            award_kind=AwardKind.GIAY_KHEN,
            amount=rates.for_kind(o.nominee.kind),
            order=index,
            **award_fields(o.nominee),
        )
        for index, o in enumerate(awarded_outcomes(outcomes), 1)
    ]


def submission_context(submission: Submission) -> dict:
    campaign = submission.campaign
    awards = submission_awards(submission)
    collectives = [a for a in awards if a.kind == NomineeKind.COLLECTIVE]
    individuals = [a for a in awards if a.kind == NomineeKind.INDIVIDUAL]
    total = sum(a.amount for a in awards)
    ward = settings.WARD_NAME
    achievement = campaign.award_achievement or campaign.title
    return {
        "submission": submission,
        "campaign": campaign,
        "header": DocumentHeader(
            issuer_parent=f"ỦY BAN NHÂN DÂN PHƯỜNG {ward.upper()}",
            issuer="PHÒNG VĂN HÓA - XÃ HỘI",
            reference=submission.reference,
            date_line=date_line(submission.place, submission.submission_date),
        ),
        "doc_type": "TỜ TRÌNH",
        "doc_title": keep_numbers_with_words(
            f"Về việc đề nghị tặng Giấy khen cho tập thể, cá nhân có thành tích xuất sắc trong {achievement}"
        ),
        "to": f"Chủ tịch Ủy ban nhân dân phường {ward}",
        "bases": [
            keep_references(line)
            for line in (
                f"Căn cứ {campaign.citation} về {lower_first(campaign.title)};",
                f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng phường {ward} ngày "
                f"{_day(meeting_day(submission.meeting_id))};",
            )
        ],
        "proposal": f"Phòng Văn hóa - Xã hội kính đề nghị Chủ tịch Ủy ban nhân dân phường {ward} xem xét, "
        f"tặng Giấy khen cho {group_counts_text(len(collectives), len(individuals))} đã có thành tích xuất sắc "
        f"trong {achievement}, gồm:",
        "rows": [(a, AwardKind(a.award_kind).label, money_words(a.amount)) for a in awards],
        "total": vnd(total),
        "total_words": money_words(total),
        "total_text": money_text(total),
        "funding_source": submission.funding_source,
        "signature": Signature(title="TRƯỞNG PHÒNG", name=submission.signer_name),
        "recipients": ["Như trên;", "Lưu: VT, VHXH."],
        "closing": f"Phòng Văn hóa - Xã hội kính trình Chủ tịch Ủy ban nhân dân phường {ward} xem xét, "
        "quyết định./.",
    }


def submission_pdf(submission: Submission) -> bytes:
    """Tờ trình số …/TTr-VHXH of Phòng Văn hóa - Xã hội to the ward chairman, as PDF bytes."""
    return render_pdf("awards/pdf/submission.html", submission_context(submission))


def submission_filename(submission: Submission) -> str:
    return f"to-trinh-vhxh-{submission.number:02d}-{submission.year}.pdf"


# ---- the payment list (danh sách chi tiền thưởng) -----------------------------------------------------------


def payment_list_context(decision: Decision) -> dict:
    awards = list(decision.awards.all())
    total = sum(a.amount for a in awards)
    when = _day(decision.decision_date)
    return {
        "decision": decision,
        "header": DocumentHeader(
            issuer=decision.issuer,
            reference=decision.reference,
            date_line=date_line(decision.place, decision.decision_date),
        ),
        "doc_type": "DANH SÁCH CHI TIỀN THƯỞNG",
        "doc_title": f"Kèm theo Quyết định số {decision.reference} ngày {when} của Chủ tịch Ủy ban nhân dân "
        f"phường {settings.WARD_NAME}",
        "rows": [(a, money_words(a.amount)) for a in awards],
        "total": vnd(total),
        "total_text": money_text(total),
        "count": group_counts_text(
            sum(a.kind == NomineeKind.COLLECTIVE for a in awards),
            sum(a.kind == NomineeKind.INDIVIDUAL for a in awards),
        ),
        "signature": _signature(decision),
        "recipients": ["Kế toán phường;", "Lưu: VT, VHXH."],
        "draft": not decision.is_issued,
    }


def payment_list_pdf(decision: Decision) -> bytes:
    """Danh sách chi tiền thưởng of an issued decision: each awardee, the amount in figures and words, a
    column to sign on receipt, and the total."""
    decision = decision_detail(decision.pk)
    return render_pdf("awards/pdf/payment_list.html", payment_list_context(decision))


def payment_list_filename(decision: Decision) -> str:
    number = f"{decision.number:02d}-{decision.year}" if decision.number else "du-thao"
    return f"danh-sach-chi-tien-thuong-{number}.pdf"
