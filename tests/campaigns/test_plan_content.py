"""Criteria reach the plan through campaigns.plan_content, which the criteria app fills from its ready()."""

from campaigns.forms import editor_sections
from campaigns.plan_content import registered_plan_contents


def test_editor_pages_keep_the_plan_order_with_the_criteria_page_after_the_content():
    assert [section.slug for section in editor_sections()] == [
        "chung",
        "can-cu",
        "muc-dich",
        "yeu-cau",
        "noi-dung",
        "tieu-chi",
        "khen-thuong",
        "tieu-chuan",
        "ho-so",
        "tien-do",
        "to-chuc",
        "noi-nhan",
    ]


def test_criteria_register_their_plan_content_once():
    contents = registered_plan_contents()
    assert [content.key for content in contents] == ["criteria"]
    assert {model._meta.label for model in contents[0].models} == {"criteria.Criterion", "criteria.Target"}
