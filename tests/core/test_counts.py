"""Counts by group never print an empty group (anhai_thidua/core/templatetags/counts.py)."""

from django.template import Context, Template

from anhai_thidua.core.templatetags.counts import group_counts_text


def test_document_wording_leaves_out_an_empty_group():
    assert group_counts_text(1, 4) == "01 tập thể và 04 cá nhân"
    assert group_counts_text(0, 4) == "04 cá nhân"
    assert group_counts_text(["a", "b"], []) == "02 tập thể"
    assert group_counts_text(0, 0) == ""


def test_page_wording_leaves_out_an_empty_group():
    assert group_counts_text(0, 3, page=True) == "3 cá nhân"
    assert group_counts_text(2, 0, page=True) == "2 tập thể"
    assert group_counts_text(1, 1, page=True) == "1 tập thể, 1 cá nhân"
    assert group_counts_text(0, 0, page=True) == "—"


def test_tag_in_a_template():
    html = Template("{% load counts %}{% group_counts a b page=True %}|{% group_counts a b %}").render(
        Context({"a": 0, "b": [1, 2, 3, 4]})
    )
    assert html == "4 cá nhân|04 cá nhân"
