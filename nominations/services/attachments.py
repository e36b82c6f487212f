"""Files attached to a dossier, within its quota (settings.DOSSIER_UPLOAD_MAX_BYTES)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.uploads import delete_stored_file, store_upload
from campaigns.enums import DossierComponentKind
from campaigns.models import DossierRequirement
from organisation.text import nfc

from ..errors import DomainError
from ..models import Attachment, Dossier, Nominee
from .common import bump, lock_editable


def _check_dossier_quota(
    dossier: Dossier, file, *, kind: str, nominee: Nominee | None, replace: bool
) -> None:
    """Refuse a file that would take the dossier's files past settings.DOSSIER_UPLOAD_MAX_BYTES."""
    kept = Attachment.objects.filter(dossier=dossier)
    if replace:
        kept = kept.exclude(kind=kind, nominee=nominee)
    used = kept.aggregate(total=Sum("size"))["total"] or 0
    size = getattr(file, "size", 0) or 0
    limit = settings.DOSSIER_UPLOAD_MAX_BYTES
    if used + size > limit:
        raise DomainError(
            _(
                "Không tải lên được tệp “%(name)s” (%(size)s): các tệp của hồ sơ đã chiếm %(used)s, "
                "tổng dung lượng tối đa của một hồ sơ là %(limit)s. Hãy xóa bớt tệp không cần hoặc nén nhỏ tệp."
            )
            % {
                "name": getattr(file, "name", ""),
                "size": filesizeformat(size),
                "used": filesizeformat(used),
                "limit": filesizeformat(limit),
            }
        )


def attachment_add(
    *,
    dossier: Dossier,
    actor,
    file,
    kind: str,
    nominee: Nominee | None = None,
    requirement: DossierRequirement | None = None,
    description: str = "",
    replace: bool = False,
) -> Attachment:
    """Check and store an uploaded file (core.uploads) and attach it to the dossier. With `replace`, the
    earlier files of the same kind (and nominee) are removed.

    The files of one dossier together stay under settings.DOSSIER_UPLOAD_MAX_BYTES (checked before the file
    is stored, and again under the row lock).

    Side effects: audit row; replaced files deleted from disk after commit.
    """
    if kind not in DossierComponentKind.values:
        raise DomainError(_("Loại tài liệu không hợp lệ."))
    # Check permission, state and the dossier's quota before writing anything to disk.
    with transaction.atomic():
        _check_dossier_quota(lock_editable(dossier, actor), file, kind=kind, nominee=nominee, replace=replace)
    try:
        stored = store_upload(file, folder=f"nominations/{dossier.campaign_id}/{dossier.pk}")
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    try:
        with transaction.atomic():
            locked = lock_editable(dossier, actor)
            if nominee is not None and nominee.dossier_id != locked.pk:
                raise DomainError(_("Tài liệu phải thuộc người/tập thể trong hồ sơ này."))
            if requirement is not None and requirement.campaign_id != locked.campaign_id:
                raise DomainError(_("Yêu cầu hồ sơ không thuộc phong trào này."))
            _check_dossier_quota(locked, file, kind=kind, nominee=nominee, replace=replace)
            old_paths: list[str] = []
            if replace:
                old = Attachment.objects.filter(dossier=locked, kind=kind, nominee=nominee)
                old_paths = list(old.values_list("file_path", flat=True))
                old.delete()
            attachment = Attachment.objects.create(
                dossier=locked,
                kind=kind,
                nominee=nominee,
                requirement=requirement,
                description=nfc(description),
                uploaded_by=actor,
                **stored.as_fields(),
            )
            bump(locked)
            audit_record(actor=actor, action="attachment_add", target=locked, note=stored.original_name)
            if old_paths:
                transaction.on_commit(lambda: [delete_stored_file(p) for p in old_paths])
    except Exception:
        delete_stored_file(stored.path)
        raise
    return attachment


def attachment_remove(*, attachment: Attachment, actor) -> None:
    """Remove a file from the dossier. Side effects: audit row; the file is deleted after commit."""
    with transaction.atomic():
        locked = lock_editable(attachment.dossier, actor)
        attachment = Attachment.objects.get(pk=attachment.pk, dossier=locked)
        path, name = attachment.file_path, attachment.original_name
        attachment.delete()
        bump(locked)
        audit_record(actor=actor, action="attachment_remove", target=locked, note=name)
        transaction.on_commit(lambda: delete_stored_file(path))
