"""Reminder providers owned by the review (they replace the notifications app's fallbacks):

- "returned_dossier": the heads of units whose dossier was returned, before the due date the office set;
- "review_limit": the office, for each dossier waiting for review, before its working-day limit.
"""

from django.urls import reverse

from nominations.enums import PENDING_REVIEW_STATES, DossierState
from nominations.models import Dossier
from notifications.enums import ReminderKind
from notifications.registry import Owed, register_provider
from organisation.selectors import office_users, unit_heads

from .deadlines import review_due


def returned_dossiers_owed(campaign, kind):
    """Returned dossiers with the due date of their last return; one reminder series per due date."""
    dossiers = list(
        Dossier.objects.filter(
            campaign=campaign, state=DossierState.RETURNED, review__supplement_due__isnull=False
        )
        .select_related("unit", "review")
        .order_by("pk")
    )
    heads = unit_heads(d.unit for d in dossiers)
    return [
        Owed(
            unit=d.unit,
            recipients=tuple(heads[d.unit_id]),
            deadline=d.review.supplement_due,
            object_ref=f"nominations.dossier:{d.pk}",
            label=d.unit.name,
            link=reverse("nominations:detail", args=[d.pk]),
        )
        for d in dossiers
    ]


def review_limit_owed(campaign, kind):
    """Dossiers waiting for the office's review, each due REVIEW_WORKING_DAYS working days after its
    last submission (reviews.deadlines). Recipients: the office users."""
    dossiers = list(
        Dossier.objects.filter(campaign=campaign, state__in=PENDING_REVIEW_STATES, submitted_at__isnull=False)
        .select_related("unit")
        .order_by("pk")
    )
    if not dossiers:
        return []
    office = tuple(office_users())
    return [
        Owed(
            unit=d.unit,
            recipients=office,
            deadline=review_due(d),
            # A resubmission moves the deadline, and the deadline is part of the exactly-once key.
            object_ref=f"nominations.dossier:{d.pk}",
            label=d.unit.name,
            link=reverse("reviews:review", args=[d.pk]),
        )
        for d in dossiers
    ]


register_provider(ReminderKind.RETURNED_DOSSIER, returned_dossiers_owed)
register_provider(ReminderKind.REVIEW_LIMIT, review_limit_owed)
