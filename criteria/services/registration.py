"""Registration (đăng ký thi đua) and the reporting periods."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from campaigns.models import Campaign
from organisation.models import Unit
from organisation.text import nfc

from ..models import (
    Criterion,
    Registration,
    RegistrationCommitment,
    ReportingPeriod,
)
from ._guards import _require_launched, _require_top_unit

# ---- Registration -------------------------------------------------------------------------------------------


def registration_submit(
    *,
    campaign: Campaign,
    unit: Unit,
    actor,
    commitments: dict[int, str],
    note: str = "",
    today: date | None = None,
) -> Registration:
    """Register `unit` for `campaign` with one commitment per criterion, or update its commitments.

    One registration per campaign and unit (a unique constraint): submitting again updates it, until the
    registration deadline; after it, refused. Side effects: audit row ("registration_submit" or
    "registration_update").
    """
    _require_launched(campaign)
    _require_top_unit(unit)
    today = today or timezone.localdate()
    deadline = campaign.registration_deadline
    if deadline and today > deadline:
        raise DomainError(
            _("Đã hết hạn đăng ký thi đua (hạn cuối %(date)s). Hãy liên hệ Phòng Văn hóa - Xã hội.")
            % {"date": date_format(deadline, "d/m/Y")}
        )
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("order", "id"))
    texts = {c.pk: nfc((commitments.get(c.pk) or "").strip()) for c in criteria}
    missing = [c.number for c in criteria if not texts[c.pk]]
    if missing:
        raise DomainError(
            _("Hãy ghi nội dung cam kết cho tiêu chí: %(numbers)s.") % {"numbers": ", ".join(missing)}
        )
    with transaction.atomic():
        registration, created = _registration_lock_or_create(
            campaign, unit, actor=actor, note=nfc(note.strip())
        )
        existing = {c.criterion_id: c for c in registration.commitments.all()}
        for criterion in criteria:
            row = existing.get(criterion.pk)
            if row is None:
                RegistrationCommitment.objects.create(
                    registration=registration, criterion=criterion, text=texts[criterion.pk]
                )
            elif row.text != texts[criterion.pk]:
                row.text = texts[criterion.pk]
                row.save(update_fields=["text"])
        audit_record(
            actor=actor,
            action="registration_submit" if created else "registration_update",
            target=registration,
            note=unit.name,
        )
    return registration


def _registration_lock_or_create(
    campaign: Campaign, unit: Unit, *, actor, note: str
) -> tuple[Registration, bool]:
    """The unit's registration, locked, with `note`; created when there is none. Returns (it, created)."""
    registration = Registration.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
    if registration is None:
        try:
            with transaction.atomic():
                return Registration.objects.create(
                    campaign=campaign, unit=unit, registered_by=actor, note=note
                ), True
        except IntegrityError:
            # Someone registered the same unit a moment ago: update theirs instead.
            registration = Registration.objects.select_for_update().get(campaign=campaign, unit=unit)
    registration.note = note
    registration.save(update_fields=["note", "updated_at"])
    return registration, False


# ---- Reporting periods --------------------------------------------------------------------------------------


def period_save(
    *,
    campaign: Campaign,
    actor,
    name: str,
    start: date,
    end: date,
    due_date: date,
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    """Create a reporting period of `campaign`, or change `period`. Side effects: audit row."""
    if not campaign.is_editable:
        raise DomainError(_("Phong trào đã kết thúc: không thể sửa kỳ báo cáo."))
    name = nfc(name.strip())
    if end < start:
        raise DomainError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
    if due_date < start:
        raise DomainError(_("Hạn báo cáo không thể trước ngày bắt đầu kỳ."))
    clash = ReportingPeriod.objects.filter(campaign=campaign, name=name)
    if period is not None:
        clash = clash.exclude(pk=period.pk)
    if clash.exists():
        raise DomainError(_("Đã có kỳ báo cáo tên “%(name)s” trong phong trào này.") % {"name": name})
    with transaction.atomic():
        if period is None:
            period = ReportingPeriod.objects.create(
                campaign=campaign, name=name, start=start, end=end, due_date=due_date
            )
            audit_record(actor=actor, action="period_create", target=period, note=name)
        else:
            period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
            period.name, period.start, period.end, period.due_date = name, start, end, due_date
            period.save(update_fields=["name", "start", "end", "due_date"])
            audit_record(actor=actor, action="period_update", target=period, note=name)
    return period
