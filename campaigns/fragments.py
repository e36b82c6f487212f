"""The plan page's document (summary and the plan as issued: header, body, registered contents, recipients,
signature), rendered once per change of what it prints and kept under campaigns/scopes.py's scopes and each
registered plan content's (anhai_thidua/core/versions.py): a hit reads no plan row. Nothing in it is a form."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from anhai_thidua.core import versions

from . import scopes
from .models import Campaign
from .plan_content import registered_plan_contents
from .selectors import campaign_plan


def plan_scopes(campaign: Campaign) -> list[str]:
    """Every scope the plan is read from: its own rows, the names it prints, each registered content's."""
    keyed = [scopes.NAMES, scopes.plan(campaign.pk)]
    for content in registered_plan_contents():
        keyed += content.scopes(campaign)
    return keyed


def plan_document(campaign: Campaign, request) -> str:
    keyed = plan_scopes(campaign)

    def build() -> str:
        context = {"campaign": campaign, "plan": campaign_plan(campaign)}
        return render_to_string("campaigns/_plan_document.html", context, request=request)

    return versions.cached("campaign-plan-page", keyed, build, campaign.pk, get_language())
