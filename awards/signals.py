"""Receivers that replace the decision page's cached table (scopes.py) when an award row is saved or deleted,
the admin's edits included. A decision's own fields bump Decision.version (in the key); awards written in bulk
(decision_draft's bulk_create) belong to a new decision, whose table was never cached."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions

from . import scopes
from .models import Award, Decision


@receiver([post_save, post_delete], sender=Award, dispatch_uid="awards_award_table")
def _award_changed(sender, instance, **kwargs):
    versions.bump(scopes.decision(instance.decision_id))


@receiver([post_save, post_delete], sender=Decision, dispatch_uid="awards_decision_table")
def _decision_changed(sender, instance, **kwargs):
    versions.bump(scopes.decision(instance.pk))
