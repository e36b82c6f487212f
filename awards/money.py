"""Reward money (domain.md §5): Giấy khen for an individual = factor × base salary in force on the decision
date, a collective = multiplier × that, rounded UP to the next AWARD_ROUND_TO đồng (1,404,000 → 1,410,000).
The individual amount rounds up to AWARD_INDIVIDUAL_ROUND_TO (default 1,000 đ: domain.md's example keeps
702,000 đ, which is not a multiple of 10,000). All settings."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.conf import settings

from campaigns.enums import NomineeKind


def base_salary_on(day: date) -> int:
    """The base salary (lương cơ sở) in force on `day`, from the dated BASE_SALARY_SCHEDULE."""
    in_force = [(start, amount) for start, amount in settings.BASE_SALARY_SCHEDULE if start <= day]
    if not in_force:
        raise ValueError(f"no base salary in force on {day.isoformat()}")
    return max(in_force)[1]


def round_up(amount: Decimal, step: int) -> int:
    """Round up to the next multiple of `step` (1,404,000 → 1,410,000 for 10,000)."""
    if step <= 1:
        return int(amount.to_integral_value(rounding=ROUND_CEILING))
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


@dataclass(frozen=True)
class Rates:
    base_salary: int
    individual: int
    collective: int

    def for_kind(self, kind: str) -> int:
        return self.collective if kind == NomineeKind.COLLECTIVE else self.individual


def award_rates(day: date) -> Rates:
    """The amounts of a Giấy khen on `day` for an individual and a collective."""
    base = base_salary_on(day)
    individual = Decimal(base) * Decimal(settings.AWARD_INDIVIDUAL_FACTOR)
    collective = individual * Decimal(settings.AWARD_COLLECTIVE_MULTIPLIER)
    return Rates(
        base_salary=base,
        individual=round_up(individual, int(settings.AWARD_INDIVIDUAL_ROUND_TO)),
        collective=round_up(collective, int(settings.AWARD_ROUND_TO)),
    )


def award_amount(kind: str, day: date) -> int:
    return award_rates(day).for_kind(kind)
