"""The scopes of the plan page's cached document (anhai_thidua/core/versions.py, campaigns/fragments.py): what
signals.py replaces when a campaign's plan or a name it prints changes. A registered plan content (criteria)
adds its own scopes through PlanContent.scopes."""

# Names the plan prints: the receiving unit, the signer (few writes, any campaign).
NAMES = "plan-names"


def plan(campaign_id: int) -> str:
    """A campaign's fields and its plan rows: legal bases, items, award forms and quotas, standards,
    dossier requirements."""
    return f"plan:{campaign_id}"
