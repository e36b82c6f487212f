"""{% load paging %}{% page_url "page" 3 %}: the current list's address with one page parameter changed.

The shared pagination (templates/includes/pagination.html) uses it so that a page with two lists (e.g. the
directory's units and officials) pages each with its own parameter and keeps every other filter.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, param: str, number: int) -> str:
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()
