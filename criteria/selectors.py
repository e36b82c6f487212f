"""Reads for registration, criteria results, the dashboard and the reports; each in a fixed number of queries.

The dashboard, the ranking, the Excel workbook and the summary count only figures the office has validated;
the unit page shows every figure with its state.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Round
from django.db.models.lookups import GreaterThanOrEqual
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
    cells: list = field(default_factory=list)  # the dashboard page's matrix: one Cell or None per target

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


class _SubqueryCount(Subquery):
    """The number of rows of a subquery (which may be grouped), as one scalar."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _rows)"
    output_field = IntegerField()


def period_progress(
    campaign: Campaign, periods: list[ReportingPeriod], target_count: int
) -> list[PeriodProgress]:
    """Each period's figures by state and its units that reported / are fully validated: one aggregate query
    whatever the number of units."""
    scope = Q(unit__parent__isnull=True, unit__is_active=True)
    sent = [ResultStatus.REPORTED, ResultStatus.VALIDATED, ResultStatus.QUESTIONED]
    fully_validated = (
        TargetResult.objects.filter(scope, period=OuterRef("pk"), status=ResultStatus.VALIDATED)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=max(target_count, 1))
        .values("unit_id")
    )
    status_counts = {
        s.value: Count("results", filter=Q(results__status=s.value) & _prefixed(scope, "results__"))
        for s in ResultStatus
    }
    figures = (
        {
            row["pk"]: row
            for row in ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods])
            .order_by()
            .annotate(
                units_reported=Count(
                    "results__unit",
                    distinct=True,
                    filter=Q(results__status__in=sent) & _prefixed(scope, "results__"),
                ),
                units_validated=_SubqueryCount(fully_validated),
                **{f"n_{key}": agg for key, agg in status_counts.items()},
            )
            .values("pk", "units_reported", "units_validated", *[f"n_{key}" for key in status_counts])
        }
        if periods
        else {}
    )
    units_total = participating_units().count()
    progress = []
    for p in periods:
        row = figures.get(p.pk, {})
        progress.append(
            PeriodProgress(
                period=p,
                units_total=units_total,
                units_reported=row.get("units_reported", 0),
                units_validated=row.get("units_validated", 0) if target_count else 0,
                status_counts={s.value: row.get(f"n_{s.value}", 0) for s in ResultStatus},
            )
        )
    return progress


def _prefixed(q: Q, prefix: str) -> Q:
    """The same conditions, seen from a related model."""
    return Q(*[(prefix + key, value) for key, value in q.children], _connector=q.connector)


def campaign_dashboard(campaign: Campaign, *, period_id=None, today: date | None = None) -> Dashboard:
    """The whole campaign with every unit's row, for the documents and exports (a fixed number of queries)."""
    units = list(participating_units())
    criteria = campaign_criteria(campaign)
    targets = flat_targets(criteria)
    periods = period_list(campaign)
    period = period_choose(periods, period_id)
    rows = unit_rows(campaign, period, targets, units)
    registered_ids = {row.unit.pk for row in rows if row.registered}
    return Dashboard(
        campaign=campaign,
        deadlines=deadline_rows(campaign, today),
        units=units,
        missing_registrations=[u for u in units if u.pk not in registered_ids],
        registered_count=len(registered_ids),
        criteria=criteria,
        targets=targets,
        periods=period_progress(campaign, periods, len(targets)),
        period=period,
        rows=rows,
        dossier_states=dossier_counts_by_state(campaign),
    )


# ---- Dashboard page: aggregated in the database, one page of units at a time ---------------------------------

DASHBOARD_UNITS_PER_PAGE = 25
MISSING_SHOWN = 10


@dataclass
class Cell:
    percent: Decimal | None
    outcome: str


@dataclass
class DashboardPage:
    campaign: Campaign
    deadlines: list[DeadlineRow]
    unit_count: int
    registered_count: int
    missing_registrations: list[Unit]  # the first MISSING_SHOWN
    missing_count: int
    criteria: list[Criterion]
    targets: list[Target]
    periods: list[PeriodProgress]
    period: ReportingPeriod | None
    page: object  # a Paginator page of UnitRow, ranked over every unit
    query: str
    dossier_states: list[tuple[str, str, int]] | None

    @property
    def rows(self) -> list[UnitRow]:
        return list(self.page.object_list)

    @property
    def registered_percent(self) -> int:
        return round(100 * self.registered_count / self.unit_count) if self.unit_count else 0

    @property
    def missing_more(self) -> int:
        return self.missing_count - len(self.missing_registrations)

    @property
    def dossier_total(self) -> int:
        return sum(n for _s, _l, n in self.dossier_states or [])


