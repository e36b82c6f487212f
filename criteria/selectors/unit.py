"""One unit's figures per period and target, with their evidence."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch

from anhai_thidua.core import versions
from campaigns.models import Campaign
from organisation.models import Unit

from .. import scopes
from ..enums import ResultStatus
from ..models import Criterion, EvidenceFile, ReportingPeriod, Target, TargetResult
from .plan import campaign_criteria, period_list
from .registration import registration_for_unit


@dataclass
class TargetLine:
    target: Target
    result: TargetResult | None


@dataclass
class PeriodBlock:
    period: ReportingPeriod
    groups: list[tuple[Criterion, list[TargetLine]]]
    counts: Counter

    @property
    def lines(self) -> list[TargetLine]:
        return [line for _c, lines in self.groups for line in lines]

    @property
    def has_editable(self) -> bool:
        return any(line.result is None or line.result.is_editable for line in self.lines)


def unit_results(
    campaign: Campaign, unit: Unit, *, period_id=None
) -> tuple[list[PeriodBlock], list[ReportingPeriod]]:
    """A unit's figures per period and target with their evidence (a fixed number of queries).

    Returns the blocks (all periods, or only `period_id` when given) and all periods.
    """
    criteria = campaign_criteria(campaign)
    periods = period_list(campaign)
    shown = [p for p in periods if period_id is None or str(p.pk) == str(period_id)]
    by_id = {t.pk: t for c in criteria for t in c.targets.all()}
    results = {
        (r.period_id, r.target_id): r
        for r in TargetResult.objects.filter(period__in=shown, unit=unit)
        .order_by()  # kept in a dict: the default order would join the targets and criteria to sort
        .select_related("validated_by", "validated_by__official")
        .prefetch_related(Prefetch("evidence", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")))
    }
    for (_p, target_id), result in results.items():
        if target_id in by_id:
            result.target = by_id[target_id]
    blocks = []
    for period in shown:
        groups = []
        counts: Counter = Counter()
        for criterion in criteria:
            lines = [TargetLine(t, results.get((period.pk, t.pk))) for t in criterion.targets.all()]
            for line in lines:
                if line.result is not None:
                    counts[line.result.status] += 1
                    if line.result.status == ResultStatus.VALIDATED:
                        counts[line.result.outcome] += 1
            if lines:
                groups.append((criterion, lines))
        blocks.append(PeriodBlock(period=period, groups=groups, counts=counts))
    return blocks, periods


def unit_page(campaign: Campaign, unit: Unit) -> tuple[list[PeriodBlock], list[ReportingPeriod], object]:
    """The unit page's reads: unit_results for every period, and the unit's registration with its
    commitments. Kept under the campaign's scope (criteria, targets, periods, registrations), the unit's (its
    figures, evidence, registration and commitments) and the people's names (who registered, who validated)
    until one of them changes: seven queries on a miss, none on a hit."""

    def build():
        blocks, periods = unit_results(campaign, unit)
        return blocks, periods, registration_for_unit(campaign, unit)

    return versions.cached(
        "criteria-unit-page",
        [scopes.campaign(campaign.pk), scopes.unit(unit.pk), scopes.PEOPLE],
        build,
        campaign.pk,
        unit.pk,
    )
