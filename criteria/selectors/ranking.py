"""Units' validated figures in one period, counted and ranked."""

from dataclasses import dataclass, field

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThanOrEqual

from campaigns.models import Campaign
from organisation.models import Unit

from ..enums import Outcome, ResultStatus
from ..models import Registration, ReportingPeriod, Target, TargetResult
from .registration import participating_units


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
    url: str = ""  # the dashboard page's link to the unit's page

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


def _rank(rows: list, unit_of=lambda row: row.unit) -> list:
    """Rank by targets met, then fewer targets not met; equal units share a rank (1, 1, 3). `rows` are UnitRow
    or Standing (anything with met, not_met and validated; `unit_of` gives what has order and name)."""
    ranked = sorted(rows, key=lambda r: (-r.met, r.not_met, unit_of(r).order, unit_of(r).name))
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


def _met_condition(targets: list[Target]) -> Q:
    """numerator / denominator ≥ threshold %, in whole numbers (the threshold has two decimals), as
    Target.evaluate judges it: numerator × 10000 ≥ (threshold × 100) × denominator (64-bit: no overflow for any
    count a PositiveIntegerField holds). The thresholds come from `targets` (already loaded), so the count
    reads the results alone, without joining the targets."""
    big = BigIntegerField()
    threshold_bp = Case(
        *[When(target_id=t.pk, then=Value(int(t.threshold * 100))) for t in targets],
        default=Value(0),
        output_field=big,
    )
    return Q(
        GreaterThanOrEqual(
            ExpressionWrapper(Cast(F("numerator"), big) * 10000, output_field=big),
            ExpressionWrapper(threshold_bp * Cast(F("denominator"), big), output_field=big),
        )
    )


@dataclass
class Standing:
    """One participating unit's counts in one period and its rank, as plain values (no model instance): the
    dashboard ranks every unit but builds rows only for the page it shows."""

    pk: int
    code: str
    name: str
    short_name: str
    order: int
    registered: bool
    met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    pending: int = 0
    questioned: int = 0
    draft: int = 0
    rank: int | None = None

    @property
    def validated(self) -> int:
        return self.met + self.not_met + self.not_applicable

    def row(self, total_targets: int) -> UnitRow:
        return UnitRow(
            unit=Unit(
                pk=self.pk, code=self.code, name=self.name, short_name=self.short_name, order=self.order
            ),
            registered=self.registered,
            met=self.met,
            not_met=self.not_met,
            not_applicable=self.not_applicable,
            pending=self.pending,
            questioned=self.questioned,
            draft=self.draft,
            total_targets=total_targets,
            rank=self.rank,
        )


def unit_standings(
    campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]
) -> list[Standing]:
    """Every participating unit's counts in `period`, ranked: two aggregate queries of
    one small row per unit (the results grouped by unit, read from the covering index result_period_unit)."""
    units = (
        participating_units()
        .annotate(is_registered=Exists(Registration.objects.filter(campaign=campaign, unit=OuterRef("pk"))))
        .values_list("pk", "code", "name", "short_name", "order", "is_registered")
    )
    counts: dict[int, tuple] = {}
    if period is not None and targets:
        validated = Q(status=ResultStatus.VALIDATED)
        happened = Q(denominator__gt=0)
        counts = {
            row[0]: row[1:]
            for row in TargetResult.objects.filter(period=period, target__in=[t.pk for t in targets])
            .order_by()
            .values("unit_id")
            .annotate(
                met=Count("pk", filter=validated & happened & _met_condition(targets)),
                judged=Count("pk", filter=validated & happened),
                not_applicable=Count("pk", filter=validated & Q(denominator=0)),
                pending=Count("pk", filter=Q(status=ResultStatus.REPORTED)),
                questioned=Count("pk", filter=Q(status=ResultStatus.QUESTIONED)),
                draft=Count("pk", filter=Q(status=ResultStatus.DRAFT)),
            )
            .values_list("unit_id", "met", "judged", "not_applicable", "pending", "questioned", "draft")
        }
    standings = []
    for pk, code, name, short_name, order, registered in units:
        standing = Standing(pk, code, name, short_name, order, registered)
        c = counts.get(pk)
        if c:
            met, judged, standing.not_applicable, standing.pending, standing.questioned, standing.draft = c
            standing.met, standing.not_met = met, judged - met
        standings.append(standing)
    return _rank(standings, unit_of=lambda standing: standing)


def ranked_unit_counts(
    campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]
) -> list[UnitRow]:
    """Every participating unit's counts in `period`, ranked (see unit_standings); the UnitRow.unit objects
    carry only pk, code, name, short_name and order."""
    return [s.row(len(targets)) for s in unit_standings(campaign, period, targets)]
