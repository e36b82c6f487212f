"""The campaign's criteria with their targets, and its reporting periods."""

from django.db.models import Prefetch

from campaigns.models import Campaign

from ..models import Criterion, ReportingPeriod, Target


def campaign_criteria(campaign: Campaign) -> list[Criterion]:
    """The criteria with their targets loaded (2 queries)."""
    return list(
        campaign.criteria.order_by("order", "id").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("order", "id"))
        )
    )


def flat_targets(criteria: list[Criterion]) -> list[Target]:
    return [t for c in criteria for t in c.targets.all()]


def period_list(campaign: Campaign) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(campaign=campaign).order_by("start", "id"))


def period_choose(periods: list[ReportingPeriod], period_id) -> ReportingPeriod | None:
    """The period asked for, else the latest one."""
    for period in periods:
        if str(period.pk) == str(period_id):
            return period
    return periods[-1] if periods else None
