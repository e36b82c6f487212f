"""The collectives and individuals a dossier proposes, and what is proposed for them."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.uploads import delete_stored_file
from campaigns.enums import NomineeKind
from campaigns.models import Standard
from organisation.models import Official, Unit
from organisation.text import nfc

from ..errors import DomainError
from ..models import Dossier, Nominee
from .common import bump, lock_editable


def _check_nominee_choices(
    locked: Dossier, *, award_kind: str, standards, evidence: str, kind: str
) -> list[Standard]:
    if not locked.campaign.award_forms.filter(kind=award_kind).exists():
        raise DomainError(_("Hình thức khen thưởng này không có trong kế hoạch của phong trào."))
    standards = list(standards or [])
    if not standards:
        raise DomainError(_("Hãy chọn ít nhất một tiêu chuẩn khen thưởng đạt được."))
    if any(s.campaign_id != locked.campaign_id or s.nominee_kind != kind for s in standards):
        raise DomainError(_("Tiêu chuẩn đã chọn không thuộc kế hoạch này hoặc không dành cho đối tượng này."))
    if not nfc(evidence):
        raise DomainError(_("Hãy ghi minh chứng, thành tích tiêu biểu."))
    return standards


def _check_subject(
    locked: Dossier, *, kind: str, official: Official | None, unit: Unit | None
) -> tuple[Official | None, Unit | None]:
    """Who is proposed: an active official of the unit, or the unit or one of its teams; once each."""
    if kind == NomineeKind.INDIVIDUAL:
        if official is None:
            raise DomainError(_("Hãy chọn cán bộ, công chức được đề nghị."))
        official_unit = official.unit
        if official_unit.pk != locked.unit_id and official_unit.parent_id != locked.unit_id:
            raise DomainError(_("Chỉ đề nghị được cán bộ, công chức của đơn vị mình."))
        if not official.is_active:
            raise DomainError(_("Cán bộ này không còn công tác tại đơn vị."))
        if locked.nominees.filter(official=official).exists():
            raise DomainError(_("%(name)s đã có trong hồ sơ.") % {"name": official.full_name})
        return official, None
    if kind == NomineeKind.COLLECTIVE:
        if unit is None:
            raise DomainError(_("Hãy chọn tập thể được đề nghị."))
        if unit.pk != locked.unit_id and unit.parent_id != locked.unit_id:
            raise DomainError(_("Chỉ đề nghị được chính đơn vị mình hoặc tổ, bộ phận thuộc đơn vị."))
        if locked.nominees.filter(unit=unit).exists():
            raise DomainError(_("%(name)s đã có trong hồ sơ.") % {"name": unit.name})
        return None, unit
    raise DomainError(_("Đối tượng đề nghị không hợp lệ."))


def nominee_add(
    *,
    dossier: Dossier,
    actor,
    kind: str,
    award_kind: str,
    standards,
    evidence: str,
    official: Official | None = None,
    unit: Unit | None = None,
) -> Nominee:
    """Add a collective (the unit or one of its teams) or an individual (an official of the unit).

    Side effects: audit row on the dossier.
    """
    with transaction.atomic():
        locked = lock_editable(dossier, actor)
        standards = _check_nominee_choices(
            locked, award_kind=award_kind, standards=standards, evidence=evidence, kind=kind
        )
        official, unit = _check_subject(locked, kind=kind, official=official, unit=unit)
        order = locked.nominees.filter(kind=kind).count() + 1
        nominee = Nominee.objects.create(
            dossier=locked,
            kind=kind,
            official=official,
            unit=unit,
            award_kind=award_kind,
            evidence=nfc(evidence),
            order=order,
        )
        nominee.standards.set(standards)
        bump(locked)
        audit_record(actor=actor, action="nominee_add", target=locked, note=nominee.display_name)
    return nominee


def nominee_update(*, nominee: Nominee, actor, award_kind: str, standards, evidence: str) -> Nominee:
    """Change what is proposed for a nominee and why. Side effects: audit row on the dossier."""
    with transaction.atomic():
        locked = lock_editable(nominee.dossier, actor)
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk, dossier=locked)
        standards = _check_nominee_choices(
            locked, award_kind=award_kind, standards=standards, evidence=evidence, kind=nominee.kind
        )
        nominee.award_kind = award_kind
        nominee.evidence = nfc(evidence)
        nominee.save(update_fields=["award_kind", "evidence"])
        nominee.standards.set(standards)
        bump(locked)
        audit_record(actor=actor, action="nominee_update", target=locked, note=nominee.display_name)
    return nominee


def nominee_remove(*, nominee: Nominee, actor) -> None:
    """Remove a nominee with its report, vote and scans. Side effects: audit row; files deleted after commit."""
    with transaction.atomic():
        locked = lock_editable(nominee.dossier, actor)
        nominee = Nominee.objects.get(pk=nominee.pk, dossier=locked)
        paths = list(nominee.attachments.values_list("file_path", flat=True))
        name = nominee.display_name
        nominee.delete()
        bump(locked)
        audit_record(actor=actor, action="nominee_remove", target=locked, note=name)
        transaction.on_commit(lambda: [delete_stored_file(p) for p in paths])
