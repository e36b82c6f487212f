"""anhai_thidua.core.numwords: amounts in Vietnamese words, as the documents print them."""

import pytest

from anhai_thidua.core.money import money_text, money_words
from anhai_thidua.core.numwords import number_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (1, "một"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),  # lăm after a ten
        (20, "hai mươi"),
        (21, "hai mươi mốt"),  # mốt after mươi
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (101, "một trăm linh một"),  # linh for a zero ten
        (105, "một trăm linh năm"),  # năm, not lăm, after linh
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (10_000, "mười nghìn"),
        (105_000, "một trăm linh năm nghìn"),
        (710_000, "bảy trăm mười nghìn"),
        (1_000_000, "một triệu"),
        (1_001_000, "một triệu không trăm linh một nghìn"),
        (1_410_000, "một triệu bốn trăm mười nghìn"),
        (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
        (21_000_000, "hai mươi mốt triệu"),
        (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (1_000_050_000, "một tỷ không trăm năm mươi nghìn"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


def test_money_words_capitalised_with_the_currency():
    assert money_words(710_000) == "Bảy trăm mười nghìn đồng"
    assert money_words(0) == "Không đồng"


def test_money_text_puts_the_words_after_the_figure():
    assert money_text(710_000) == "710.000 đồng (Bảy trăm mười nghìn đồng)"
    assert money_text(1_410_000) == "1.410.000 đồng (Một triệu bốn trăm mười nghìn đồng)"


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        number_words(-1)
