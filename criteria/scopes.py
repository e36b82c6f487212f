"""The scopes of the criteria dashboard's cached standings (anhai_thidua/core/versions.py): what signals.py
replaces when results, registrations, criteria, reporting periods or units change."""

UNITS = "units"


def campaign(campaign_id: int) -> str:
    return f"criteria-campaign:{campaign_id}"


def period(period_id: int) -> str:
    return f"criteria-period:{period_id}"
