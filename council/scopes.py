"""The scopes of the council's cached page parts (anhai_thidua/core/versions.py): what signals.py replaces.

meeting: everything a meeting's result reads of the council's own rows (the meeting, its attendance,
polls, items, recusals, voters, ballots, paper totals, the chair's choices, the counting committee, the
recorded checks). campaign: the nominees, dossiers and quotas a meeting of the campaign shows. PEOPLE: the
names of officials and units (a nominee's formal name, its dossier's unit)."""

PEOPLE = "council-people"


def meeting(meeting_id: int) -> str:
    return f"council-meeting:{meeting_id}"


def campaign(campaign_id: int) -> str:
    return f"council-campaign:{campaign_id}"


def tally(meeting_id: int, campaign_id: int) -> list[str]:
    """Every scope the meeting page's tally is read from."""
    return [meeting(meeting_id), campaign(campaign_id), PEOPLE]
