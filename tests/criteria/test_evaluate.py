"""The percentage and met / not met, judged on exact fractions, at the edges."""

from decimal import Decimal

import pytest

from criteria.enums import Outcome
from criteria.models import Target
from criteria.templatetags.criteria_tags import percent


def target(threshold, comparator="gte"):
    return Target(threshold=Decimal(threshold), comparator=comparator, label="t", code="t")


def test_zero_of_zero_is_not_applicable():
    assert target(80).evaluate(0, 0) == (None, Outcome.NOT_APPLICABLE)
    assert target(100, "all").evaluate(0, 0) == (None, Outcome.NOT_APPLICABLE)


def test_exactly_on_the_threshold_is_met():
    assert target(80).evaluate(80, 100) == (Decimal("80.00"), Outcome.MET)
    assert target(60).evaluate(3, 5) == (Decimal("60.00"), Outcome.MET)
    assert target(95).evaluate(19, 20) == (Decimal("95.00"), Outcome.MET)


def test_one_below_the_threshold_is_not_met():
    assert target(80).evaluate(79, 100) == (Decimal("79.00"), Outcome.NOT_MET)
    assert target(60).evaluate(2, 5) == (Decimal("40.00"), Outcome.NOT_MET)


def test_judged_on_the_exact_fraction_not_the_rounded_percentage():
    # 97.995 % rounds to 98.00 for display but is below 98 %.
    percent_shown, outcome = target(98).evaluate(19599, 20000)
    assert percent_shown == Decimal("98.00")
    assert outcome == Outcome.NOT_MET
    # 2/3 = 66.67 % shown; meets 66.66 %, not 66.67 %.
    assert target("66.66").evaluate(2, 3) == (Decimal("66.67"), Outcome.MET)
    assert target("66.67").evaluate(2, 3) == (Decimal("66.67"), Outcome.NOT_MET)


def test_hundred_percent_targets_need_every_item():
    assert target(100, "all").evaluate(12, 12) == (Decimal("100.00"), Outcome.MET)
    assert target(100, "all").evaluate(11, 12) == (Decimal("91.67"), Outcome.NOT_MET)
    assert target(100, "all").evaluate(999, 1000)[1] == Outcome.NOT_MET


@pytest.mark.parametrize("numerator, denominator", [(-1, 5), (6, 5), (0, -1)])
def test_impossible_counts_are_refused(numerator, denominator):
    with pytest.raises(ValueError):
        target(80).evaluate(numerator, denominator)


def test_percent_is_shown_the_vietnamese_way():
    assert percent(Decimal("83.33")) == "83,33%"
    assert percent(Decimal("80.00")) == "80%"
    assert percent(Decimal("97.50")) == "97,5%"
    assert percent(None) == "—"
