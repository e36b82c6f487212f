"""Helpers shared by the criteria views."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from anhai_thidua.core.permissions import allowed
from campaigns.models import Campaign
from organisation.models import Unit

from .. import selectors


def _campaign(request, slug: str) -> Campaign:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not allowed(request.user, "campaigns.view_campaign", campaign):
        raise Http404
    return campaign


def _unit(code: str) -> Unit:
    return get_object_or_404(Unit, code=code, parent__isnull=True, is_active=True)


def _first_headed_unit(user) -> Unit | None:
    ids = user.headed_unit_ids()
    return selectors.participating_units().filter(pk__in=ids).first() if ids else None
