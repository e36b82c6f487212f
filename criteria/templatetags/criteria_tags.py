from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import allowed
from campaigns.models import Campaign

register = template.Library()


@register.simple_tag
def rule_allows(user, perm: str, obj=None) -> bool:
    """The permission as the views check it (the `rules` predicates only): Django's `perms` and the rules
    library's own tag go through user.has_perm, whose model backend reads the permission tables (2 queries)
    for every user the predicate refuses."""
    return allowed(user, perm, obj)


@register.filter
def percent(value) -> str:
    """Decimal('83.33') -> "83,33%"; None (0 of 0) -> "—"."""
    if value is None:
        return "—"
    text = f"{Decimal(value):.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


@register.filter
def subtract(value, arg):
    return (value or 0) - (arg or 0)


@register.filter
def lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}" if text else ""


@register.inclusion_tag("criteria/_campaign_panel.html", takes_context=True)
def criteria_campaign_panel(context, campaign: Campaign):
    """Announcements and links to registration and results on the campaign page (2 queries)."""
    from .. import selectors

    user = context["request"].user
    heads = []
    if user.is_authenticated and user.headed_unit_ids():
        heads = list(selectors.participating_units().filter(pk__in=user.headed_unit_ids()))
    return {
        "campaign": campaign,
        "announcements": list(selectors.announcement_list(campaign=campaign)[:5]),
        "headed_units": heads,
        "can_dashboard": allowed(user, "criteria.view_dashboard"),
        "can_post": allowed(user, "criteria.post_announcement"),
        "can_manage_periods": allowed(user, "criteria.manage_periods"),
        "label": _("Thi đua theo tiêu chí"),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def target_fields(form, target_id):
    """The bound numerator, denominator and note fields of one target in a ResultsForm."""
    return [form[f"n_{target_id}"], form[f"d_{target_id}"], form[f"note_{target_id}"]]
