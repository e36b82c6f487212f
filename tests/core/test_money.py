"""One money format for documents and pages (anhai_thidua/core/money.py and its template filters)."""

from django.template import Context, Template

from anhai_thidua.core.money import dong, vnd


def test_vnd_puts_a_dot_between_thousands():
    assert vnd(4218000) == "4.218.000"
    assert vnd(702000) == "702.000"
    assert vnd(0) == "0"
    assert dong(1410000) == "1.410.000 đồng"


def test_template_filters_match_the_documents():
    html = Template("{% load money %}{{ a|dong }}|{{ b|vnd }}|{{ c|dong }}").render(
        Context({"a": 4218000, "b": 2340000, "c": None})
    )
    assert html == "4.218.000 đồng|2.340.000|—"
