"""The money rule (domain.md §5, corrected): coefficient × the base salary in force on the day, rounded UP to
the next 10,000 đ for every subject; the rows are dated data the office keeps, seeded by a migration."""

import datetime as dt
from decimal import Decimal

import pytest

from anhai_thidua.core.domain import DomainError
from awards.models import AwardCoefficient, BaseSalary
from awards.money import RatesMissing, award_rates, money_rule, round_up

pytestmark = pytest.mark.django_db


def test_individual_amount_is_0_3_of_base_salary_rounded_up_to_ten_thousand():
    rates = award_rates(dt.date(2026, 2, 5))
    assert rates.base_salary == 2_340_000
    assert rates.individual_coefficient == Decimal("0.3")
    assert rates.individual == 710_000  # 702,000 → 710,000 (the old code gave 702,000)


def test_collective_is_0_6_of_base_salary_rounded_up_to_ten_thousand():
    rates = award_rates(dt.date(2026, 2, 5))
    assert rates.collective_coefficient == Decimal("0.6")
    assert rates.collective == 1_410_000  # 1,404,000 → 1,410,000


def test_the_migration_seeds_the_decrees_with_the_rows():
    assert list(BaseSalary.objects.order_by("valid_from").values_list("valid_from", "amount", "decree")) == [
        (dt.date(2023, 7, 1), 1_800_000, "Nghị định số 24/2023/NĐ-CP"),
        (dt.date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP"),
    ]
    rates = award_rates(dt.date(2026, 2, 5))
    assert rates.base_salary_decree == "Nghị định số 73/2024/NĐ-CP"
    assert rates.coefficient_decree == "Nghị định số 152/2025/NĐ-CP"
    household = AwardCoefficient.objects.get(subject="household", award_kind="giay_khen")
    assert household.value == Decimal("0.45")


def test_a_decision_uses_the_rows_in_force_on_its_date():
    BaseSalary.objects.create(
        valid_from=dt.date(2026, 7, 1), amount=2_530_000, decree="Nghị định số 1/2026/NĐ-CP"
    )
    before = award_rates(dt.date(2026, 6, 30))
    after = award_rates(dt.date(2026, 7, 1))
    assert (before.base_salary, before.individual, before.collective) == (2_340_000, 710_000, 1_410_000)
    # 0.3 × 2,530,000 = 759,000 → 760,000; 0.6 × = 1,518,000 → 1,520,000
    assert (after.base_salary, after.individual, after.collective) == (2_530_000, 760_000, 1_520_000)
    assert after.base_salary_decree == "Nghị định số 1/2026/NĐ-CP"


def test_a_day_before_the_first_row_is_refused_with_a_vietnamese_message():
    with pytest.raises(DomainError) as exc:
        award_rates(dt.date(2000, 1, 1))
    assert isinstance(exc.value, RatesMissing)
    assert str(exc.value).startswith("Chưa có mức lương cơ sở áp dụng cho ngày 01/01/2000")
    assert "01/07/2023" in str(exc.value)


def test_a_day_before_the_coefficients_is_refused():
    with pytest.raises(
        RatesMissing,
        match="Chưa có hệ số tiền thưởng Giấy khen của Chủ tịch UBND phường cho cá nhân áp dụng cho ngày 30/06/2025",
    ):
        award_rates(dt.date(2025, 6, 30))


def test_the_rounding_step_is_a_setting(settings):
    settings.AWARD_ROUND_TO = 1000
    assert award_rates(dt.date(2026, 2, 5)).individual == 702_000


def test_round_up_leaves_exact_multiples_alone():
    assert round_up(Decimal(700_000), 10_000) == 700_000
    assert round_up(Decimal(700_001), 10_000) == 710_000


def test_the_rule_sentence_is_built_from_the_rows_and_names_only_awarded_subjects():
    both = money_rule(
        base_salary=2_340_000,
        base_salary_decree="Nghị định số 73/2024/NĐ-CP",
        coefficient_decree="Nghị định số 152/2025/NĐ-CP",
        individual=(Decimal("0.3"), 710_000),
        collective=(Decimal("0.6"), 1_410_000),
    )
    assert both == (
        "Mức tiền thưởng theo Nghị định số 152/2025/NĐ-CP: tập thể bằng 0,6 lần mức lương cơ sở, là "
        "1.410.000 đồng (Một triệu bốn trăm mười nghìn đồng); cá nhân bằng 0,3 lần mức lương cơ sở, là "
        "710.000 đồng (Bảy trăm mười nghìn đồng) (mức lương cơ sở 2.340.000 đồng/tháng theo Nghị định số "
        "73/2024/NĐ-CP; số tiền làm tròn lên bội số của 10.000 đồng)."
    )
    only = money_rule(
        base_salary=2_340_000,
        base_salary_decree="",
        coefficient_decree="",
        individual=(Decimal("0.300"), 710_000),
        collective=None,
    )
    assert "tập thể" not in only and "2 lần" not in only
    assert "cá nhân bằng 0,3 lần mức lương cơ sở, là 710.000 đồng (Bảy trăm mười nghìn đồng)" in only
