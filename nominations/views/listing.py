"""The dossier list: the office's of every dossier (filtered by campaign and state), a unit head's of the own
units' with the campaigns still open to them. The rows, the total and the open campaigns come from the cache
(`_list_part`); the filter form, the "Lập hồ sơ" forms and their tokens are rendered on every request."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from anhai_thidua.core import versions
from anhai_thidua.core.permissions import allowed, require
from anhai_thidua.core.reversing import url_for_ids
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation import scopes as organisation_scopes

from .. import scopes
from ..enums import DossierState
from ..selectors import campaigns_open_for_dossier, dossier_list_for_user, dossier_list_page

PAGE_SIZE = 25


@login_required
def dossier_list(request):
    require(request, "nominations.list_dossiers")
    is_office = allowed(request.user, "nominations.review_dossier")
    campaign_slug = request.GET.get("phong-trao", "")
    state = request.GET.get("trang-thai", "")
    part = _list_part(request.user, is_office, campaign_slug, state, request.GET.get("page"))
    paginator = Paginator((), PAGE_SIZE)
    paginator.count = part["count"]  # the cached_property, from the cached part: no COUNT on a hit
    context = {
        "page": paginator.page(part["number"]),
        "rows": part["rows"],
        "open_pairs": part["open_pairs"],
        "is_office": is_office,
        "states": DossierState.choices,
        "state": state,
        "campaign_slug": campaign_slug,
        "campaigns": part["campaigns"],
    }
    return render(request, "nominations/list.html", context)


def _list_part(user, is_office: bool, campaign_slug: str, state: str, page_number) -> dict:
    """The list's page of rows as HTML, its total, the campaigns of the office's filter and the (campaign, unit)
    pairs a unit head may still open: cached until a dossier the viewer sees (every dossier for the office, the
    own units' for a unit head), a campaign or a unit changes (scopes.py). Keyed by the viewer's side (office
    or not, the units headed), the filters, the page asked for and the language."""
    headed = sorted(user.headed_unit_ids())
    state = state if state in DossierState.values else ""

    def build() -> dict:
        qs = dossier_list_for_user(user)
        if campaign_slug:
            qs = qs.filter(campaign__slug=campaign_slug)
        if state:
            qs = qs.filter(state=state)
        page = dossier_list_page(qs, page_number, per_page=PAGE_SIZE)
        detail_url = url_for_ids("nominations:detail")
        for dossier in page:
            dossier.detail_url = detail_url(dossier.pk)
        return {
            "number": page.number,
            "count": page.paginator.count,
            "rows": render_to_string("nominations/_list_rows.html", {"page": page}),
            "campaigns": list(
                Campaign.objects.exclude(status=CampaignStatus.DRAFT).values_list("slug", "title")
            )
            if is_office
            else [],
            "open_pairs": campaigns_open_for_dossier(user),
        }

    seen = [scopes.DOSSIERS] if is_office else [scopes.unit(pk) for pk in headed]
    return versions.cached(
        "dossier-list",
        [*seen, scopes.CAMPAIGNS, organisation_scopes.UNITS],
        build,
        is_office,
        headed,
        campaign_slug,
        state,
        page_number,
        get_language(),
    )
