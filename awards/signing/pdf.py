"""PDF work with pyHanko: the empty signature field of the issued decision, the validation report of a signed
file, and the agency's signature.

The field sits where NĐ 30/2020 (Phụ lục I) puts the signature: in the signature block, between the title
("CHỦ TỊCH") and the signer's name, as wide as the block, leaving room on its left for the seal.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from anhai_thidua.core.pdf import issuer_lines

from . import pki
from .enums import AGENCY_FIELD, SIGNER_FIELD

FIELD_WIDTH = 170.0  # points, about 60 mm
MIN_HEIGHT = 50.0


class SignatureRefused(ValueError):
    """A signed file the app does not accept; the message is Vietnamese and shown on the form."""

    def __init__(self, message: str, validation: Validation | None = None):
        super().__init__(message)
        self.validation = validation


# ---- the issued document ----------------------------------------------------------------------------------


def _text_runs(data: bytes):
    """(page index, text, x, y baseline, size in points) for each run of text, from pypdf's visitor."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        runs = []

        def visit(text, cm, tm, _font, size, runs=runs):
            if text and text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((unicodedata.normalize("NFC", text).strip(), x, y, abs(size * cm[3]) or size))

        page.extract_text(visitor_text=visit)
        for run in runs:
            yield (index, *run)


def signature_box(data: bytes, signer_name: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) between the signer's name (its last occurrence: the signature block closes the
    document) and the line above it (the title), in PDF points. Falls back to the lower right of the last
    page when the name cannot be read."""
    name = unicodedata.normalize("NFC", signer_name).strip()
    runs = list(_text_runs(data))
    found = [r for r in runs if r[1] == name] or [r for r in runs if name and name in r[1]]
    if not found:
        pages = max((r[0] for r in runs), default=0)
        return pages, (340.0, 120.0, 340.0 + FIELD_WIDTH, 200.0)
    page, text, x, y, size = found[-1]
    centre = x + 0.26 * size * len(text)  # bold serif capitals and lower case: about half an em per letter
    top_of_name = y + size * 0.9
    above = [r for r in runs if r[0] == page and r[3] > top_of_name and abs(r[2] - x) < 120]
    title_bottom = min((r[3] for r in above), default=top_of_name + 80) - size * 0.35
    if title_bottom - top_of_name < MIN_HEIGHT:
        title_bottom = top_of_name + MIN_HEIGHT
    box = (centre - FIELD_WIDTH / 2, top_of_name + 2, centre + FIELD_WIDTH / 2, title_bottom - 2)
    return page, tuple(round(v, 2) for v in box)


def add_signature_field(data: bytes, *, page: int, box) -> bytes:
    """The PDF with an empty, visible signature field for the signer (one incremental update)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    append_signature_field(writer, SigFieldSpec(sig_field_name=SIGNER_FIELD, on_page=page, box=tuple(box)))
    # SignaturesExist | AppendOnly, as signing sets them: viewers then save incrementally, and signing the
    # field changes nothing in the form dictionary but the field itself (checked at upload).
    acroform = writer.root["/AcroForm"]
    acroform["/SigFlags"] = generic.NumberObject(3)
    writer.update_container(acroform)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- validation ---------------------------------------------------------------------------------------------


@dataclass
class Validation:
    """What the app learnt from a signed file; ``as_report()`` is stored as JSON with the file."""

    signatures: list[dict] = field(default_factory=list)
    unchanged_since_issue: bool = False
    issuer_name: str = ""

    def issuer_signature(self) -> dict | None:
        return next((s for s in self.signatures if s["is_issuer"]), None)

    def as_report(self, *, sha256: str, issued_sha256: str) -> dict:
        signer = self.issuer_signature()
        return {
            "checked_at": timezone.now().isoformat(),
            "sha256": sha256,
            "issued_sha256": issued_sha256,
            "unchanged_since_issue": self.unchanged_since_issue,
            "issuer_name": self.issuer_name,
            "signer": signer["signer"] if signer else "",
            "signing_time": signer["signing_time"] if signer else None,
            "valid": bool(self.signatures) and all(s["ok"] for s in self.signatures) and signer is not None,
            "signatures": self.signatures,
        }


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(ZoneInfo(settings.TIME_ZONE)).isoformat()


