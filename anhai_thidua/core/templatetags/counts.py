"""{% load counts %}{% group_counts collectives individuals %}: "01 tập thể và 04 cá nhân", never a zero group.

A document or page that counts nominees or awardees by group names only the groups that have someone:
"04 cá nhân", not "00 tập thể và 04 cá nhân". Either argument may be a number or a list.
"""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _count(value) -> int:
    if value in (None, ""):
        return 0
    return value if isinstance(value, int) else len(value)


def group_counts_text(collectives, individuals, *, page: bool = False) -> str:
    """A document's wording (always Vietnamese, two digits, "và") or a page's ("1 tập thể, 4 cá nhân", "—")."""
    if page:
        nouns, joiner, empty = (_("tập thể"), _("cá nhân")), ", ", "—"
    else:
        nouns, joiner, empty = ("tập thể", "cá nhân"), " và ", ""
    parts = [
        f"{number:02d} {noun}" if not page else f"{number} {noun}"
        for number, noun in zip((_count(collectives), _count(individuals)), nouns, strict=True)
        if number
    ]
    return joiner.join(parts) if parts else empty


@register.simple_tag
def group_counts(collectives, individuals, page=False):
    return group_counts_text(collectives, individuals, page=page)
