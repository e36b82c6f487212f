"""Demo data for registration and criteria results: every unit registered, one reporting period with figures.

Safe to run again: rows are keyed by their natural keys and left alone when they exist.
"""

import math
from datetime import date

from django.db import transaction
from django.utils import timezone

from anhai_thidua.core import versions
from campaigns.models import Campaign
from campaigns.timeline import Timeline, demo_timeline, replaying
from organisation.enums import Role
from organisation.selectors import first_user_with_role, unit_heads

from . import scopes
from .enums import Comparator, ResultStatus
from .models import Registration, RegistrationCommitment, ReportingPeriod, Target, TargetResult
from .selectors import participating_units

DEMO_PERIOD_NAME = "6 tháng cuối năm 2025"
# (unit index, target index) pairs that miss the target, so the dashboard shows both outcomes.
QUESTIONED_NOTE = (
    "Tổng số hồ sơ chưa khớp với số liệu trên hệ thống Một cửa điện tử; đề nghị đơn vị kiểm tra lại."
)


def _counts(target: Target, unit_index: int, target_index: int) -> tuple[int, int]:
    """Deterministic counts: most targets met, about one in four missed, one 0-of-0 (nothing happened)."""
    denominator = 40 + 7 * unit_index + 3 * target_index
    if (unit_index * 3 + target_index) % 11 == 5:
        return 0, 0
    needed = math.ceil(target.threshold * denominator / 100)
    if target.comparator == Comparator.EXACTLY_ALL or target.threshold >= 100:
        needed = denominator
    if (unit_index + target_index) % 4 == 0:
        return max(needed - 1 - unit_index % 3, 0), denominator
    return min(needed + (unit_index + target_index) % 3, denominator), denominator


@transaction.atomic
def criteria_seed_demo(
    campaign: Campaign, *, today: date | None = None, timeline: Timeline | None = None
) -> dict[str, int]:
    """Register every unit and report one period of figures; the office has validated most of them.

    The last unit's figures wait for validation and one figure of the first unit is questioned, so every
    state of the workflow can be seen. Dates come from the demo timeline (registration, report, validation,
    all before the seed day). Returns counts of rows created.
    """
    today = today or timezone.localdate()
    timeline = timeline or demo_timeline(today, "plan")
    units = list(participating_units())
    heads = {unit_id: users[0] for unit_id, users in unit_heads(units).items() if users}
    office = first_user_with_role(Role.OFFICE)
    criteria = list(campaign.criteria.order_by("order", "id"))
    targets = list(Target.objects.filter(criterion__campaign=campaign).order_by("criterion__order", "order"))
    created = {"registrations": 0, "results": 0, "periods": 0}

    with replaying(timeline.at(timeline.registered, 9)):
        _register(campaign, units, heads, criteria, created)
    with replaying(timeline.at(timeline.validated, 15)):
        _report(campaign, units, heads, office, targets, timeline, created, today)
    return created


def _register(campaign, units, heads, criteria, created) -> None:
    for unit in units:
        registration, new = Registration.objects.get_or_create(
            campaign=campaign,
            unit=unit,
            defaults={
                "registered_by": heads.get(unit.pk),
                "note": "Đơn vị xây dựng kế hoạch thực hiện riêng.",
            },
        )
        if new:
            created["registrations"] += 1
            RegistrationCommitment.objects.bulk_create(
                RegistrationCommitment(
                    registration=registration,
                    criterion=criterion,
                    text=f"{unit.name} cam kết thực hiện đạt và vượt tiêu chí {criterion.number} của Kế hoạch.",
                )
                for criterion in criteria
            )


def _report(campaign, units, heads, office, targets, timeline, created, today) -> None:
    period, new = ReportingPeriod.objects.get_or_create(
        campaign=campaign,
        name=DEMO_PERIOD_NAME,
        defaults={
            "start": campaign.period_start,
            "end": campaign.period_end,
            "due_date": campaign.criteria_report_deadline or timeline.criteria_report_deadline,
        },
    )
    created["periods"] += int(new)
    if TargetResult.objects.filter(period=period).exists():
        return

    reported_at = timeline.at(timeline.reported, 10)
    validated_at = timeline.at(timeline.validated, 15)
    rows = []
    for u, unit in enumerate(units):
        waiting = u == len(units) - 1
        for t, target in enumerate(targets):
            numerator, denominator = _counts(target, u, t)
            status = ResultStatus.REPORTED if waiting else ResultStatus.VALIDATED
            comment = ""
            if u == 0 and t == 1 and not waiting:
                status, comment = ResultStatus.QUESTIONED, QUESTIONED_NOTE
            rows.append(
                TargetResult(
                    period=period,
                    unit=unit,
                    target=target,
                    numerator=numerator,
                    denominator=denominator,
                    status=status,
                    office_comment=comment,
                    reported_by=heads.get(unit.pk),
                    reported_at=reported_at,
                    validated_by=office if status == ResultStatus.VALIDATED else None,
                    validated_at=validated_at if status == ResultStatus.VALIDATED else None,
                )
            )
    TargetResult.objects.bulk_create(rows)
    # bulk_create sends no post_save
    versions.bump(scopes.period(period.pk), *{scopes.unit(row.unit_id) for row in rows})
    created["results"] = len(rows)
