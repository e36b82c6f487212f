"""Writes of the signing work: the document of record, the office's uploads and the agency's signature.

Every service checks the actor's permission (awards/signing/rules.py); refusals are DomainError with a
Vietnamese message. A refused upload still leaves its audit row and its DecisionSignatureUpload row.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import require_actor
from anhai_thidua.core.uploads import (
    clean_original_name,
    delete_stored_file,
    store_bytes,
    stored_file_path,
    validate_upload,
)

from ..enums import DecisionStatus
from ..models import Decision, DecisionSignatureUpload, SignedDecision
from . import pdf, pki
from . import rules as _rules  # noqa: F401 - registers the permissions
from .enums import AgencyStatus, SignatureKind

FOLDER = "awards/signed"
logger = logging.getLogger(__name__)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def issued_filename(decision: Decision) -> str:
    return f"quyet-dinh-khen-thuong-{decision.number:02d}-{decision.year}-ban-de-ky.pdf"


def signed_filename(record: SignedDecision) -> str:
    decision = record.decision
    suffix = "da-ky-so" if record.is_digital else "ban-quet"
    return f"quyet-dinh-khen-thuong-{decision.number:02d}-{decision.year}-{suffix}.pdf"


def issued_record(*, decision: Decision) -> SignedDecision:
    """The document of record of an issued decision, made once: the decision's PDF with the signer's empty
    signature field (pyHanko, an incremental update), stored with its SHA-256. Later calls return the same
    row and the same bytes. Side effects: one stored file and one SignedDecision row (first call only)."""
    from ..documents import decision_pdf

    existing = SignedDecision.objects.filter(decision=decision).first()
    if existing is not None:
        return existing
    if decision.status != DecisionStatus.ISSUED:
        raise DomainError(_("Quyết định chưa ban hành."))
    rendered = decision_pdf(decision)
    page, box = pdf.signature_box(rendered, decision.signer_name)
    data = pdf.add_signature_field(rendered, page=page, box=box)
    stored = store_bytes(data, name=issued_filename(decision), folder=f"{FOLDER}/{decision.pk}")
    try:
        with transaction.atomic():
            return SignedDecision.objects.create(
                decision=decision,
                issued_path=stored.path,
                issued_sha256=stored.sha256,
                issued_size=stored.size,
                field_page=page,
                field_box=list(box),
            )
    except IntegrityError:  # made by a concurrent request first: keep theirs
        delete_stored_file(stored.path)
        return SignedDecision.objects.get(decision=decision)


def issued_record_queue(*, decision_id: int) -> None:
    """Called after an issue commits: make the document of record in a worker (awards.make_issued_record).
    A broker that is down loses nothing: the first download or upload makes it (issued_record)."""
    from .tasks import make_issued_record

    try:
        # retry=False: fail fast instead of holding the chairman's request while kombu retries publishing.
        make_issued_record.apply_async((decision_id,), retry=False)
    except Exception:  # noqa: BLE001 - kombu/redis errors: the lazy path covers it; the log says why
        logger.warning("broker unavailable: record of decision %s made at first download", decision_id)


def _queue_agency(record_id: int) -> None:
    """Ask a worker for the agency's signature; with the broker down the record stays queued and the signing
    page offers to try again."""
    from .tasks import sign_decision_as_agency

    try:
        sign_decision_as_agency.apply_async((record_id,), retry=False)
    except Exception:  # noqa: BLE001 - kombu/redis errors
        logger.warning("broker unavailable: agency signature of record %s stays queued", record_id)


def issued_bytes(record: SignedDecision) -> bytes:
    data = stored_file_path(record.issued_path).read_bytes()
    if _sha256(data) != record.issued_sha256:  # the file of record must never change on disk
        raise DomainError(
            _("Tệp Quyết định đã ban hành trên máy chủ bị thay đổi. Hãy báo quản trị hệ thống.")
        )
    return data


def _read_upload(file) -> bytes:
    limit = settings.SIGNED_DECISION_MAX_MB * 1024 * 1024
    if file.size and file.size > limit:
        raise DomainError(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": settings.SIGNED_DECISION_MAX_MB})
    from django.core.exceptions import ValidationError

    try:
        kind = validate_upload(file)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    if kind != "pdf":
        raise DomainError(_("Chỉ nhận tệp PDF."))
    file.seek(0)
    return file.read()


def _log_upload(*, decision, actor, kind, name, data, accepted, reason="", report=None) -> None:
    DecisionSignatureUpload.objects.create(
        decision=decision,
        kind=kind,
        uploaded_by=actor,
        original_name=clean_original_name(name),
        size=len(data),
        sha256=_sha256(data),
        accepted=accepted,
        reason=reason,
        report=report or {},
    )
    audit_record(
        actor=actor,
        action="decision_signed_upload" if accepted else "decision_signed_refused",
        target=decision,
        to_state=kind if accepted else "",
        note=(reason or clean_original_name(name))[:500],
    )


def _lock(decision: Decision) -> SignedDecision:
    issued_record(decision=decision)
    return SignedDecision.objects.select_for_update().select_related("decision").get(decision=decision)


def _validated(record: SignedDecision, data: bytes):
    """(validation result, report) of an uploaded signed file against the issued document; _Refused, with
    the report of what was checked, when it does not hold."""
    try:
        result = pdf.validate_signed(
            data, issued=issued_bytes(record), issuer_name=record.decision.signer_name
        )
    except pdf.SignatureRefused as exc:
        report = (
            exc.validation.as_report(sha256=_sha256(data), issued_sha256=record.issued_sha256)
            if exc.validation
            else {}
        )
        raise _Refused(str(exc), report) from exc
    return result, result.as_report(sha256=_sha256(data), issued_sha256=record.issued_sha256)


def signed_decision_upload(*, decision: Decision, actor, file) -> SignedDecision:
    """The office uploads the decision the issuer signed digitally in the agency's signing tool.

    Accepted only when the file is the issued document plus incremental signing updates, every signature
    is valid and covers the document, every chain leads to a trusted root, and a signer's certificate names
    the issuer. Side effects: the stored signed file and its validation report on the SignedDecision; a
    DecisionSignatureUpload row and an audit row for each upload, refused or accepted; the agency signature
    queued after commit when configured (awards.sign_decision_as_agency)."""
    require_actor(actor, "awards.upload_signed_decision", decision)
    name = getattr(file, "name", "quyet-dinh.pdf")
    data = b""
    try:
        try:
            data = _read_upload(file)
        except DomainError as exc:
            raise _Refused(str(exc), {}) from exc
        with transaction.atomic():
            record = _lock(decision)
            if record.is_digital:
                raise _Refused(_("Quyết định đã có bản ký số được chấp nhận."), {})
            result, report = _validated(record, data)
            stored = store_bytes(data, name=name, folder=f"{FOLDER}/{decision.pk}")
            old = record.signed_path
            signer = result.issuer_signature()
            record.kind = SignatureKind.DIGITAL
            record.signed_path, record.signed_sha256 = stored.path, stored.sha256
            record.signed_filename = signed_filename(record)
            record.signer_name = signer["signer"]
            record.signed_at = _parse(signer["signing_time"]) or timezone.now()
            record.report = report
            record.uploaded_by, record.uploaded_at = actor, timezone.now()
            queue = pki.agency_configured()
            record.agency_status = AgencyStatus.QUEUED if queue else AgencyStatus.NONE
            record.agency_path = record.agency_sha256 = record.agency_error = ""
            record.save()
            _log_upload(
                decision=decision,
                actor=actor,
                kind=SignatureKind.DIGITAL,
                name=name,
                data=data,
                accepted=True,
                report=report,
            )
            if old:
                transaction.on_commit(lambda: delete_stored_file(old))
            if queue:
                transaction.on_commit(lambda: _queue_agency(record.pk))
            return record
    except _Refused as exc:
        _log_upload(
            decision=decision,
            actor=actor,
            kind=SignatureKind.DIGITAL,
            name=name,
            data=data,
            accepted=False,
            reason=str(exc),
            report=exc.report,
        )
        raise DomainError(str(exc)) from None


class _Refused(Exception):
    def __init__(self, message: str, report: dict):
        super().__init__(message)
        self.report = report


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def scan_upload(*, decision: Decision, actor, file) -> SignedDecision:
    """Without certificates: the office uploads the scan of the paper decision signed in ink and stamped.

    Refused when a digitally signed file is already accepted. Side effects: the stored scan on the
    SignedDecision (kind scan, replacing an earlier scan); a DecisionSignatureUpload row and an audit row."""
    require_actor(actor, "awards.upload_signed_decision", decision)
    name = getattr(file, "name", "quyet-dinh-ban-quet.pdf")
    data = _read_upload(file)
    with transaction.atomic():
        record = _lock(decision)
        if record.is_digital:
            raise DomainError(_("Quyết định đã có bản ký số được chấp nhận; không cần tải bản quét."))
        stored = store_bytes(data, name=name, folder=f"{FOLDER}/{decision.pk}")
        old = record.signed_path
        record.kind = SignatureKind.SCAN
        record.signed_path, record.signed_sha256 = stored.path, stored.sha256
        record.signed_filename = signed_filename(record)
        record.signer_name = record.decision.signer_name
        record.signed_at = None
        record.report = {
            "kind": SignatureKind.SCAN,
            "sha256": stored.sha256,
            "checked_at": timezone.now().isoformat(),
        }
        record.uploaded_by, record.uploaded_at = actor, timezone.now()
        record.save()
        _log_upload(
            decision=decision, actor=actor, kind=SignatureKind.SCAN, name=name, data=data, accepted=True
        )
        if old:
            transaction.on_commit(lambda: delete_stored_file(old))
        return record


def agency_sign(*, record_id: int) -> str:
    """Add the agency's signature to an accepted signed decision and validate the result again (both
    signatures). Idempotent: a conditional UPDATE claims the queued record, so a second delivery does
    nothing. Returns the final agency status."""
    claimed = SignedDecision.objects.filter(pk=record_id, agency_status=AgencyStatus.QUEUED).update(
        agency_status=AgencyStatus.RUNNING
    )
    record = SignedDecision.objects.select_related("decision").get(pk=record_id)
    if not claimed:
        return record.agency_status
    try:
        signed = stored_file_path(record.signed_path).read_bytes()
        data = pdf.sign_as_agency(
            signed,
            page=record.field_page,
            box=pdf.agency_box(record.field_box),
            reason=_("Ký số của cơ quan ban hành Quyết định %(ref)s") % {"ref": record.decision.reference},
        )
        result = pdf.validate_signed(
            data, issued=issued_bytes(record), issuer_name=record.decision.signer_name
        )
        agency = result.signatures[-1]
        stored = store_bytes(data, name=record.signed_filename, folder=f"{FOLDER}/{record.decision_id}")
        SignedDecision.objects.filter(pk=record_id).update(
            agency_status=AgencyStatus.DONE,
            agency_path=stored.path,
            agency_sha256=stored.sha256,
            agency_name=agency["signer"],
            agency_signed_at=_parse(agency["signing_time"]) or timezone.now(),
            report=result.as_report(sha256=stored.sha256, issued_sha256=record.issued_sha256),
            agency_error="",
        )
        audit_record(
            actor=None, action="decision_agency_signed", target=record.decision, note=agency["signer"]
        )
        return AgencyStatus.DONE
    except Exception as exc:  # noqa: BLE001 - shown on the signing page; the log has the trace
        logger.exception("agency signature of signed decision %s failed", record_id)
        SignedDecision.objects.filter(pk=record_id).update(
            agency_status=AgencyStatus.FAILED, agency_error=str(exc)[:500]
        )
        return AgencyStatus.FAILED


def agency_retry(*, decision: Decision, actor) -> SignedDecision:
    """Queue the agency signature again after a failure (or once the agency's key is configured)."""
    require_actor(actor, "awards.upload_signed_decision", decision)
    if not pki.agency_configured():
        raise DomainError(_("Chưa cấu hình chứng thư số của cơ quan."))
    with transaction.atomic():
        record = _lock(decision)
        if not record.is_digital or record.agency_status in (AgencyStatus.DONE, AgencyStatus.RUNNING):
            return record
        record.agency_status = AgencyStatus.QUEUED
        record.save(update_fields=["agency_status"])
        transaction.on_commit(lambda: _queue_agency(record.pk))
        return record


def sign_certificates(data: bytes) -> bytes:
    """The certificates PDF with the agency's (invisible) signature when the agency's key is configured;
    the bytes unchanged otherwise."""
    if not pki.agency_configured():
        return data
    return pdf.sign_as_agency(data, reason=_("Ký số của cơ quan ban hành Giấy khen"))
