import unicodedata

from organisation.text import fold, name_sort_key, nfc


def test_nfc_composes_decomposed_vietnamese_and_trims():
    decomposed = unicodedata.normalize("NFD", "  Nguyễn Thị Ánh ")
    assert decomposed.strip() != "Nguyễn Thị Ánh"
    assert nfc(decomposed) == "Nguyễn Thị Ánh"
    assert nfc(None) == ""


def test_fold_removes_diacritics_and_case():
    assert fold("Nguyễn Văn Hùng") == "nguyen van hung"
    assert fold("ĐOÀN Văn Quang") == "doan van quang"
    assert fold(unicodedata.normalize("NFD", "Đặng Thị Mai Anh")) == "dang thi mai anh"


def test_name_sort_key_orders_by_given_then_middle_then_family_name():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn An", "Ngô An Bình", "Lê Văn Bình"]
    ordered = sorted(names, key=name_sort_key)
    # Given name first (An before Bình), then the middle name (Thị before Văn), then the family name.
    assert ordered == ["Trần Thị An", "Lê Văn An", "Ngô An Bình", "Lê Văn Bình", "Nguyễn Văn Bình"]


def test_name_sort_key_puts_d_stroke_after_d():
    names = ["Lê Văn Đức", "Lê Văn Dũng", "Lê Văn Em", "Lê Văn Duy"]
    assert sorted(names, key=name_sort_key) == ["Lê Văn Dũng", "Lê Văn Duy", "Lê Văn Đức", "Lê Văn Em"]


def test_name_sort_key_is_the_same_for_composed_and_decomposed_names():
    assert name_sort_key(unicodedata.normalize("NFD", "Nguyễn Văn Hùng")) == name_sort_key("Nguyễn Văn Hùng")


def test_name_sort_key_compares_letters_before_tones():
    names = ["Lê Hưng", "Lê Huy", "Lê Hùng", "Lê Hung", "Lê Ân", "Lê Anh", "Lê An"]
    assert sorted(names, key=name_sort_key) == [
        "Lê An",
        "Lê Anh",
        "Lê Ân",
        "Lê Hung",
        "Lê Hùng",
        "Lê Huy",
        "Lê Hưng",
    ]
