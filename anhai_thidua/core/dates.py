"""The Vietnamese date line of an administrative document (Nghị định 30/2020/NĐ-CP):
"An Hải, ngày 05 tháng 02 năm 2026" — a leading zero for days below 10 and for months 1 and 2 only.
A part that is not known yet is left blank for the signer to fill in by hand."""

from datetime import date

BLANK = "\u00a0" * 5


def day_text(day: int | None) -> str:
    """05, 10, 31; blank when unknown."""
    return f"{day:02d}" if day else BLANK


def month_text(month: int | None) -> str:
    """01, 02, then 3 … 12 without a zero (NĐ 30); blank when unknown."""
    if not month:
        return BLANK
    return f"{month:02d}" if month <= 2 else str(month)


def date_phrase(day: int | None, month: int | None, year: int | None) -> str:
    """ "ngày 05 tháng 02 năm 2026": the date line without its place, any part may be blank."""
    return f"ngày {day_text(day)} tháng {month_text(month)} năm {year if year else BLANK}"


def date_line(place: str, day: date | None) -> str:
    """ "An Hải, ngày 05 tháng 02 năm 2026"; with no day, day, month and year are all left blank."""
    if day is None:
        return f"{place}, {date_phrase(None, None, None)}"
    return f"{place}, {date_phrase(day.day, day.month, day.year)}"
