"""Money as the ward's documents write it: "1.410.000" (a dot between thousands), "1.410.000 đồng".

One formatter for the PDFs (awards/documents.py), the services' notes and the web pages (the ``dong`` and
``vnd`` template filters in anhai_thidua/core/templatetags/money.py).
"""

from .numwords import number_words


def vnd(amount: int) -> str:
    """ "1.410.000": the Vietnamese thousands separator."""
    return f"{int(amount):,}".replace(",", ".")


def dong(amount: int) -> str:
    """ "1.410.000 đồng", as in a decision's Article 2."""
    return f"{vnd(amount)} đồng"


def money_words(amount: int) -> str:
    """ "Bảy trăm mười nghìn đồng": the amount in words, capitalised, with the currency."""
    text = f"{number_words(int(amount))} đồng"
    return text[:1].upper() + text[1:]


def money_text(amount: int) -> str:
    """ "710.000 đồng (Bảy trăm mười nghìn đồng)": the figure followed by the words."""
    return f"{vnd(amount)} đồng ({money_words(amount)})"
