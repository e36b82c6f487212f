"""Certificates (Giấy khen): the layout settings, the QR code and the per-awardee print data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from anhai_thidua.core.dates import date_line

from .models import Award, Decision

# Field -> (x mm, y mm, width mm) from the top-left corner of an A4 landscape sheet (297 × 210 mm): where the
# variable fields sit on the pre-printed blank (phôi). CERTIFICATE_FIELD_POSITIONS overrides any of them.
DEFAULT_FIELD_POSITIONS: dict[str, tuple[float, float, float]] = {
    "recipient": (40, 96, 217),
    "detail": (40, 107, 217),
    "achievement": (40, 117, 217),
    "decision": (22, 168, 110),
    "register": (22, 176, 110),
    # ~35 mm to sign and seal between the signer's title (two lines) and the name.
    "date_line": (165, 138, 110),
    "signer": (165, 145, 110),
    "signer_name": (165, 192, 110),
    "qr": (255, 170, 22),
}


@dataclass(frozen=True)
class FieldBox:
    name: str
    x: Decimal
    y: Decimal
    width: Decimal


def field_positions() -> dict[str, FieldBox]:
    """Every variable field's box, with the printer offsets added (blank mode)."""
    positions = {**DEFAULT_FIELD_POSITIONS}
    for name, value in (settings.CERTIFICATE_FIELD_POSITIONS or {}).items():
        if name in positions:
            positions[name] = tuple(value)  # type: ignore[assignment]
    dx = Decimal(str(settings.CERTIFICATE_OFFSET_X_MM))
    dy = Decimal(str(settings.CERTIFICATE_OFFSET_Y_MM))
    return {
        name: FieldBox(name, Decimal(str(x)) + dx, Decimal(str(y)) + dy, Decimal(str(w)))
        for name, (x, y, w) in positions.items()
    }


def verification_url(award: Award) -> str:
    return settings.SITE_URL + reverse("award_verify", args=[award.verify_token])


def qr_svg(text: str) -> SafeString:
    """A QR code as inline SVG markup (vector, sharp in print; the renderer fetches nothing). Our own markup
    from a URL we built, so it is safe to mark as such.

    One path with a stroke one module wide along each row's runs of dark modules ("M3 7.5h4": from (3, 7) to
    (7, 8) in module units), the same modules as qrcode's own SVG of the same code (error correction M, one
    module of quiet zone), at a third of its size and of WeasyPrint's time, which parses and draws every
    number: one square per module made the QR codes half of a certificate page's layout. No id attribute:
    a certificates PDF holds a hundred of them."""
    import qrcode

    code = qrcode.QRCode(border=1)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}.5h{x - start}")
            else:
                x += 1
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="100%" height="100%" '
        f'role="img"><path d="{"".join(runs)}" stroke="#000" stroke-width="1" fill="none"/></svg>'
    )
    return mark_safe(markup)  # noqa: S308  # nosec B308 B703  # built here from a URL we built, no user text


@dataclass(frozen=True)
class CertificateData:
    award: Award
    recipient: str
    detail: str  # an individual's position and unit under the name ("Chuyên viên, Phòng Văn hóa - Xã hội")
    achievement: str
    decision_line: str
    register_line: str
    date_line: str
    signer_lines: list[str]
    signer_name: str
    qr: SafeString
    verify_url: str


def decision_signer_lines(decision: Decision) -> list[str]:
    from .enums import SignerCapacity

    if decision.signer_capacity == SignerCapacity.VICE_CHAIRMAN:
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return ["CHỦ TỊCH"]


def certificate_data(decision: Decision, award: Award) -> CertificateData:
    url = verification_url(award)
    when = decision.decision_date.strftime("%d/%m/%Y") if decision.decision_date else ""
    return CertificateData(
        award=award,
        recipient=award.formal_name,
        detail=", ".join(x for x in (award.position, award.unit_name) if x) if award.is_individual else "",
        achievement=decision.achievement,
        decision_line=f"Quyết định số {decision.reference} ngày {when}",
        register_line=f"Số vào sổ: {award.register_reference}",
        date_line=date_line(decision.place, decision.decision_date),
        signer_lines=decision_signer_lines(decision),
        signer_name=decision.signer_name,
        qr=qr_svg(url),
        verify_url=url,
    )
