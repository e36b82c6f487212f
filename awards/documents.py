"""The awards app's documents: the decision (official format, NĐ 30/2020), the certificates bundle, the
proposal to the city (tờ trình) and its archive with the nominees' achievement reports.

User text reaches the templates as plain strings and is escaped there, never marked safe.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from anhai_thidua.core.money import vnd
from anhai_thidua.core.pdf import DocumentHeader, Signature, keep_numbers_with_words, render_pdf
from campaigns.enums import NomineeKind
from campaigns.models import Campaign
from nominations.documents import achievement_report_pdf, date_line

from .certificates import certificate_data, decision_signer_lines, field_positions
from .enums import SignerCapacity
from .models import Decision
from .selectors import decision_detail, proposal_nominees


def _signature(decision: Decision) -> Signature:
    if decision.signer_capacity == SignerCapacity.VICE_CHAIRMAN:
        return Signature(capacity="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name=decision.signer_name)
    return Signature(title="CHỦ TỊCH", name=decision.signer_name)


def decision_context(decision: Decision) -> dict:
    awards = list(decision.awards.all())
    collectives = [a for a in awards if a.kind == NomineeKind.COLLECTIVE]
    individuals = [a for a in awards if a.kind == NomineeKind.INDIVIDUAL]
    total = sum(a.amount for a in awards)
    return {
        "decision": decision,
        "campaign": decision.campaign,
        "header": DocumentHeader(
            issuer=decision.issuer,
            reference=decision.reference,
            date_line=date_line(decision.place, decision.decision_date),
        ),
        "doc_type": "QUYẾT ĐỊNH",
        "doc_title": keep_numbers_with_words(decision.title),
        "authority": f"CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG {settings.WARD_NAME.upper()}",
        "legal_bases": decision.legal_basis_list(),
        "collectives": collectives,
        "individuals": individuals,
        "awards": awards,
        "total": vnd(total),
        "base_salary": vnd(decision.base_salary),
        "individual_amount": vnd(decision.individual_amount),
        "collective_amount": vnd(decision.collective_amount),
        "factor": str(settings.AWARD_INDIVIDUAL_FACTOR).replace(".", ","),
        "multiplier": str(settings.AWARD_COLLECTIVE_MULTIPLIER).replace(".", ","),
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


def proposal_pdf(campaign: Campaign) -> bytes:
    """The ward's tờ trình to the city chairman proposing Bằng khen, with the list of nominees."""
    nominees = proposal_nominees(campaign)
    day = _proposal_day(campaign)
    return render_pdf(
        "awards/pdf/proposal.html",
        {
            "campaign": campaign,
            "nominees": nominees,
            "collectives": [n for n in nominees if n.kind == NomineeKind.COLLECTIVE],
            "individuals": [n for n in nominees if n.kind == NomineeKind.INDIVIDUAL],
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
        },
    )


def proposal_filename(campaign: Campaign) -> str:
    return f"to-trinh-de-nghi-bang-khen-{slugify(campaign.slug)}.pdf"


def proposal_archive(campaign: Campaign) -> bytes:
    """One zip file: the tờ trình and each proposed nominee's achievement report (fixed timestamps, so the
    same data gives the same bytes)."""
    buffer = io.BytesIO()
    stamp = (2000, 1, 1, 0, 0, 0)

    def add(name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data)

    with zipfile.ZipFile(buffer, "w") as archive:
        add(proposal_filename(campaign), proposal_pdf(campaign))
        for index, nominee in enumerate(proposal_nominees(campaign), 1):
            name = slugify(nominee.display_name.replace("đ", "d").replace("Đ", "D")) or "de-nghi"
            add(f"bao-cao-thanh-tich/{index:02d}-{name}.pdf", achievement_report_pdf(nominee))
    return buffer.getvalue()


def proposal_archive_filename(campaign: Campaign) -> str:
    return f"ho-so-de-nghi-bang-khen-{slugify(campaign.slug)}.zip"