def _met_condition() -> Q:
    """numerator / denominator ≥ threshold %, in whole numbers (the threshold has two decimals), as
    Target.evaluate judges it: numerator × 10000 ≥ round(threshold × 100) × denominator (64-bit: no overflow
    for any count a PositiveIntegerField holds)."""
    big = BigIntegerField()
    threshold_bp = Cast(Round(F("target__threshold") * 100), big)
    return Q(
        GreaterThanOrEqual(
            ExpressionWrapper(Cast(F("numerator"), big) * 10000, output_field=big),
            ExpressionWrapper(threshold_bp * Cast(F("denominator"), big), output_field=big),
        )
    )


def ranked_unit_counts(
    campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]
) -> list[UnitRow]:
    """Every participating unit's counts in `period`, ranked: two aggregate queries of one small row per unit;
    the UnitRow.unit objects carry only pk, code, name, short_name and order."""
    units = (
        participating_units()
        .annotate(is_registered=Exists(Registration.objects.filter(campaign=campaign, unit=OuterRef("pk"))))
        .values_list("pk", "code", "name", "short_name", "order", "is_registered")
    )
    counts: dict[int, dict] = {}
    if period is not None and targets:
        validated = Q(status=ResultStatus.VALIDATED)
        happened = Q(denominator__gt=0)
        counts = {
            row["unit_id"]: row
            for row in TargetResult.objects.filter(period=period, target__in=[t.pk for t in targets])
            .order_by()
            .values("unit_id")
            .annotate(
                met=Count("pk", filter=validated & happened & _met_condition()),
                judged=Count("pk", filter=validated & happened),
                not_applicable=Count("pk", filter=validated & Q(denominator=0)),
                pending=Count("pk", filter=Q(status=ResultStatus.REPORTED)),
                questioned=Count("pk", filter=Q(status=ResultStatus.QUESTIONED)),
                draft=Count("pk", filter=Q(status=ResultStatus.DRAFT)),
            )
        }
    rows = []
    for pk, code, name, short_name, order, registered in units:
        c = counts.get(pk)
        row = UnitRow(
            unit=Unit(pk=pk, code=code, name=name, short_name=short_name, order=order),
            registered=registered,
            total_targets=len(targets),
        )
        if c:
            row.met = c["met"]
            row.not_met = c["judged"] - c["met"]
            row.not_applicable = c["not_applicable"]
            row.pending, row.questioned, row.draft = c["pending"], c["questioned"], c["draft"]
        rows.append(row)
    return _rank(rows)


def dashboard_page(
    campaign: Campaign,
    *,
    period_id=None,
    query: str = "",
    page_number=None,
    per_page: int = DASHBOARD_UNITS_PER_PAGE,
    today: date | None = None,
) -> DashboardPage:
    """The dashboard page: counts and ranking aggregated in the database, the units × targets matrix for one
    page of units (a fixed number of queries whatever the number of units)."""
    criteria = campaign_criteria(campaign)
    targets = flat_targets(criteria)
    periods = period_list(campaign)
    period = period_choose(periods, period_id)
    ranked = ranked_unit_counts(campaign, period, targets)
    query = (query or "").strip()
    shown = ranked
    if query:
        needle = query.casefold()
        shown = [
            r
            for r in ranked
            if needle in r.unit.name.casefold()
            or needle in (r.unit.short_name or "").casefold()
            or needle == r.unit.code.casefold()
        ]
    page = Paginator(shown, per_page).get_page(page_number)
    by_id = {t.pk: t for t in targets}
    page_rows = {row.unit.pk: row for row in page.object_list}
    if period is not None and page_rows:
        for numerator, denominator, unit_id, target_id in TargetResult.objects.filter(
            period=period, unit__in=list(page_rows), target__in=list(by_id), status=ResultStatus.VALIDATED
        ).values_list("numerator", "denominator", "unit_id", "target_id"):
            percent, outcome = by_id[target_id].evaluate(numerator, denominator)
            page_rows[unit_id].results[target_id] = Cell(percent, outcome)
    for row in page_rows.values():
        row.cells = [row.results.get(t.pk) for t in targets]
    missing = [r.unit for r in sorted(ranked, key=lambda r: (r.unit.order, r.unit.name)) if not r.registered]
    return DashboardPage(
        campaign=campaign,
        deadlines=deadline_rows(campaign, today),
        unit_count=len(ranked),
        registered_count=len(ranked) - len(missing),
        missing_registrations=missing[:MISSING_SHOWN],
        missing_count=len(missing),
        criteria=criteria,
        targets=targets,
        periods=period_progress(campaign, periods, len(targets)),
        period=period,
        page=page,
        query=query,
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
