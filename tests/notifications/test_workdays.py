from datetime import date

import pytest

from notifications.workdays import (
    add_working_days,
    holiday_name,
    is_working_day,
    review_due_date,
    working_days_between,
)


def test_tet_2026_days_are_holidays_from_the_library():
    # Tết Bính Ngọ: 16/02 (29 Tết) … 20/02/2026; 14–15 and 21–22 are the weekends around it.
    for day in range(16, 21):
        assert holiday_name(date(2026, 2, day)), day
        assert not is_working_day(date(2026, 2, day))
    assert is_working_day(date(2026, 2, 13))
    assert is_working_day(date(2026, 2, 23))


def test_add_working_days_skips_tet_2026():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    # Ten working days from Friday 13/02: 23–27/02 and 02–06/03.
    assert add_working_days(date(2026, 2, 13), 10) == date(2026, 3, 6)
    assert working_days_between(date(2026, 2, 13), date(2026, 3, 6)) == 10
    # Twelve calendar days after 12/02, nine of them Tết or weekend.
    assert working_days_between(date(2026, 2, 12), date(2026, 2, 24)) == 3


def test_reunification_and_labour_day_2026():
    # Thursday 30/04 and Friday 01/05/2026 are holidays: Wednesday + 1 working day is Monday 04/05.
    assert not is_working_day(date(2026, 4, 30))
    assert not is_working_day(date(2026, 5, 1))
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert working_days_between(date(2026, 4, 28), date(2026, 5, 5)) == 3  # 29/4, 4/5, 5/5


def test_national_day_2026_with_its_substitute_days():
    # 31/08 (swapped with Saturday 22/08), 01/09 and 02/09/2026 are off; Saturday 22/08 is worked.
    assert not is_working_day(date(2026, 8, 31))
    assert not is_working_day(date(2026, 9, 1))
    assert not is_working_day(date(2026, 9, 2))
    assert is_working_day(date(2026, 8, 22))
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)


def test_weekends_and_hung_kings_day():
    assert not is_working_day(date(2025, 12, 13))  # Saturday
    assert not is_working_day(date(2025, 12, 14))  # Sunday
    assert not is_working_day(date(2026, 4, 27))  # Giỗ Tổ (26/04 is a Sunday): observed on Monday
    assert add_working_days(date(2025, 12, 12), 1) == date(2025, 12, 15)


@pytest.mark.parametrize("n", [0, 1, 5, 10, 23, -1, -10])
def test_working_days_between_inverts_add_working_days(n):
    start = date(2026, 2, 10)
    assert working_days_between(start, add_working_days(start, n)) == n


def test_review_due_date_follows_the_setting(settings):
    settings.REVIEW_WORKING_DAYS = 10
    assert review_due_date(date(2026, 2, 13)) == date(2026, 3, 6)
    settings.REVIEW_WORKING_DAYS = 3
    assert review_due_date(date(2026, 2, 13)) == date(2026, 2, 25)


def test_extra_days_from_settings(settings):
    settings.HOLIDAYS_EXTRA = [date(2025, 12, 24)]
    settings.WORKDAYS_EXTRA = [date(2025, 12, 27)]  # a Saturday worked in exchange
    assert not is_working_day(date(2025, 12, 24))
    assert is_working_day(date(2025, 12, 27))
    assert add_working_days(date(2025, 12, 23), 2) == date(2025, 12, 26)


def test_working_days_between_counts_as_day_by_day_does(settings):
    """The constant-time count gives the same answer as walking the days, across Tết, 30/4-1/5, 2/9,
    swapped Saturdays, year ends and the extra days from the settings."""
    from datetime import timedelta

    from anhai_thidua.core.workdays import is_working_day

    settings.HOLIDAYS_EXTRA = ["2026-06-01"]
    settings.WORKDAYS_EXTRA = ["2026-06-06"]

    def walked(a, b):
        return sum(1 for i in range(1, (b - a).days + 1) if is_working_day(a + timedelta(days=i)))

    start = date(2024, 12, 20)
    for offset in range(0, 800, 13):
        a = start + timedelta(days=offset)
        for span in (0, 1, 2, 5, 6, 7, 8, 30, 61, 200, 400):
            b = a + timedelta(days=span)
            assert working_days_between(a, b) == walked(a, b), (a, b)
            assert working_days_between(b, a) == -walked(a, b)
