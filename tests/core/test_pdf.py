"""The shared document pieces of anhai_thidua/core/pdf.py and the URL fetcher's refusals."""

import pytest

from anhai_thidua.core.pdf import (
    DocumentHeader,
    RefusedURL,
    Signature,
    _fetcher,
    issuer_lines,
    keep_numbers_with_words,
)
from campaigns.models import Campaign
from campaigns.selectors import Plan


@pytest.mark.parametrize(
    ("issuer", "lines"),
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI", ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"]),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ ĐÀ NẴNG"]),
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG PHƯỜNG AN HẢI", ["HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "PHƯỜNG AN HẢI"]),
        ("PHÒNG VĂN HÓA - XÃ HỘI", ["PHÒNG VĂN HÓA - XÃ HỘI"]),
        ("TRUNG TÂM\nPHỤC VỤ HÀNH CHÍNH CÔNG", ["TRUNG TÂM", "PHỤC VỤ HÀNH CHÍNH CÔNG"]),
        ("", []),
    ],
)
def test_issuer_lines_split_the_way_wards_print_them(issuer, lines):
    assert issuer_lines(issuer) == lines
    assert DocumentHeader(issuer=issuer, reference="05/QĐ-UBND", date_line="").issuer_lines == lines


def test_keep_numbers_with_words_only_joins_short_numbers():
    title = "Công tác 6 tháng cuối năm 2025, Quyết định 407/QĐ-UBND ngày 31/7/2025 cho 04 cá nhân"
    assert keep_numbers_with_words(title) == (
        "Công tác 6\u00a0tháng cuối năm 2025, Quyết định 407/QĐ-UBND ngày 31/7/2025 cho 04\u00a0cá nhân"
    )


def test_signature_lines_skip_what_is_empty():
    assert Signature(
        authority="TM. ỦY BAN NHÂN DÂN", capacity="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Nguyễn Thế Đức"
    ).lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert Signature(title="CHỦ TỊCH", name="Trần Quốc Bảo").lines == ["CHỦ TỊCH"]


@pytest.mark.parametrize(
    "url", ["http://example.com/x.png", "https://a.b/c.css", "file:///etc/passwd", "ftp://x/y"]
)
def test_fetcher_refuses_everything_but_our_static_files(url):
    with pytest.raises(RefusedURL):
        _fetcher(url)


def test_fetcher_refuses_a_static_path_outside_the_static_folders():
    with pytest.raises(RefusedURL):
        _fetcher("static:/../../etc/passwd")


@pytest.mark.parametrize(
    ("issuer", "phrase"),
    [
        ("ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI", "UBND phường An Hải"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "UBND thành phố Đà Nẵng"),
        ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"),
    ],
)
def test_plan_issuer_phrase_for_running_text(issuer, phrase):
    plan = Plan(
        campaign=Campaign(issuer=issuer),
        legal_bases=[],
        sections={},
        responsibilities=[],
        criteria=[],
        award_forms=[],
    )
    assert plan.issuer_phrase == phrase


def test_plan_date_phrase_drops_the_place():
    campaign = Campaign(place="An Hải", issued_day=5, issued_month=2, issued_year=2026)
    plan = Plan(
        campaign=campaign, legal_bases=[], sections={}, responsibilities=[], criteria=[], award_forms=[]
    )
    assert plan.date_phrase == "ngày 05 tháng 02 năm 2026"
