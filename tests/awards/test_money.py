import datetime as dt
from decimal import Decimal

import pytest

from awards.money import award_rates, base_salary_on, round_up


def test_individual_amount_is_0_3_of_base_salary_rounded_up():
    rates = award_rates(dt.date(2026, 2, 5))
    assert rates.base_salary == 2_340_000
    assert rates.individual == 702_000


def test_collective_is_twice_the_individual_rounded_up_to_ten_thousand():
    assert award_rates(dt.date(2026, 2, 5)).collective == 1_410_000  # 1,404,000 → 1,410,000


def test_base_salary_is_the_one_in_force_on_the_decision_date():
    assert base_salary_on(dt.date(2024, 6, 30)) == 1_800_000
    assert base_salary_on(dt.date(2024, 7, 1)) == 2_340_000
    old = award_rates(dt.date(2024, 6, 30))
    assert (old.individual, old.collective) == (540_000, 1_080_000)


def test_no_base_salary_before_the_schedule_starts():
    with pytest.raises(ValueError):
        base_salary_on(dt.date(2000, 1, 1))


def test_settings_override_factor_multiplier_and_rounding(settings):
    settings.BASE_SALARY_SCHEDULE = [(dt.date(2026, 1, 1), 2_530_000)]
    settings.AWARD_INDIVIDUAL_FACTOR = Decimal("0.15")
    settings.AWARD_COLLECTIVE_MULTIPLIER = Decimal("2")
    settings.AWARD_ROUND_TO = 1000
    settings.AWARD_INDIVIDUAL_ROUND_TO = 10_000
    rates = award_rates(dt.date(2026, 2, 5))
    assert rates.individual == 380_000  # 379,500 → 380,000
    assert rates.collective == 759_000


def test_round_up_leaves_exact_multiples_alone():
    assert round_up(Decimal(700_000), 10_000) == 700_000
    assert round_up(Decimal(700_001), 10_000) == 710_000