@dataclass(frozen=True)
class EmbeddedRevocation:
    """What revocation data the PDF's DSS holds: the issuers its CRLs speak for, the serials its OCSP
    responses answer about."""

    crl_issuers: frozenset = frozenset()
    ocsp_serials: frozenset = frozenset()

    @classmethod
    def of(cls, dss) -> EmbeddedRevocation:
        if dss is None:
            return cls()
        from asn1crypto import crl as asn1_crl
        from asn1crypto import ocsp as asn1_ocsp
        from pyhanko.pdf_utils.decode_limits import DecodePurpose

        issuers, serials = set(), set()
        for ref in dss.crls:
            issuers.add(
                asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL)).issuer.dump()
            )
        for ref in dss.ocsps:
            response = asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
            basic = response.basic_ocsp_response
            if basic is not None:
                serials.update(
                    r["cert_id"]["serial_number"].native for r in basic["tbs_response_data"]["responses"]
                )
        return cls(frozenset(issuers), frozenset(serials))

    def covers(self, cert) -> bool:
        return cert.issuer.dump() in self.crl_issuers or cert.serial_number in self.ocsp_serials


def _signature_facts(embedded, status, issuer_name: str, revinfo: EmbeddedRevocation) -> dict:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cert = embedded.signer_cert
    name = pki.common_name(cert)
    timestamp = getattr(status, "timestamp_validity", None)
    when = timestamp.timestamp if timestamp is not None else getattr(status, "signer_reported_dt", None)
    coverage = status.coverage
    level = status.modification_level
    covers = coverage is not None and coverage >= SignatureCoverageLevel.ENTIRE_REVISION
    unchanged = (
        level is not None and level <= ModificationLevel.FORM_FILLING and status.docmdp_ok is not False
    )
    trusted = bool(status.trusted)
    facts = {
        "field": embedded.field_name,
        "signer": name,
        "subject": cert.subject.human_friendly,
        "issuer": cert.issuer.human_friendly,
        "serial": format(cert.serial_number, "x"),
        "signing_time": _iso(when),
        "timestamped": timestamp is not None,
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": trusted,
        "coverage": coverage.name if coverage is not None else "",
        "modification_level": level.name if level is not None else "",
        "changed_after_signing": not (covers and unchanged),
        # Revocation is judged only from data embedded in the file (soft-fail: missing data is no refusal).
        "revocation_checked": revinfo.covers(cert),
        "revoked": getattr(status, "revoked", False),
        "is_issuer": pki.names_match(name, issuer_name),
    }
    facts["ok"] = facts["intact"] and facts["valid"] and trusted and not facts["changed_after_signing"]
    return facts


