"""Every participating unit's standing in one period, ranked, with what the dashboard counts from it: cached.

Counting and ranking 2,000 units reads every result of the period (one aggregate over 16,000 rows at city scale)
and sorts in Python; the outcome changes only when a result, a registration, a unit, a criterion or the period
does. It is kept in Django's cache under the tokens of those scopes (anhai_thidua/core/versions.py, replaced by every
save and delete) and the ids and thresholds of the targets (read on every request anyway), as plain tuples:
unpickling 2,000 tuples takes about a millisecond, 2,000 objects several.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from anhai_thidua.core import versions
from campaigns.models import Campaign

from .. import scopes
from ..enums import ResultStatus
from ..models import ReportingPeriod, Target
from .ranking import Standing, unit_standings

CACHE_VERSION = 1
MISSING_SHOWN = 10  # the units not registered named on the dashboard


@dataclass
class PeriodStandings:
    ranked: list[tuple]  # every participating unit's Standing as a tuple of its fields, in rank order
    missing: list[tuple]  # the first MISSING_SHOWN units not registered, by order and name (Standing tuples)
    missing_count: int
    units_reported: int  # units with at least one figure sent
    units_validated: int  # units whose every target is validated
    status_counts: dict[str, int]  # the period's figures by state

    def standings(self, rows: list[tuple]) -> list[Standing]:
        return [Standing(*row) for row in rows]


# Positions in a Standing tuple (the dataclass's field order).
_CODE, _NAME, _SHORT_NAME, _REGISTERED = 1, 2, 3, 5


def _as_tuple(s: Standing) -> tuple:
    return (
        s.pk,
        s.code,
        s.name,
        s.short_name,
        s.order,
        s.registered,
        s.met,
        s.not_met,
        s.not_applicable,
        s.pending,
        s.questioned,
        s.draft,
        s.rank,
    )


def matching(rows: list[tuple], needle: str) -> list[tuple]:
    """The rows whose unit's name or short name contains `needle` (casefolded), or whose code is it."""
    return [
        row
        for row in rows
        if needle in row[_NAME].casefold()
        or needle in (row[_SHORT_NAME] or "").casefold()
        or needle == row[_CODE].casefold()
    ]


def _build(campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]) -> PeriodStandings:
    standings = unit_standings(campaign, period, targets)
    status_counts = {s.value: 0 for s in ResultStatus}
    reported = validated_units = 0
    target_count = len(targets)
    for s in standings:
        status_counts[ResultStatus.VALIDATED] += s.validated
        status_counts[ResultStatus.REPORTED] += s.pending
        status_counts[ResultStatus.QUESTIONED] += s.questioned
        status_counts[ResultStatus.DRAFT] += s.draft
        reported += bool(s.validated or s.pending or s.questioned)
        validated_units += bool(target_count) and s.validated >= target_count
    missing = sorted((s for s in standings if not s.registered), key=lambda s: (s.order, s.name))
    return PeriodStandings(
        ranked=[_as_tuple(s) for s in standings],
        missing=[_as_tuple(s) for s in missing[:MISSING_SHOWN]],
        missing_count=len(missing),
        units_reported=reported,
        units_validated=int(validated_units),
        status_counts={key: int(n) for key, n in status_counts.items()},
    )


def _key(campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]) -> str:
    keyed = [scopes.UNITS, scopes.campaign(campaign.pk)]
    if period is not None:
        keyed.append(scopes.period(period.pk))
    shape = hashlib.md5(
        repr([(t.pk, str(t.threshold), t.comparator) for t in targets]).encode(), usedforsecurity=False
    ).hexdigest()
    tokens = ":".join(versions.tokens(*keyed))
    period_id = period.pk if period is not None else "-"
    return f"criteria:standings:{CACHE_VERSION}:{campaign.pk}:{period_id}:{shape}:{tokens}"


def period_standings(
    campaign: Campaign, period: ReportingPeriod | None, targets: list[Target]
) -> PeriodStandings:
    """Every participating unit's standing in `period`, ranked, and the period's progress counted from it: from
    the cache when nothing it depends on has changed since, else two aggregate queries (unit_standings)."""
    timeout = versions.cache_seconds()
    if not timeout:
        return _build(campaign, period, targets)
    # The tokens are read before the rows: a write committed after this read replaces a token, so a value
    # built from older rows is stored under a key no later request asks for.
    key = _key(campaign, period, targets)
    found = cache.get(key)
    if found is None:
        found = _build(campaign, period, targets)
        cache.set(key, found, timeout)
    return found
