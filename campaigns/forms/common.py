"""Shared bits of the campaign forms."""

from django import forms

from organisation.text import nfc


class NfcMixin:
    """Store typed Vietnamese in NFC, whatever the keyboard sent."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = nfc(value).strip()
        return cleaned


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def textarea(rows=2):
    return forms.Textarea(attrs={"rows": rows})


# Deadlines in workflow order. `strict`: the date must fall after the previous one, not on the same day.
