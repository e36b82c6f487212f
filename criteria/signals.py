"""Receivers that replace the standings' tokens (anhai_thidua/core/versions.py) when what the dashboard ranks changes: results,
registrations, units (names, order, parent, active), criteria, targets and reporting periods. The standings'
key also holds the targets' ids and thresholds (selectors/standings.py); the dashboard's cached HTML shows their
labels too, hence the targets' receiver."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from organisation.models import Official, Unit, User

from . import scopes
from .models import (
    Criterion,
    EvidenceFile,
    Registration,
    RegistrationCommitment,
    ReportingPeriod,
    Target,
    TargetResult,
)


@receiver([post_save, post_delete], sender=TargetResult, dispatch_uid="criteria_result_standings")
def _result_changed(sender, instance, **kwargs):
    versions.bump(scopes.period(instance.period_id), scopes.unit(instance.unit_id))


@receiver([post_save, post_delete], sender=ReportingPeriod, dispatch_uid="criteria_period_standings")
def _period_changed(sender, instance, **kwargs):
    # the campaign's too: the unit page lists the campaign's periods
    versions.bump(scopes.period(instance.pk), scopes.campaign(instance.campaign_id))


@receiver([post_save, post_delete], sender=Registration, dispatch_uid="criteria_registration_standings")
def _registration_changed(sender, instance, **kwargs):
    versions.bump(scopes.campaign(instance.campaign_id), scopes.unit(instance.unit_id))


@receiver([post_save, post_delete], sender=Criterion, dispatch_uid="criteria_criterion_standings")
def _criterion_changed(sender, instance, **kwargs):
    versions.bump(scopes.campaign(instance.campaign_id))


@receiver([post_save, post_delete], sender=Unit, dispatch_uid="criteria_unit_standings")
def _unit_changed(sender, instance, **kwargs):
    versions.bump(scopes.UNITS)


@receiver([post_save, post_delete], sender=Target, dispatch_uid="criteria_target_standings")
def _target_changed(sender, instance, **kwargs):
    versions.bump_parent(Criterion, instance.criterion_id, "campaign_id", scopes.campaign)


@receiver([post_save, post_delete], sender=EvidenceFile, dispatch_uid="criteria_evidence_unit")
def _evidence_changed(sender, instance, **kwargs):
    versions.bump_parent(TargetResult, instance.result_id, "unit_id", scopes.unit)


@receiver([post_save, post_delete], sender=RegistrationCommitment, dispatch_uid="criteria_commitment_unit")
def _commitment_changed(sender, instance, **kwargs):
    versions.bump_parent(Registration, instance.registration_id, "unit_id", scopes.unit)


@receiver([post_save, post_delete], sender=User, dispatch_uid="criteria_user_names")
@receiver([post_save, post_delete], sender=Official, dispatch_uid="criteria_official_names")
def _names_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes no name
    versions.bump(scopes.PEOPLE)
