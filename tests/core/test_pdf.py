"""The shared document pieces of anhai_thidua/core/pdf.py and the URL fetcher's refusals."""

import base64
import io

import pytest
from django.contrib.staticfiles import finders
from PIL import Image
from pypdf import PdfReader

from anhai_thidua.core.pdf import (
    DocumentHeader,
    DocumentURLFetcher,
    RefusedURL,
    Signature,
    html_to_pdf,
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
        DocumentURLFetcher().fetch(url)


def test_fetcher_refuses_a_static_path_outside_the_static_folders():
    with pytest.raises(RefusedURL):
        DocumentURLFetcher().fetch("static:/../../etc/passwd")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (180, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def image_count(data: bytes) -> int:
    """How many image XObjects the PDF's pages draw."""
    count = 0
    for page in PdfReader(io.BytesIO(data)).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        count += sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    return count


@pytest.fixture
def our_static_image(settings, tmp_path):
    """A PNG in a static folder of ours, as static:img/mark.png."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "mark.png").write_bytes(_png())
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    finders.get_finder.cache_clear()
    yield "static:img/mark.png"
    finders.get_finder.cache_clear()


def test_fetcher_serves_our_static_image_and_data_urls(our_static_image):
    fetched = DocumentURLFetcher().fetch(our_static_image)
    assert fetched.read() == _png() and fetched.content_type == "image/png"
    data_url = "data:image/png;base64," + base64.b64encode(_png()).decode()
    assert DocumentURLFetcher().fetch(data_url).read() == _png()


def test_our_static_image_renders_into_the_pdf(our_static_image):
    assert image_count(html_to_pdf("<p>Không có ảnh</p>")) == 0
    assert image_count(html_to_pdf(f'<p><img src="{our_static_image}" width="20"></p>')) == 1


def test_template_urls_to_files_and_loopback_are_neither_fetched_nor_embedded(canary, our_static_image):
    html = f"""
    <html><head>
      <link rel="stylesheet" href="{canary.url}/style.css">
      <style>
        @import url("{canary.url}/import.css");
        body {{ background: url("{canary.url}/bg.png"); }}
        p {{ background-image: url("file:///etc/passwd"); }}
        @font-face {{ font-family: X; src: url("{canary.url}/font.ttf"); }}
      </style></head>
    <body>
      <p>Tài liệu</p>
      <img src="file:///etc/passwd"><img src="{canary.url}/img.png">
      <object data="file:///etc/hostname"></object><embed src="{canary.url}/embed">
      <a href="{canary.url}/link">liên kết</a>
      <img src="{our_static_image}" width="20">
    </body></html>"""
    data = html_to_pdf(html)
    assert canary.hits == []
    assert b"root:" not in data
    assert image_count(data) == 1  # ours only


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
        award_forms=[],
    )
    assert plan.issuer_phrase == phrase


def test_plan_date_phrase_drops_the_place():
    campaign = Campaign(place="An Hải", issued_day=5, issued_month=2, issued_year=2026)
    plan = Plan(campaign=campaign, legal_bases=[], sections={}, responsibilities=[], award_forms=[])
    assert plan.date_phrase == "ngày 05 tháng 02 năm 2026"


def test_canary_counts_what_a_default_fetcher_would_fetch(canary):
    """The control: WeasyPrint's own fetcher does reach the canary, so the refusals above are meaningful."""
    from weasyprint import HTML

    HTML(string=f'<img src="{canary.url}/img.gif">').write_pdf()
    assert canary.hits == ["/img.gif"]
