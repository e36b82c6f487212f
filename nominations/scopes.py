"""The scopes of the dossier lists' cached parts (anhai_thidua/core/versions.py): the office's list of every
dossier, a campaign's dossiers (the review inbox), a unit's dossiers (a unit head's list), and the campaigns'
names the lists print (the units' are organisation/scopes.py's). signals.py replaces them on every Model.save()/delete() of a dossier, a
nominee or a campaign; services/common.py's `bump` (a queryset.update() of the dossier, which every
service's write ends with) replaces the dossier's own."""

from anhai_thidua.core import versions

DOSSIERS = "dossiers"  # every dossier of every campaign
CAMPAIGNS = "dossiers-campaigns"  # the campaigns' titles, starts and statuses


def campaign(campaign_id: int) -> str:
    return f"dossiers-campaign:{campaign_id}"


def unit(unit_id: int) -> str:
    return f"dossiers-unit:{unit_id}"


def dossier_changed(campaign_id: int, unit_id: int) -> None:
    """Every list that shows a dossier of this campaign and unit (its state, dates, nominees) is stale."""
    versions.bump(DOSSIERS, campaign(campaign_id), unit(unit_id))
