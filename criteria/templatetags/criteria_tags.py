from decimal import Decimal

from django import template
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from anhai_thidua.core.permissions import allowed
from campaigns.models import Campaign

from ..charts import BAR_HEIGHT

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
def matrix_cells(cells) -> str:
    """One row of the dashboard's units × targets matrix, a <td> per target (a Cell or None): built here in one
    call per row; a template loop with its conditions and filters per cell was a fifth of the page's time."""
    badges = {
        "met": f'<span class="badge text-bg-success"><i class="bi bi-check-lg" aria-hidden="true"></i> {escape(_("Đạt"))}</span>',
        "not_met": f'<span class="badge text-bg-danger"><i class="bi bi-x-lg" aria-hidden="true"></i> {escape(_("Chưa đạt"))}</span>',
    }
    not_applicable = f'<span class="badge text-bg-secondary">{escape(_("Không phát sinh"))}</span>'
    return mark_safe(  # noqa: S308 (the labels are escaped; percent() gives digits, a comma and signs)
        "".join(
            f"<td>{escape(percent(cell.percent))} {badges.get(cell.outcome, not_applicable)}</td>"
            if cell
            else '<td><span class="text-body-secondary">—</span></td>'
            for cell in cells
        )
    )


@register.filter
def chart_segments(bar, chart_id: str) -> str:
    """The <rect>s of one bar of a chart (charts.py), in one call per bar: _chart.html drew them one by one,
    with a condition and filters per segment."""
    hatch = f' fill="url(#{escape(chart_id)}-hatch)"'
    y, height = localize(bar.y), localize(BAR_HEIGHT)
    return mark_safe(  # noqa: S308 (every value escaped or a number)
        "".join(
            f'<rect class="s-{escape(seg.key)}"{hatch if seg.key in ("not_met", "questioned") else ""}'
            f' x="{seg.x}" y="{y}" width="{seg.width}" height="{height}">'
            f"<title>{escape(seg.label)}: {localize(seg.value)}</title></rect>"
            for seg in bar.segments
        )
    )


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
