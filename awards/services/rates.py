"""The dated money rows: base salaries and award coefficients."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import require_actor
from organisation.text import nfc

from ..models import AwardCoefficient, BaseSalary


def _rate_row_save(model, *, actor, instance, values: dict, unique: dict, duplicate: str):
    require_actor(actor, "awards.manage_rates")
    values = {k: nfc(v).strip() if isinstance(v, str) else v for k, v in values.items()}
    clash = model.objects.filter(**unique)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise DomainError(duplicate)
    row = instance or model()
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    audit_record(actor=actor, action=f"{model._meta.model_name}_save", target=row, note=str(row))
    return row


@transaction.atomic
def base_salary_save(
    *, actor, valid_from: date, amount: int, decree: str, instance: BaseSalary | None = None
):
    """The office or an administrator adds or corrects a base salary row (lương cơ sở from a date on).

    Side effects: the row saved; an audit row. Issued decisions keep the figures they were issued with."""
    return _rate_row_save(
        BaseSalary,
        actor=actor,
        instance=instance,
        values={"valid_from": valid_from, "amount": amount, "decree": decree},
        unique={"valid_from": valid_from},
        duplicate=_("Đã có mức lương cơ sở áp dụng từ ngày %(day)s.")
        % {"day": valid_from.strftime("%d/%m/%Y")},
    )


@transaction.atomic
def coefficient_save(
    *,
    actor,
    valid_from: date,
    award_kind: str,
    subject: str,
    value,
    decree: str,
    instance: AwardCoefficient | None = None,
):
    """The office or an administrator adds or corrects an award coefficient row (hình thức, đối tượng, hệ số
    from a date on). Side effects: the row saved; an audit row."""
    return _rate_row_save(
        AwardCoefficient,
        actor=actor,
        instance=instance,
        values={
            "valid_from": valid_from,
            "award_kind": award_kind,
            "subject": subject,
            "value": value,
            "decree": decree,
        },
        unique={"valid_from": valid_from, "award_kind": award_kind, "subject": subject},
        duplicate=_("Đã có hệ số cho hình thức và đối tượng này áp dụng từ ngày %(day)s.")
        % {"day": valid_from.strftime("%d/%m/%Y")},
    )
