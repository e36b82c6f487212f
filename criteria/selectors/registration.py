"""Who takes part and who has registered."""

from django.db.models import Prefetch, QuerySet

from campaigns.models import Campaign
from organisation.models import Unit

from ..models import Registration, RegistrationCommitment


def participating_units() -> QuerySet[Unit]:
    """Every active department or unit of the ward takes part (plan II.1); teams report through their unit."""
    return Unit.objects.filter(parent__isnull=True, is_active=True).order_by("order", "name")


def units_without_registration(campaign: Campaign) -> QuerySet[Unit]:
    """Participating units that have not registered for `campaign` (the reminders use it)."""
    registered = Registration.objects.filter(campaign=campaign).values("unit_id")
    return participating_units().exclude(pk__in=registered)


def registration_for_unit(campaign: Campaign, unit: Unit) -> Registration | None:
    return (
        Registration.objects.filter(campaign=campaign, unit=unit)
        .select_related("registered_by", "registered_by__official")
        .prefetch_related(
            Prefetch("commitments", queryset=RegistrationCommitment.objects.select_related("criterion"))
        )
        .first()
    )


def registration_list(campaign: Campaign) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(campaign=campaign)
        .select_related("unit", "registered_by", "registered_by__official")
        .order_by("unit__order", "unit__name")
    )
