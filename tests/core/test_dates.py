"""The one date line (NĐ 30): leading zero for days below 10 and for months 1 and 2 only."""

from datetime import date

from anhai_thidua.core.dates import BLANK, date_line, date_phrase


def test_leading_zero_for_small_days_and_january_february_only():
    assert date_line("An Hải", date(2026, 2, 5)) == "An Hải, ngày 05 tháng 02 năm 2026"
    assert date_line("An Hải", date(2026, 1, 31)) == "An Hải, ngày 31 tháng 01 năm 2026"
    assert date_line("An Hải", date(2025, 3, 9)) == "An Hải, ngày 09 tháng 3 năm 2025"
    assert date_line("An Hải", date(2025, 12, 15)) == "An Hải, ngày 15 tháng 12 năm 2025"


def test_unknown_parts_are_left_blank_for_the_signer():
    assert date_line("An Hải", None) == f"An Hải, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    assert date_phrase(None, None, 2026) == f"ngày {BLANK} tháng {BLANK} năm 2026"
    assert date_phrase(None, 8, 2025) == f"ngày {BLANK} tháng 8 năm 2025"
