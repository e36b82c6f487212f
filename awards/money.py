"""Reward money (domain.md §5, docs/awards.md): the amount of an award = its coefficient × the base salary,
both the rows in force on the decision date (awards.BaseSalary, awards.AwardCoefficient, kept by the office
in the browser), rounded UP to the next AWARD_ROUND_TO đồng (10,000) for every subject:
0.3 × 2,340,000 = 702,000 → 710,000 đ; 0.6 × 2,340,000 = 1,404,000 → 1,410,000 đ."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.money import money_text, vnd
from campaigns.enums import AwardKind, NomineeKind

from .enums import RewardSubject
from .models import AwardCoefficient, BaseSalary

__all__ = ["Rates", "RatesMissing", "award_rates", "money_rule", "round_up", "vnd"]


class RatesMissing(DomainError):
    """No base salary or coefficient is in force on the day asked."""


def round_up(amount: Decimal, step: int) -> int:
    """Round up to the next multiple of `step` (702,000 → 710,000 and 1,404,000 → 1,410,000 for 10,000)."""
    if step <= 1:
        return int(amount.to_integral_value(rounding=ROUND_CEILING))
    return int((amount / step).to_integral_value(rounding=ROUND_CEILING)) * step


def decimal_text(value: Decimal) -> str:
    """ "0,3": a coefficient as Vietnamese write it (decimal comma, no trailing zeros)."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


@dataclass(frozen=True)
class Rates:
    base_salary: int
    base_salary_decree: str
    individual_coefficient: Decimal
    collective_coefficient: Decimal
    coefficient_decree: str
    individual: int
    collective: int

    def for_kind(self, kind: str) -> int:
        return self.collective if kind == NomineeKind.COLLECTIVE else self.individual


def _day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def award_rates(day: date, award_kind: str = AwardKind.GIAY_KHEN) -> Rates:
    """The amounts of an award form on `day` for an individual and a collective, from the rows in force.

    Raises RatesMissing (a Vietnamese message) when no base salary or coefficient is in force on `day`."""
    base = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if base is None:
        first = BaseSalary.objects.order_by("valid_from").first()
        raise RatesMissing(
            _(
                "Chưa có mức lương cơ sở áp dụng cho ngày %(day)s%(hint)s. Hãy chọn ngày khác hoặc bổ sung mức lương cơ sở."
            )
            % {
                "day": _day_text(day),
                "hint": _(" (mức đầu tiên áp dụng từ ngày %(first)s)")
                % {"first": _day_text(first.valid_from)}
                if first
                else "",
            }
        )
    coefficients = {}
    for subject in (RewardSubject.INDIVIDUAL, RewardSubject.COLLECTIVE):
        row = (
            AwardCoefficient.objects.filter(valid_from__lte=day, award_kind=award_kind, subject=subject)
            .order_by("-valid_from")
            .first()
        )
        if row is None:
            raise RatesMissing(
                _("Chưa có hệ số tiền thưởng %(kind)s cho %(subject)s áp dụng cho ngày %(day)s.")
                % {
                    "kind": AwardKind(award_kind).label,
                    "subject": RewardSubject(subject).label.lower(),
                    "day": _day_text(day),
                }
            )
        coefficients[subject] = row
    individual = coefficients[RewardSubject.INDIVIDUAL]
    collective = coefficients[RewardSubject.COLLECTIVE]
    step = int(settings.AWARD_ROUND_TO)
    return Rates(
        base_salary=base.amount,
        base_salary_decree=base.decree,
        individual_coefficient=individual.value,
        collective_coefficient=collective.value,
        coefficient_decree=individual.decree,
        individual=round_up(Decimal(base.amount) * individual.value, step),
        collective=round_up(Decimal(base.amount) * collective.value, step),
    )


def money_rule(
    *,
    base_salary: int,
    base_salary_decree: str,
    coefficient_decree: str,
    individual: tuple[Decimal, int] | None,
    collective: tuple[Decimal, int] | None,
) -> str:
    """The sentence of Điều 2 that states the rule and the amounts, built from the rows the decision used:
    only the subjects the decision awards, each coefficient as stored, each amount in figures and words."""
    parts = []
    if collective is not None:
        parts.append(
            f"tập thể bằng {decimal_text(collective[0])} lần mức lương cơ sở, là {money_text(collective[1])}"
        )
    if individual is not None:
        parts.append(
            f"cá nhân bằng {decimal_text(individual[0])} lần mức lương cơ sở, là {money_text(individual[1])}"
        )
    step = vnd(int(settings.AWARD_ROUND_TO))
    decree = f" theo {coefficient_decree}" if coefficient_decree else ""
    base_decree = f" theo {base_salary_decree}" if base_salary_decree else ""
    return (
        f"Mức tiền thưởng{decree}: {'; '.join(parts)} (mức lương cơ sở {vnd(base_salary)} đồng/tháng"
        f"{base_decree}; số tiền làm tròn lên bội số của {step} đồng)."
    )