def validate_signed(data: bytes, *, issued: bytes, issuer_name: str) -> Validation:
    """Check a signed decision against the issued document; raise SignatureRefused (Vietnamese) when:
    (a) it is not the issued document plus incremental updates, or those updates do more than sign;
    (b) a signature is broken or the document changed after it was signed;
    (c) a certificate chain does not lead to a trusted root;
    (d) no signer certificate names the person who issued the decision."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError

    result = Validation(issuer_name=issuer_name)
    if not data.startswith(b"%PDF-"):
        raise SignatureRefused("Tệp tải lên không phải là tệp PDF.")
    if data == issued:
        raise SignatureRefused("Tệp chưa có chữ ký số: hãy ký số vào ô chữ ký rồi tải lên lại.")
    if not data.startswith(issued):
        raise SignatureRefused(
            "Tệp không phải là Quyết định đã ban hành: nội dung khác với bản cuối tải từ hệ thống để ký. "
            "Hãy tải bản cuối, ký số vào ô chữ ký (không lưu lại, không chuyển đổi tệp) rồi tải lên."
        )
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        base_revision = PdfFileReader(io.BytesIO(issued), strict=False).xrefs.total_revisions - 1
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise SignatureRefused("Không đọc được tệp PDF đã ký.") from exc
    if not embedded:
        raise SignatureRefused("Tệp chưa có chữ ký số: hãy ký số vào ô chữ ký rồi tải lên lại.")
    # Everything appended to the issued document must be signing (fields, signatures, DSS, timestamps).
    diff = DEFAULT_DIFF_POLICY.review_file(reader, base_revision)
    result.unchanged_since_issue = not (
        isinstance(diff, SuspiciousModification) or diff.modification_level > ModificationLevel.FORM_FILLING
    )
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    revinfo = EmbeddedRevocation.of(dss)
    for sig in embedded:
        status = validate_pdf_signature(sig, pki.validation_context(dss=dss))
        result.signatures.append(_signature_facts(sig, status, issuer_name, revinfo))
    # The most specific reason first: a broken signature, a change after a signature, then a change made
    # before the signatures (the signer signed something else than the issued decision), then trust.
    for facts in result.signatures:
        if not (facts["intact"] and facts["valid"]):
            raise SignatureRefused(
                f"Chữ ký số của {facts['signer']} không hợp lệ (dữ liệu đã ký bị thay đổi hoặc chữ ký hỏng).",
                result,
            )
        if facts["changed_after_signing"]:
            raise SignatureRefused(
                f"Văn bản đã bị thay đổi sau khi {facts['signer']} ký số. Không chấp nhận tệp.", result
            )
    if not result.unchanged_since_issue:
        raise SignatureRefused(
            "Nội dung Quyết định đã bị thay đổi so với bản đã ban hành (ngoài chữ ký số). Không chấp nhận tệp.",
            result,
        )
    for facts in result.signatures:
        if facts["revoked"]:
            raise SignatureRefused(f"Chứng thư số của {facts['signer']} đã bị thu hồi.", result)
        if not facts["trusted"]:
            raise SignatureRefused(
                f"Chứng thư số của {facts['signer']} (do {facts['issuer']} cấp) không thuộc tổ chức cung cấp "
                "dịch vụ chứng thực chữ ký số được tin cậy.",
                result,
            )
    if result.issuer_signature() is None:
        names = ", ".join(s["signer"] for s in result.signatures)
        raise SignatureRefused(
            f"Chữ ký số của {names}, không phải của người ký ban hành Quyết định ({issuer_name}).",
            result,
        )
    return result


# ---- the agency's signature -------------------------------------------------------------------------------


def _stamp_style():
    """The stamp's text style: Times-like 10 pt from SIGNATURE_FONT_FILE when pyHanko's OpenType support
    (uharfbuzz, the pyHanko[opentype] extra) is installed; else the PDF's standard font, whose glyphs do not
    cover Vietnamese, so the text is written without diacritics. Returns (style, unicode)."""
    from pathlib import Path

    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = settings.SIGNATURE_FONT_FILE
    box_style, unicode = TextBoxStyle(font_size=10), False
    if font and Path(font).is_file():
        try:
            from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
        except ImportError:
            pass
        else:
            box_style, unicode = TextBoxStyle(font=GlyphAccumulatorFactory(font), font_size=10), True
    style = TextStampStyle(
        stamp_text="%(agency)s\n%(when)s", text_box_style=box_style, border_width=0, background=None
    )
    return style, unicode


def _ascii(text: str) -> str:
    return pki.name_key(text).upper() if text else text


def sign_as_agency(data: bytes, *, page: int = 0, box=None, reason: str = "") -> bytes:
    """Add the agency's signature (PAdES baseline: B-B, or B-T with a timestamp when TSA_URL is set) as one
    incremental update. A box makes it visible (the seal's place); None keeps it invisible."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers, timestamps
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter

    with pki.agency_signer() as signer:
        if signer is None:
            raise ValueError(
                "the agency's key is not configured (AGENCY_PKCS12_PATH or AGENCY_PKCS11_MODULE)"
            )
        agency = pki.common_name(signer.signing_cert)
        timestamper = timestamps.HTTPTimeStamper(settings.TSA_URL) if settings.TSA_URL else None
        meta = signers.PdfSignatureMetadata(
            field_name=AGENCY_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=reason or None,
            location=settings.WARD_NAME,
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        style, unicode = _stamp_style()
        text_agency = agency if unicode else _ascii(agency)
        now = (
            timezone.now().astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).replace(microsecond=0)
        )  # NĐ 30: ISO 8601, VN
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=timestamper,
            stamp_style=style,
            new_field_spec=SigFieldSpec(
                sig_field_name=AGENCY_FIELD, on_page=page, box=tuple(box) if box else None
            ),
        )
        # "ỦY BAN NHÂN DÂN / PHƯỜNG AN HẢI" on two lines, as the ward prints its name, then the time.
        agency_lines = (
            "\n".join(line if unicode else _ascii(line) for line in issuer_lines(agency)) or text_agency
        )
        out = pdf_signer.sign_pdf(
            writer, appearance_text_params={"agency": agency_lines, "when": now.isoformat()}
        )
    return out.getvalue()


def agency_box(signer_box) -> tuple[float, float, float, float] | None:
    """The seal's place: its right part covers about a third of the signer's image, on its left."""
    if not signer_box:
        return None
    x1, y1, x2, y2 = signer_box
    width = x2 - x1
    return (x1 - width * 0.45, y1, x1 + width * 0.33, y2)
