"""The campaign dashboard: deadlines, registration, progress per period and the ranked units × targets.

`campaign_dashboard` loads every unit (for the documents and exports); `dashboard_page` aggregates in the
database and loads one page of units (the dashboard page).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from campaigns.models import Campaign
from organisation.models import Unit

from ..enums import ResultStatus
from ..models import Criterion, ReportingPeriod, Target, TargetResult
from ..registry import dossier_source
from .plan import campaign_criteria, flat_targets, period_choose, period_list
from .ranking import UnitRow, unit_rows
from .registration import participating_units
from .standings import PeriodStandings, matching, period_standings


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
    campaign: Campaign,
    periods: list[ReportingPeriod],
    target_count: int,
    *,
    known: dict[int, PeriodProgress] | None = None,
) -> list[PeriodProgress]:
    """Each period's figures by state and its units that reported / are fully validated: one aggregate query
    whatever the number of units, over the periods not already in `known` (period id -> its progress, counted
    by the caller from figures it has read anyway); none when every period is known."""
    known = known or {}
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
            for row in ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods if p.pk not in known])
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
        if any(p.pk not in known for p in periods)
        else {}
    )
    units_total = next(iter(known.values())).units_total if known else participating_units().count()
    progress = []
    for p in periods:
        if p.pk in known:
            progress.append(known[p.pk])
            continue
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


def _progress_from_standings(period: ReportingPeriod, standings: PeriodStandings) -> PeriodProgress:
    """The period's progress counted from every participating unit's standing in it (the figures the ranking
    has read already): the same numbers period_progress counts in the database."""
    return PeriodProgress(
        period=period,
        units_total=len(standings.ranked),
        units_reported=standings.units_reported,
        units_validated=standings.units_validated,
        status_counts=dict(standings.status_counts),
    )


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


def dashboard_page(
    campaign: Campaign,
    *,
    period_id=None,
    query: str = "",
    page_number=None,
    per_page: int = DASHBOARD_UNITS_PER_PAGE,
    today: date | None = None,
    periods: list[ReportingPeriod] | None = None,
    with_dossiers: bool = True,
) -> DashboardPage:
    """The dashboard page: counts and ranking aggregated in the database, the units × targets matrix for one
    page of units (a fixed number of queries whatever the number of units). `periods`: the campaign's, when
    the caller has read them (period_list); `with_dossiers=False`: without the dossiers' counts (None)."""
    criteria = campaign_criteria(campaign)
    targets = flat_targets(criteria)
    if periods is None:
        periods = period_list(campaign)
    period = period_choose(periods, period_id)
    standings = period_standings(campaign, period, targets)
    query = (query or "").strip()
    shown = matching(standings.ranked, query.casefold()) if query else standings.ranked
    page = Paginator(shown, per_page).get_page(page_number)
    page.object_list = [s.row(len(targets)) for s in standings.standings(page.object_list)]
    by_id = {t.pk: t for t in targets}
    page_rows = {row.unit.pk: row for row in page.object_list}
    if period is not None and page_rows:
        for numerator, denominator, unit_id, target_id in (
            TargetResult.objects.filter(
                period=period, unit__in=list(page_rows), target__in=list(by_id), status=ResultStatus.VALIDATED
            )
            .order_by()
            .values_list("numerator", "denominator", "unit_id", "target_id")
        ):
            percent, outcome = by_id[target_id].evaluate(numerator, denominator)
            page_rows[unit_id].results[target_id] = Cell(percent, outcome)
    for row in page_rows.values():
        row.cells = [row.results.get(t.pk) for t in targets]
    known = {period.pk: _progress_from_standings(period, standings)} if period else {}
    return DashboardPage(
        campaign=campaign,
        deadlines=deadline_rows(campaign, today),
        unit_count=len(standings.ranked),
        registered_count=len(standings.ranked) - standings.missing_count,
        missing_registrations=[
            Unit(pk=s.pk, code=s.code, name=s.name, short_name=s.short_name, order=s.order)
            for s in standings.standings(standings.missing)
        ],
        missing_count=standings.missing_count,
        criteria=criteria,
        targets=targets,
        periods=period_progress(campaign, periods, len(targets), known=known),
        period=period,
        page=page,
        query=query,
        dossier_states=dossier_counts_by_state(campaign) if with_dossiers else None,
    )
