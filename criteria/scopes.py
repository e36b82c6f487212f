"""The scopes of the criteria dashboard's cached standings (anhai_thidua/core/versions.py): what signals.py
replaces when results, registrations, criteria, reporting periods or units change."""

UNITS = "units"


def campaign(campaign_id: int) -> str:
    return f"criteria-campaign:{campaign_id}"


def period(period_id: int) -> str:
    return f"criteria-period:{period_id}"


def dashboard(campaign_id: int, period_ids: list[int]) -> list[str]:
    """Every scope the dashboard's cached fragments are read from: the units, the campaign's registrations,
    criteria and targets, and every period's results (the progress table counts them all)."""
    return [UNITS, campaign(campaign_id), *(period(pk) for pk in period_ids)]
