"""The decision page's awards table (Article 1's list, 50 a page, with the number, the total and Article 2's
money sentence), rendered once per decision version and kept under scopes.decision (anhai_thidua/core/
versions.py): a hit reads no award row. Nothing in it is a form."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from anhai_thidua.core import versions

from . import documents, scopes, selectors
from .models import Decision


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
