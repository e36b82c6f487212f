"""Receivers that replace the standings' tokens (anhai_thidua/core/versions.py) when what the dashboard ranks changes: results,
registrations, units (names, order, parent, active), criteria and reporting periods. The targets are read on
every request and their ids and thresholds are part of the key (selectors/standings.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from organisation.models import Unit

from . import scopes
from .models import Criterion, Registration, ReportingPeriod, TargetResult


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
