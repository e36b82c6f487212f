"""Receivers that replace nominations' tokens (scopes.py, anhai_thidua/core/versions.py) on every save and
delete of what the cached parts show, the admin's, imports' and factories' included.

The dossier page's sections: the dossier and its nominees, standards, reports, votes, minutes, files, history
and extension, the campaign's plan (required components, award forms, standards) and the names of units,
officials and users. The services also bump Dossier.version (queryset.update(), no signal), part of that key.

The dossier lists: a dossier created, saved or deleted, a nominee added, changed or removed, a campaign renamed
or closed (the units' scope is organisation's). The services' queryset.update() of a dossier replaces them in
services/common.py's `bump`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from anhai_thidua.core.models import AuditEntry
from campaigns.models import AwardForm, Campaign, DossierRequirement, Standard
from organisation.models import Official, Unit, User

from . import scopes
from .models import (
    AchievementReport,
    Attachment,
    DeadlineExtension,
    Dossier,
    MinutesVote,
    Nominee,
    UnitMinutes,
)


def _bump_nominee_dossier(instance) -> None:
    """The dossier of a report's or a vote's nominee: from the nominee the instance holds (as the services
    save them), else one query (not when the cache is off)."""
    if not versions.cache_seconds() or instance.nominee_id is None:
        return
    nominee = instance._state.fields_cache.get("nominee")
    if nominee is not None:
        dossier_id = nominee.dossier_id
    else:
        dossier_id = (
            Nominee.objects.filter(pk=instance.nominee_id).values_list("dossier_id", flat=True).first()
        )
    if dossier_id is not None:  # gone with its dossier: nothing left to show
        versions.bump(scopes.dossier(dossier_id))


@receiver([post_save, post_delete], sender=Dossier, dispatch_uid="nominations_dossier_page")
def _dossier_changed(sender, instance, **kwargs):
    versions.bump(scopes.dossier(instance.pk))
    scopes.dossier_changed(instance.campaign_id, instance.unit_id)


@receiver([post_save, post_delete], sender=Nominee, dispatch_uid="nominations_nominee_lists")
def _nominee_changed_lists(sender, instance, origin=None, **kwargs):
    if not versions.cache_seconds() or isinstance(origin, Dossier):
        return  # nothing is cached, or the dossier itself goes (its own receiver bumps): no query
    if Nominee.dossier.is_cached(instance):
        dossier = instance.dossier
        scopes.dossier_changed(dossier.campaign_id, dossier.unit_id)
        return
    found = Dossier.objects.filter(pk=instance.dossier_id).values_list("campaign_id", "unit_id").first()
    if found is not None:
        scopes.dossier_changed(*found)


@receiver([post_save, post_delete], sender=Campaign, dispatch_uid="nominations_campaign_lists")
def _campaign_changed(sender, instance, **kwargs):
    versions.bump(scopes.CAMPAIGNS)


@receiver([post_save, post_delete], sender=Nominee, dispatch_uid="nominations_nominee_page")
@receiver([post_save, post_delete], sender=UnitMinutes, dispatch_uid="nominations_minutes_page")
@receiver([post_save, post_delete], sender=Attachment, dispatch_uid="nominations_attachment_page")
def _part_changed(sender, instance, **kwargs):
    versions.bump(scopes.dossier(instance.dossier_id))


@receiver([post_save, post_delete], sender=AchievementReport, dispatch_uid="nominations_report_page")
@receiver([post_save, post_delete], sender=MinutesVote, dispatch_uid="nominations_vote_page")
def _nominee_part_changed(sender, instance, **kwargs):
    _bump_nominee_dossier(instance)


@receiver(m2m_changed, sender=Nominee.standards.through, dispatch_uid="nominations_standards_page")
def _standards_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # a standard's nominees changed: every dossier of its campaign
        versions.bump(scopes.plan(instance.campaign_id))
    else:
        versions.bump(scopes.dossier(instance.dossier_id))


@receiver([post_save, post_delete], sender=DeadlineExtension, dispatch_uid="nominations_extension_page")
def _extension_changed(sender, instance, **kwargs):
    versions.bump(scopes.extension(instance.campaign_id, instance.unit_id))


@receiver(post_save, sender=AuditEntry, dispatch_uid="nominations_history_page")
def _history_written(sender, instance, **kwargs):
    if not versions.cache_seconds() or instance.content_type_id is None:
        return
    if instance.content_type_id == ContentType.objects.get_for_model(Dossier).pk:
        versions.bump(scopes.dossier(instance.object_id))


@receiver([post_save, post_delete], sender=Standard, dispatch_uid="nominations_standard_page")
@receiver([post_save, post_delete], sender=DossierRequirement, dispatch_uid="nominations_requirement_page")
@receiver([post_save, post_delete], sender=AwardForm, dispatch_uid="nominations_award_form_page")
def _plan_changed(sender, instance, **kwargs):
    versions.bump(scopes.plan(instance.campaign_id))


@receiver([post_save, post_delete], sender=Unit, dispatch_uid="nominations_unit_names")
@receiver([post_save, post_delete], sender=Official, dispatch_uid="nominations_official_names")
def _name_changed(sender, instance, **kwargs):
    versions.bump(scopes.NAMES)


@receiver([post_save, post_delete], sender=User, dispatch_uid="nominations_user_names")
def _user_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:  # every sign-in: no name changed
        return
    versions.bump(scopes.NAMES)
