"""Money as the ward's documents write it: "1.410.000" (a dot between thousands), "1.410.000 đồng".

One formatter for the PDFs (awards/documents.py), the services' notes and the web pages (the ``dong`` and
``vnd`` template filters in anhai_thidua/core/templatetags/money.py).
"""


def vnd(amount: int) -> str:
    """ "1.410.000": the Vietnamese thousands separator."""
    return f"{int(amount):,}".replace(",", ".")


def dong(amount: int) -> str:
    """ "1.410.000 đồng", as in a decision's Article 2."""
    return f"{vnd(amount)} đồng"
