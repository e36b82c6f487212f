"""Reads for registration, criteria results, the dashboard and the reports; each in a fixed number of queries.

The dashboard, the ranking, the Excel workbook and the summary count only figures the office has validated;
the unit page shows every figure with its state.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation.models import Unit

from .enums import Outcome, ResultStatus
from .models import (
    Announcement,
    Criterion,
    EvidenceFile,
    Registration,
    RegistrationCommitment,
    ReportingPeriod,
    Target,
    TargetResult,
)
from .registry import dossier_source


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


# ---- Results per unit ---------------------------------------------------------------------------------------


@dataclass
class UnitRow:
    """One unit's validated figures in one period and its standing."""

    unit: Unit
    registered: bool = False
    results: dict[int, TargetResult] = field(default_factory=dict)  # target id -> validated result
    met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    pending: int = 0  # reported, waiting for the office
    questioned: int = 0
    draft: int = 0
    total_targets: int = 0
    rank: int | None = None

    @property
    def validated(self) -> int:
        return self.met + self.not_met + self.not_applicable

    @property
    def judged(self) -> int:
        """Targets with a validated figure that happened (not 0 of 0)."""
        return self.met + self.not_met

    @property
    def met_percent(self) -> int:
        return round(100 * self.met / self.total_targets) if self.total_targets else 0


def _rank(rows: list[UnitRow]) -> list[UnitRow]:
    """Rank by targets met, then fewer targets not met; equal units share a rank (1, 1, 3)."""
    ranked = sorted(rows, key=lambda r: (-r.met, r.not_met, r.unit.order, r.unit.name))
    previous, rank = None, 0
    for position, row in enumerate(ranked, 1):
        key = (row.met, row.not_met)
        if key != previous:
            rank, previous = position, key
        row.rank = rank if row.validated else None
    return ranked


def unit_rows(
    campaign: Campaign, period: ReportingPeriod | None, targets: list[Target], units: list[Unit]
) -> list[UnitRow]:
    """Every participating unit with its validated figures in `period`, ranked (2 queries)."""
    registered = set(Registration.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    rows = {u.pk: UnitRow(unit=u, registered=u.pk in registered, total_targets=len(targets)) for u in units}
    by_id = {t.pk: t for t in targets}
    if period is not None:
        for result in TargetResult.objects.filter(period=period, unit__in=list(rows), target__in=list(by_id)):
            row = rows[result.unit_id]
            result.target = by_id[result.target_id]
            if result.status == ResultStatus.VALIDATED:
                row.results[result.target_id] = result
                outcome = result.outcome
                if outcome == Outcome.MET:
                    row.met += 1
                elif outcome == Outcome.NOT_MET:
                    row.not_met += 1
                else:
                    row.not_applicable += 1
            elif result.status == ResultStatus.REPORTED:
                row.pending += 1
            elif result.status == ResultStatus.QUESTIONED:
                row.questioned += 1
            else:
                row.draft += 1
    return _rank(list(rows.values()))


# ---- Dashboard ----------------------------------------------------------------------------------------------


@dataclass
class DeadlineRow:
    kind: str
    label: str
    day: date | None
    days_left: int | None

    @property
    def passed(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass
class PeriodProgress:
    period: ReportingPeriod
    units_total: int
    units_reported: int  # units with at least one figure sent (reported, questioned or validated)
    units_validated: int  # units whose every target is validated
    status_counts: dict[str, int]

    @property
    def is_overdue(self) -> bool:
        return self.period.due_date < timezone.localdate() and self.units_reported < self.units_total


@dataclass
class Dashboard:
    campaign: Campaign
    deadlines: list[DeadlineRow]
    units: list[Unit]
    missing_registrations: list[Unit]
    registered_count: int
    criteria: list[Criterion]
    targets: list[Target]
    periods: list[PeriodProgress]
    period: ReportingPeriod | None
    rows: list[UnitRow]
    dossier_states: list[tuple[str, str, int]] | None  # (state, label, count); None without dossiers

    @property
    def unit_count(self) -> int:
        return len(self.units)

    @property
    def registered_percent(self) -> int:
        return round(100 * self.registered_count / self.unit_count) if self.unit_count else 0

    @property
    def dossier_total(self) -> int:
        return sum(n for _s, _l, n in self.dossier_states or [])


def deadline_rows(campaign: Campaign, today: date | None = None) -> list[DeadlineRow]:
    today = today or timezone.localdate()
    return [
        DeadlineRow(kind, label, day, (day - today).days if day else None)
        for kind, label, day in campaign.deadlines()
    ]


def dossier_counts_by_state(campaign: Campaign) -> list[tuple[str, str, int]] | None:
    """Dossiers of the campaign by state (the nominations app's registered source, one aggregate query);
    None where no app provides dossiers."""
    source = dossier_source()
    return None if source is None else source.counts(campaign)


def campaign_dashboard(campaign: Campaign, *, period_id=None, today: date | None = None) -> Dashboard:
    """The campaign at a glance for the office and the leaders (a fixed number of queries)."""
    units = list(participating_units())
    criteria = campaign_criteria(campaign)
    targets = flat_targets(criteria)
    periods = period_list(campaign)
    period = period_choose(periods, period_id)
    rows = unit_rows(campaign, period, targets, units)
    registered_ids = {row.unit.pk for row in rows if row.registered}
    unit_ids = {u.pk for u in units}

    per_unit: dict[int, dict[int, Counter]] = defaultdict(lambda: defaultdict(Counter))
    status_counts: dict[int, Counter] = defaultdict(Counter)
    for period_id_, unit_id, status, n in (
        TargetResult.objects.filter(period__campaign=campaign, unit__in=unit_ids)
        .order_by()
        .values_list("period_id", "unit_id", "status")
        .annotate(n=Count("pk"))
        .values_list("period_id", "unit_id", "status", "n")
    ):
        per_unit[period_id_][unit_id][status] += n
        status_counts[period_id_][status] += n
    progress = []
    for p in periods:
        units_reported = sum(
            1
            for counts in per_unit[p.pk].values()
            if counts[ResultStatus.REPORTED]
            + counts[ResultStatus.VALIDATED]
            + counts[ResultStatus.QUESTIONED]
        )
        units_validated = sum(
            1
            for counts in per_unit[p.pk].values()
            if targets and counts[ResultStatus.VALIDATED] >= len(targets)
        )
        progress.append(
            PeriodProgress(
                period=p,
                units_total=len(units),
                units_reported=units_reported,
                units_validated=units_validated,
                status_counts={s.value: status_counts[p.pk][s.value] for s in ResultStatus},
            )
        )
    return Dashboard(
        campaign=campaign,
        deadlines=deadline_rows(campaign, today),
        units=units,
        missing_registrations=[u for u in units if u.pk not in registered_ids],
        registered_count=len(registered_ids),
        criteria=criteria,
        targets=targets,
        periods=progress,
        period=period,
        rows=rows,
        dossier_states=dossier_counts_by_state(campaign),
    )


# ---- One unit -----------------------------------------------------------------------------------------------


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


def announcement_list(*, campaign: Campaign | None = None) -> QuerySet[Announcement]:
    """Published announcements, newest first; the public page shows those of launched and closed campaigns."""
    qs = Announcement.objects.filter(published_at__lte=timezone.now()).select_related(
        "campaign", "author", "author__official"
    )
    if campaign is not None:
        return qs.filter(campaign=campaign)
    return qs.exclude(campaign__status=CampaignStatus.DRAFT)


def mean_percent(results: list[TargetResult]) -> Decimal | None:
    values = [r.percent for r in results if r.percent is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(Decimal("0.01"))
