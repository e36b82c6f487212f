"""{% load money %}: {{ amount|dong }} → "4.218.000 đồng", {{ amount|vnd }} → "4.218.000" (same as the PDFs)."""

from django import template

from anhai_thidua.core import money

register = template.Library()


@register.filter
def vnd(amount) -> str:
    if amount in (None, ""):
        return "—"
    return money.vnd(amount)


@register.filter
def dong(amount) -> str:
    if amount in (None, ""):
        return "—"
    return money.dong(amount)
