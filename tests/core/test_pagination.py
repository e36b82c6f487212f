"""One pagination include for every list, keeping the list's filters (templates/includes/pagination.html)."""

from pathlib import Path

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def test_page_links_keep_the_query_string():
    request = RequestFactory().get("/to-chuc/", {"q": "Nguyễn", "don_vi": "vhxh", "page": "2"})
    page = Paginator(list(range(120)), 50).get_page(2)
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    assert 'href="?q=Nguy%E1%BB%85n&amp;don_vi=vhxh&amp;page=1"' in html
    assert 'href="?q=Nguy%E1%BB%85n&amp;don_vi=vhxh&amp;page=3"' in html
    assert "2 / 3" in html


def test_a_single_page_shows_no_pagination():
    request = RequestFactory().get("/")
    page = Paginator([1, 2], 50).get_page(1)
    assert render_to_string("includes/pagination.html", {"page": page}, request=request).strip() == ""


# Pages of a form whose picks travel with the page change: submit buttons (formaction), never links, so the
# shared include (links) cannot page them. The chair's tie of thousands (council/views/meetings.py tie_list_view).
FORM_PAGED = {"council/templates/council/tie_break.html"}


def test_every_paginated_list_uses_the_include():
    """A template that pages through a list includes the shared pagination; none writes its own links."""
    own = []
    for path in BASE_DIR.glob("*/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        if "page.has_next" in text or 'class="pagination' in text:
            own.append(str(path.relative_to(BASE_DIR)))
    assert sorted(own) == sorted(FORM_PAGED)
    for name in FORM_PAGED:  # its paging really is buttons of the form, no page link
        text = (BASE_DIR / name).read_text(encoding="utf-8")
        assert 'formaction="{{ here }}" name="trang"' in text and "?trang=" not in text
