"""The decision page's awards table (Article 1's list, 50 a page, with the number, the total and Article 2's
money sentence), rendered once per decision version and kept under scopes.decision (anhai_thidua/core/
versions.py): a hit reads no award row. Nothing in it is a form."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from anhai_thidua.core import versions
from campaigns.models import Campaign
from council import scopes as council_scopes
from council.models import Meeting
from council.selectors import meeting_outcome, pending_ties

from . import documents, scopes, selectors
from .models import Decision

RESULT_PER_PAGE = 50


def awards_table(decision: Decision, request) -> str:
    """The table's HTML for the page the request asks for (its pagination links keep the query string)."""
    page_number = request.GET.get("page")

    def build() -> str:
        totals = selectors.award_totals(decision)
        page = selectors.awards_page(decision, page_number, totals.count)
        money_rule = documents.decision_money_rule(decision, totals.kinds) if decision.base_salary else ""
        return render_to_string(
            "awards/_decision_awards.html",
            {"page": page, "totals": totals, "money_rule": money_rule},
            request=request,
        )

    return versions.cached(
        "awards-decision-table",
        [scopes.decision(decision.pk)],
        build,
        decision.pk,
        decision.version,
        request.GET.urlencode(),
        get_language(),
    )


@dataclass(frozen=True)
class CampaignResult:
    """The council's result on the campaign's award page: the table's HTML (a page of it) and what the rest of
    the page asks of it."""

    html: str
    any_awarded: bool
    any_proposed: bool
    tie_url: str


def campaign_result(campaign: Campaign, meeting: Meeting | None, request) -> CampaignResult:
    """The result of the campaign's latest closed meeting, awarded first, then proposed to the city, then the
    others, RESULT_PER_PAGE rows a page; kept under the council's scopes of that meeting's tally (its ballots,
    polls, nominees, names): a hit reads no outcome."""
    if meeting is None:
        html = render_to_string("awards/_campaign_result.html", {"page": None}, request=request)
        return CampaignResult(html, False, False, "")

    def build() -> CampaignResult:
        outcomes = meeting_outcome(meeting)
        ties_open = bool(pending_ties(outcomes))
        waiting = {
            o.nominee.pk for o in outcomes if getattr(o, "tie_flag", False) and o.chair_selected is None
        }
        rows = selectors.award_outcomes(outcomes)
        awarded = [o for o in rows if o.awarded]
        proposed = [o for o in rows if o.proposed_to_city]
        others = [o for o in rows if not o.awarded and not o.proposed_to_city]
        ordered = [("awarded", o) for o in awarded] + [("proposed", o) for o in proposed]
        ordered += [("waiting" if o.nominee.pk in waiting else "other", o) for o in others]
        tie_url = f"{reverse('council:detail', args=[meeting.pk])}#tie-break" if ties_open else ""
        page = Paginator(ordered, RESULT_PER_PAGE).get_page(request.GET.get("page"))
        html = render_to_string(
            "awards/_campaign_result.html", {"page": page, "tie_url": tie_url}, request=request
        )
        return CampaignResult(html, bool(awarded), bool(proposed), tie_url)

    return versions.cached(
        "awards-campaign-result",
        council_scopes.tally(meeting.pk, campaign.pk),
        build,
        meeting.pk,
        request.GET.urlencode(),
        get_language(),
    )
