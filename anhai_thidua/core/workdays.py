"""Working days in Viet Nam: Monday to Friday, minus public holidays, plus the Saturdays the government
swaps in as working days.

Holidays come from the maintained `holidays` library (Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and the
substitute days it knows). Days the government announces later than the library's release can be added
through settings.HOLIDAYS_EXTRA / settings.WORKDAYS_EXTRA (ISO dates from the environment).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("VN")


def _extra(name: str) -> frozenset[date]:
    return _parsed(tuple(str(d) for d in getattr(settings, name, ()) or ()))


@lru_cache(maxsize=8)
def _parsed(days: tuple[str, ...]) -> frozenset[date]:
    """The setting's ISO dates parsed once per value (a reminder page asks for thousands of days)."""
    return frozenset(date.fromisoformat(d) for d in days)


def is_holiday(day: date) -> bool:
    """A public holiday or one of its substitute days off (weekends are not counted here)."""
    if day in _extra("HOLIDAYS_EXTRA"):
        return True
    return day in _calendar()


def holiday_name(day: date) -> str | None:
    return _calendar().get(day)


def is_working_day(day: date) -> bool:
    if day in _extra("WORKDAYS_EXTRA"):
        return True
    # Membership first: it fills the library's tables for that year, weekend_workdays included
    # (HolidayBase.is_working_day reads weekend_workdays without filling it).
    if is_holiday(day):
        return False
    if day.weekday() >= 5:
        return day in _calendar().weekend_workdays
    return True


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (before it when n < 0); `start` itself is not counted.

    add_working_days(Friday 13/02/2026, 1) is Monday 23/02/2026: the Tết days and the weekend are skipped.
    n == 0 gives `start` back unchanged.
    """
    extras = (_extra("HOLIDAYS_EXTRA"), _extra("WORKDAYS_EXTRA"))
    return _add_working_days(start, n, extras)


@lru_cache(maxsize=4096)
def _add_working_days(start: date, n: int, extras: tuple) -> date:
    """add_working_days, remembered per (start, n) and the extra days in force (a setting changed in a test
    or by a deploy gives another key): thousands of dossiers share a few submission days."""
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (negative when b < a).

    working_days_between(a, add_working_days(a, n)) == n for every n.
    """
    if b < a:
        return -working_days_between(b, a)
    # In constant time whatever the distance (a page lists deadlines a year away): the weekdays counted by
    # arithmetic, then each day the calendar treats otherwise (a holiday, a swapped Saturday, an extra day)
    # in the range corrects the count.
    count = _weekdays_after(a, b)
    for day in _special_days(a.year, b.year):
        if a < day <= b:
            count += int(is_working_day(day)) - int(day.weekday() < 5)
    return count


def _weekdays_after(a: date, b: date) -> int:
    """Mondays to Fridays after `a` up to and including `b` (b >= a)."""
    weeks, rest = divmod((b - a).days, 7)
    start = a.weekday()
    return weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + i) % 7 < 5)


def _special_days(first_year: int, last_year: int) -> set[date]:
    days = set(_extra("HOLIDAYS_EXTRA")) | set(_extra("WORKDAYS_EXTRA"))
    for year in range(first_year, last_year + 1):
        days.update(_calendar_days(year))
    return days


@lru_cache(maxsize=64)
def _calendar_days(year: int) -> frozenset[date]:
    """The year's holidays and swapped working Saturdays from the library."""
    calendar = _calendar()
    date(year, 1, 1) in calendar  # noqa: B015 - membership fills the library's tables for that year
    return frozenset(d for d in list(calendar) + list(calendar.weekend_workdays) if d.year == year)


def review_due_date(complete_on: date) -> date:
    """Last day of the office's review: settings.REVIEW_WORKING_DAYS working days after the day the
    dossier became complete (domain.md §4, a setting to verify)."""
    return add_working_days(complete_on, settings.REVIEW_WORKING_DAYS)
