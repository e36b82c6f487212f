"""Reminder providers owned by the criteria app, registered in the notifications registry from
CriteriaConfig.ready():

- "registration": the heads of participating units that have not registered for the campaign;
- "criteria_report": for each reporting period, the units with no figure beyond a draft, due on the
  period's due date (the campaign's deadline when it has no period).
"""

from notifications.enums import ReminderKind
from notifications.registry import Owed, register_provider
from organisation.selectors import unit_heads

from .enums import ResultStatus
from .models import ReportingPeriod, TargetResult
from .selectors import participating_units, units_without_registration


def _owed_by_units(units) -> list[Owed]:
    units = list(units)
    heads = unit_heads(units)
    return [Owed(unit=u, recipients=tuple(heads[u.pk])) for u in units]


def registration_owed(campaign, kind):
    """Participating units that have not registered for the campaign."""
    return _owed_by_units(units_without_registration(campaign))


def criteria_report_owed(campaign, kind):
    """Units that have not reported (beyond a draft) for a reporting period, each period with its own due
    date; every participating unit, due on the campaign's deadline, while the campaign has no period."""
    units = list(participating_units())
    periods = list(ReportingPeriod.objects.filter(campaign=campaign).order_by("due_date", "pk"))
    if not periods:
        return _owed_by_units(units)
    reported = set(
        TargetResult.objects.filter(period__campaign=campaign)
        .exclude(status=ResultStatus.DRAFT)
        .values_list("period_id", "unit_id")
        .distinct()
    )
    heads = unit_heads(units)
    return [
        Owed(
            unit=unit,
            recipients=tuple(heads[unit.pk]),
            deadline=period.due_date,
            object_ref=f"criteria.period:{period.pk}/unit:{unit.pk}",
            label=f"{unit.name} ({period.name})",
        )
        for period in periods
        for unit in units
        if (period.pk, unit.pk) not in reported
    ]


register_provider(ReminderKind.REGISTRATION, registration_owed)
register_provider(ReminderKind.CRITERIA_REPORT, criteria_report_owed)
