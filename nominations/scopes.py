"""The scopes of nominations' cached page parts (anhai_thidua/core/versions.py).

The dossier page's sections (nominations/fragments.py, reviews/fragments.py): `dossier`, `plan`, `extension`
and NAMES. The dossier's own fields are written with queryset.update() by the services (no signal); they bump
Dossier.version, which is part of those keys besides these tokens.

The dossier lists (the office's list of every dossier, a campaign's dossiers in the review inbox, a unit's in
a unit head's list) and the campaigns' names they print: DOSSIERS, `campaign`, `unit`, CAMPAIGNS (the units'
are organisation/scopes.py's). signals.py replaces every scope on each Model.save()/delete() of what it
covers; services/common.py's `bump` (the queryset.update() every service's write ends with) calls
`dossier_changed`."""

from anhai_thidua.core import versions

# Names shown on dossier pages (units, officials, users who uploaded or acted): few writes, any dossier.
NAMES = "dossier-names"
DOSSIERS = "dossiers"  # every dossier of every campaign (the office's list)
CAMPAIGNS = "dossiers-campaigns"  # the campaigns' titles, starts and statuses


def dossier(dossier_id: int) -> str:
    """A dossier's nominees, reports, votes, minutes, files and history."""
    return f"dossier:{dossier_id}"


def plan(campaign_id: int) -> str:
    """What a campaign's plan gives every dossier page: required components, award forms, standards' texts."""
    return f"dossier-campaign:{campaign_id}"


def extension(campaign_id: int, unit_id: int) -> str:
    """One unit's deadline extension in one campaign."""
    return f"dossier-extension:{campaign_id}:{unit_id}"


def of(row) -> list[str]:
    """Every scope a dossier page's cached sections are read from (`row`: the Dossier)."""
    return [NAMES, dossier(row.pk), plan(row.campaign_id), extension(row.campaign_id, row.unit_id)]


def campaign(campaign_id: int) -> str:
    """A campaign's dossiers as lists show them (state, dates, nominees): the review inbox."""
    return f"dossiers-campaign:{campaign_id}"


def unit(unit_id: int) -> str:
    """A unit's dossiers as its head's list shows them."""
    return f"dossiers-unit:{unit_id}"


def dossier_changed(campaign_id: int, unit_id: int) -> None:
    """Every list that shows a dossier of this campaign and unit (its state, dates, nominees) is stale."""
    versions.bump(DOSSIERS, campaign(campaign_id), unit(unit_id))
