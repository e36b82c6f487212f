"""{% load signatures %}: `decision|signature_publication` for the public pages (awards/signing)."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from awards.signing.selectors import publication

register = template.Library()


@register.filter
def signature_publication(decision):
    """The Publication of an issued decision's signed copy, or None (reads the select_related record)."""
    try:
        record = decision.signed_record
    except ObjectDoesNotExist:  # nothing uploaded yet
        return None
    return publication(record)
