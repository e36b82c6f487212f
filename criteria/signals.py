"""Receivers that replace the standings' tokens (anhai_thidua/core/versions.py) when what the dashboard ranks changes: results,
registrations, units (names, order, parent, active), criteria, targets and reporting periods. The standings'
key also holds the targets' ids and thresholds (selectors/standings.py); the dashboard's cached HTML shows their
labels too, hence the targets' receiver."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from organisation.models import Unit

from . import scopes
from .models import Criterion, Registration, ReportingPeriod, Target, TargetResult


@receiver([post_save, post_delete], sender=TargetResult, dispatch_uid="criteria_result_standings")
def _result_changed(sender, instance, **kwargs):
    versions.bump(scopes.period(instance.period_id))


@receiver([post_save, post_delete], sender=ReportingPeriod, dispatch_uid="criteria_period_standings")
def _period_changed(sender, instance, **kwargs):
    versions.bump(scopes.period(instance.pk))


@receiver([post_save, post_delete], sender=Registration, dispatch_uid="criteria_registration_standings")
def _registration_changed(sender, instance, **kwargs):
    versions.bump(scopes.campaign(instance.campaign_id))


@receiver([post_save, post_delete], sender=Criterion, dispatch_uid="criteria_criterion_standings")
def _criterion_changed(sender, instance, **kwargs):
    versions.bump(scopes.campaign(instance.campaign_id))


@receiver([post_save, post_delete], sender=Unit, dispatch_uid="criteria_unit_standings")
def _unit_changed(sender, instance, **kwargs):
    versions.bump(scopes.UNITS)


@receiver([post_save, post_delete], sender=Target, dispatch_uid="criteria_target_standings")
def _target_changed(sender, instance, **kwargs):
    if versions.cache_seconds():  # the lookup only when there is a cache to make stale
        campaign_id = (
            Criterion.objects.filter(pk=instance.criterion_id).values_list("campaign_id", flat=True).first()
        )
        if campaign_id is not None:
            versions.bump(scopes.campaign(campaign_id))
