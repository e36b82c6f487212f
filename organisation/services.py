"""Writes on the organisation."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError, IllegalTransition
from anhai_thidua.core.permissions import require_actor
from anhai_thidua.core.uploads import clean_original_name

from .enums import IMPORT_TRANSITIONS, ImportStatus, RowAction
from .importing import ImportFileError, ImportPlan, check_xlsx_bytes, plan_for_bytes
from .models import Official, OrganisationImport, Unit
from .selectors import organisation_import_read

DEFAULT_IMPORT_MAX_AGE = timedelta(hours=24)


def unit_set_document_code(*, unit: Unit, actor, code: str | None) -> Unit:
    """The office sets the unit's document code (validated by the form: NFC, letters/digits, unique).

    Side effects: audit row with the old and new code."""
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        old = locked.document_code or ""
        locked.document_code = code or None
        try:
            with transaction.atomic():
                locked.save(update_fields=["document_code"])
        except IntegrityError as exc:  # another unit took the code in between
            raise DomainError(
                _("Ký hiệu văn bản “%(code)s” đã dùng cho đơn vị khác.") % {"code": code}
            ) from exc
        if old != (locked.document_code or ""):
            audit_record(
                actor=actor,
                action="unit_document_code",
                target=locked,
                note=f"{old or '—'} → {locked.document_code or '—'}",
            )
    return locked


def import_max_age() -> timedelta:
    hours = getattr(settings, "ORGANISATION_IMPORT_MAX_AGE_HOURS", None)
    return timedelta(hours=hours) if hours else DEFAULT_IMPORT_MAX_AGE


def organisation_import_is_stale(organisation_import: OrganisationImport) -> bool:
    return organisation_import.created_at < timezone.now() - import_max_age()


def organisation_import_create(*, actor, data: bytes, filename: str) -> OrganisationImport:
    """Keep an uploaded workbook server-side (MEDIA_ROOT/imports/<random>.xlsx) for preview and confirm.

    Side effects: one file written under MEDIA_ROOT, one OrganisationImport row, one audit row.
    Nothing in the organisation changes.
    """
    try:
        check_xlsx_bytes(data)
    except ImportFileError as exc:
        raise DomainError(str(exc)) from exc
    with transaction.atomic():
        organisation_import = OrganisationImport(
            uploaded_by=actor,
            original_name=clean_original_name(filename),
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        organisation_import.file.save("upload.xlsx", ContentFile(data), save=False)
        organisation_import.save()
        audit_record(
            actor=actor,
            action="organisation_import_upload",
            target=organisation_import,
            to_state=ImportStatus.PENDING,
            note=organisation_import.original_name,
        )
    return organisation_import


def _require_uploader(organisation_import: OrganisationImport, actor) -> None:
    require_actor(
        actor,
        "organisation.finish_import",
        organisation_import,
        message=_("Bạn chỉ có thể xác nhận hoặc hủy tệp do chính mình tải lên."),
    )


def _refuse_unless_pending(organisation_import: OrganisationImport, actor, action: str) -> None:
    _require_uploader(organisation_import, actor)
    if organisation_import.status not in IMPORT_TRANSITIONS[action][1]:
        if organisation_import.status == ImportStatus.APPLIED:
            raise IllegalTransition(_("Tệp này đã được ghi vào hệ thống; không ghi lại lần nữa."))
        raise IllegalTransition(_("Lần nhập này đã bị hủy; hãy tải tệp lên lại."))
    if organisation_import_is_stale(organisation_import):
        raise DomainError(_("Lần nhập này đã quá hạn; hãy tải tệp lên lại để xem trước dữ liệu mới nhất."))


def _claim(organisation_import: OrganisationImport, action: str, **fields) -> None:
    # The conditional UPDATE is the claim: of two confirms racing, only one sees a pending row.
    _who, moves = IMPORT_TRANSITIONS[action]
    claimed = sum(
        OrganisationImport.objects.filter(pk=organisation_import.pk, status=from_state).update(
            status=to_state, **fields
        )
        for from_state, to_state in moves.items()
    )
    if not claimed:
        raise IllegalTransition(_("Tệp này đã được xử lý; không ghi lại lần nữa."))


def organisation_import_apply(*, import_id: int, actor, expected_digest: str = "") -> OrganisationImport:
    """Write the units and officials of a pending import, once, after re-reading and re-validating its bytes.

    Refused (DomainError, nothing written) when the import belongs to someone else, is not pending, is
    stale, its file is gone or altered, any row has an error, or the database changed since the preview
    (`expected_digest` is ImportPlan.digest() as the preview showed it).
    Side effects, in one transaction: units then officials created/updated, one audit row per written
    unit/official, the import marked applied with a summary, and one audit row on the import.
    """
    with transaction.atomic():
        organisation_import = OrganisationImport.objects.filter(pk=import_id).first()
        if organisation_import is None:
            raise DomainError(_("Không tìm thấy lần nhập này."))
        _refuse_unless_pending(organisation_import, actor, "apply")
        applied_at = timezone.now()
        _claim(organisation_import, "apply", applied_at=applied_at)
        plan = plan_for_bytes(organisation_import_read(organisation_import=organisation_import), lock=True)
        if plan.has_errors:
            raise DomainError(
                _("Tệp còn %(count)d lỗi; hãy sửa tệp theo bảng xem trước rồi tải lên lại.")
                % {"count": plan.error_count}
            )
        if expected_digest and plan.digest() != expected_digest:
            raise DomainError(
                _(
                    "Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước; hãy xem lại bảng xem trước rồi xác nhận."
                )
            )
        try:
            with transaction.atomic():
                summary = _write_plan(plan, actor=actor, organisation_import=organisation_import)
        except IntegrityError as exc:
            raise DomainError(
                _(
                    "Không ghi được vì dữ liệu trùng với dữ liệu đã có (mã hoặc tên đơn vị); không có gì được ghi."
                )
            ) from exc
        OrganisationImport.objects.filter(pk=organisation_import.pk).update(summary=summary)
        audit_record(
            actor=actor,
            action="organisation_import_apply",
            target=organisation_import,
            from_state=ImportStatus.PENDING,
            to_state=ImportStatus.APPLIED,
            note=_summary_text(summary),
        )
    organisation_import.refresh_from_db()
    return organisation_import


def organisation_import_discard(*, import_id: int, actor) -> OrganisationImport:
    """Drop a pending import without writing anything.

    Side effects: the import marked discarded, an audit row, and (after commit) its stored file deleted.
    """
    with transaction.atomic():
        organisation_import = OrganisationImport.objects.filter(pk=import_id).first()
        if organisation_import is None:
            raise DomainError(_("Không tìm thấy lần nhập này."))
        _require_uploader(organisation_import, actor)
        if organisation_import.status not in IMPORT_TRANSITIONS["discard"][1]:
            raise IllegalTransition(_("Lần nhập này đã được xử lý, không hủy được."))
        _claim(organisation_import, "discard", file="")
        audit_record(
            actor=actor,
            action="organisation_import_discard",
            target=organisation_import,
            from_state=ImportStatus.PENDING,
            to_state=ImportStatus.DISCARDED,
        )
        name, storage = organisation_import.file.name, organisation_import.file.storage
        if name:
            transaction.on_commit(lambda: storage.delete(name))
    organisation_import.refresh_from_db()
    return organisation_import


def organisation_import_purge_stale() -> int:
    """Discard pending imports past their age and delete their stored files.

    Idempotent: each import is claimed with a conditional UPDATE. Applied imports keep their file (it is
    the record of what was written). Side effects: imports marked discarded (no audit row: nobody acted),
    their files deleted after commit. Returns how many imports were discarded.
    """
    cutoff = timezone.now() - import_max_age()
    count = 0
    stale = OrganisationImport.objects.filter(status=ImportStatus.PENDING, created_at__lt=cutoff)
    for organisation_import in stale.only("pk", "file"):
        name, storage = organisation_import.file.name, organisation_import.file.storage
        with transaction.atomic():
            if OrganisationImport.objects.filter(
                pk=organisation_import.pk, status=ImportStatus.PENDING
            ).update(status=ImportStatus.DISCARDED, file=""):
                count += 1
                if name:
                    transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    return count


def _write_plan(plan: ImportPlan, *, actor, organisation_import: OrganisationImport) -> dict:
    note = _("Nhập từ tệp “%(name)s”") % {"name": organisation_import.original_name}
    units = {unit.code: unit for unit in Unit.objects.all()}
    next_order = (Unit.objects.aggregate(top=Max("order"))["top"] or 0) + 1
    # Top-level units first, so that a team's parent exists (teams are one level deep: the plan checked it).
    for rows in (
        [r for r in plan.units if not r.values["parent"]],
        [r for r in plan.units if r.values["parent"]],
    ):
        for row in rows:
            if row.action == RowAction.UNCHANGED:
                continue
            unit = units.get(row.key)
            if unit is None:
                unit = Unit(code=row.key, order=next_order)
                next_order += 1
            values = row.values
            unit.name = values["name"]
            unit.kind = values["kind"]
            unit.parent = units[values["parent"]] if values["parent"] else None
            if "short_name" in values:
                unit.short_name = values["short_name"]
            if "document_code" in values:
                unit.document_code = values["document_code"] or None
            if "email" in values:
                unit.email = values["email"]
            unit.save()
            units[unit.code] = unit
            _audit_row(actor, unit, row, note)

    for row in plan.officials:
        if row.action == RowAction.UNCHANGED:
            continue
        values = row.values
        official = row.target or Official()
        for name in ("code", "date_of_birth", "position", "email", "phone"):
            if name in values:
                setattr(official, name, values[name])
        official.full_name = values["full_name"]
        official.gender = values["gender"]
        official.unit = units[values["unit"]]
        official.save()
        _audit_row(actor, official, row, note)

    return plan.counts()


def _audit_row(actor, target, row, note: str) -> None:
    changes = "; ".join(f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in row.changes)
    audit_record(
        actor=actor,
        action="import_create" if row.action == RowAction.CREATE else "import_update",
        target=target,
        note=_("%(note)s, trang “%(sheet)s” dòng %(row)d")
        % {"note": note, "sheet": row.sheet, "row": row.number}
        + (f". {changes}" if changes else ""),
    )


def _summary_text(summary: dict) -> str:
    units = summary.get("units", {})
    officials = summary.get("officials", {})
    return _(
        "Đơn vị: thêm mới %(uc)d, cập nhật %(uu)d, không đổi %(un)d. "
        "Cán bộ: thêm mới %(oc)d, cập nhật %(ou)d, không đổi %(on)d."
    ) % {
        "uc": units.get(RowAction.CREATE, 0),
        "uu": units.get(RowAction.UPDATE, 0),
        "un": units.get(RowAction.UNCHANGED, 0),
        "oc": officials.get(RowAction.CREATE, 0),
        "ou": officials.get(RowAction.UPDATE, 0),
        "on": officials.get(RowAction.UNCHANGED, 0),
    }
