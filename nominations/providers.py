"""Reminder providers owned by the nominations app, registered in the notifications registry from
NominationsConfig.ready():

- "submission": the heads of participating units whose dossier is not submitted (no dossier, a draft,
  or withdrawn); a unit the office gave a later deadline (DeadlineExtension) is reminded against it.
"""

from notifications.enums import ReminderKind
from notifications.registry import Owed, register_provider
from organisation.models import Unit
from organisation.selectors import unit_heads

from .enums import DossierState
from .models import DeadlineExtension, Dossier

# A dossier in one of these states does not count as submitted.
NOT_SUBMITTED_STATES = (DossierState.DRAFT, DossierState.WITHDRAWN)


def participating_units() -> list[Unit]:
    """Every active unit of the ward takes part (plan II.1); teams are reached through their unit."""
    return list(Unit.objects.filter(is_active=True, parent__isnull=True).order_by("order", "name"))


def submission_owed(campaign, kind):
    """Units whose dossier is not submitted, each with its extended deadline when the office gave one
    later than the campaign's (None: the campaign's deadline applies)."""
    submitted = set(
        Dossier.objects.filter(campaign=campaign)
        .exclude(state__in=NOT_SUBMITTED_STATES)
        .values_list("unit_id", flat=True)
    )
    units = [u for u in participating_units() if u.pk not in submitted]
    if not units:
        return []
    heads = unit_heads(units)
    extended = dict(
        DeadlineExtension.objects.filter(campaign=campaign, unit__in=units).values_list(
            "unit_id", "new_deadline"
        )
    )
    base = campaign.submission_deadline
    items = []
    for unit in units:
        deadline = extended.get(unit.pk)
        if deadline is not None and base is not None and deadline <= base:
            deadline = None
        items.append(Owed(unit=unit, recipients=tuple(heads[unit.pk]), deadline=deadline))
    return items


register_provider(ReminderKind.SUBMISSION, submission_owed)
