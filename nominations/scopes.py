"""The scopes of the dossier page's cached sections (anhai_thidua/core/versions.py, nominations/fragments.py):
what signals.py replaces when a dossier's content, its campaign's plan or a name it shows changes.

The dossier's own fields are written with queryset.update() by the services (no signal); they bump
Dossier.version, which is part of every key besides these tokens."""

# Names shown on dossier pages (units, officials, users who uploaded or acted): few writes, any dossier.
NAMES = "dossier-names"


def dossier(dossier_id: int) -> str:
    """A dossier's nominees, reports, votes, minutes, files and history."""
    return f"dossier:{dossier_id}"


def campaign(campaign_id: int) -> str:
    """What a campaign's plan gives every dossier: required components, award forms, standards' texts."""
    return f"dossier-campaign:{campaign_id}"


def extension(campaign_id: int, unit_id: int) -> str:
    """One unit's deadline extension in one campaign."""
    return f"dossier-extension:{campaign_id}:{unit_id}"


def of(row) -> list[str]:
    """Every scope a dossier's cached sections are read from (`row`: the Dossier)."""
    return [NAMES, dossier(row.pk), campaign(row.campaign_id), extension(row.campaign_id, row.unit_id)]
