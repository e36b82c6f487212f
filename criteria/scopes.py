"""The scopes of the criteria pages' cached parts (anhai_thidua/core/versions.py): what signals.py replaces
when results, evidence, registrations, criteria, targets, reporting periods, units or people's names change."""

UNITS = "units"
PEOPLE = "criteria-people"  # the names of users and officials (who registered, who validated)


def campaign(campaign_id: int) -> str:
    return f"criteria-campaign:{campaign_id}"


def period(period_id: int) -> str:
    return f"criteria-period:{period_id}"


def dashboard(campaign_id: int, period_ids: list[int]) -> list[str]:
    """Every scope the dashboard's cached fragments are read from: the units, the campaign's registrations,
    criteria and targets, and every period's results (the progress table counts them all)."""
    return [UNITS, campaign(campaign_id), *(period(pk) for pk in period_ids)]


def unit(unit_id: int) -> str:
    """One unit's figures, evidence and registrations (the unit page)."""
    return f"criteria-unit:{unit_id}"
