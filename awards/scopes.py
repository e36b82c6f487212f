"""The scopes of the decision page's cached awards table (anhai_thidua/core/versions.py, awards/fragments.py):
what signals.py replaces when an award row changes. The services bump Decision.version on every write of the
decision (wording, issue, register numbers), which is part of the key besides this token."""


def decision(decision_id: int) -> str:
    """A decision's award rows: names, kinds, money, register numbers."""
    return f"awards-decision:{decision_id}"
