"""Receivers that replace the plan page's tokens (scopes.py) on every save or delete of what the plan prints,
the admin's included. Bulk writes (copy, seed) fill a new campaign whose own save bumps its scope again when
the transaction commits (anhai_thidua.core.versions.bump)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from organisation.models import Official, Unit

from . import scopes
from .models import AwardForm, Campaign, DossierRequirement, LegalBasis, PlanItem, Quota, Standard


@receiver([post_save, post_delete], sender=Campaign, dispatch_uid="campaigns_plan_campaign")
def _campaign_changed(sender, instance, **kwargs):
    versions.bump(scopes.plan(instance.pk))


@receiver([post_save, post_delete], sender=LegalBasis, dispatch_uid="campaigns_plan_legal_basis")
@receiver([post_save, post_delete], sender=PlanItem, dispatch_uid="campaigns_plan_item")
@receiver([post_save, post_delete], sender=AwardForm, dispatch_uid="campaigns_plan_award_form")
@receiver([post_save, post_delete], sender=Standard, dispatch_uid="campaigns_plan_standard")
@receiver([post_save, post_delete], sender=DossierRequirement, dispatch_uid="campaigns_plan_requirement")
def _plan_row_changed(sender, instance, **kwargs):
    versions.bump(scopes.plan(instance.campaign_id))


@receiver([post_save, post_delete], sender=Quota, dispatch_uid="campaigns_plan_quota")
def _quota_changed(sender, instance, **kwargs):
    versions.bump_parent(AwardForm, instance.award_form_id, "campaign_id", scopes.plan)


@receiver([post_save, post_delete], sender=Unit, dispatch_uid="campaigns_plan_unit")
@receiver([post_save, post_delete], sender=Official, dispatch_uid="campaigns_plan_official")
def _name_changed(sender, instance, **kwargs):
    versions.bump(scopes.NAMES)
