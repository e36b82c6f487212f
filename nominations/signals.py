"""Receivers that replace the dossier lists' tokens (scopes.py) when what the lists show changes through
Model.save()/delete() (the admin's, imports', factories' as the services'): a dossier created, saved or
deleted, a nominee added, changed or removed, a campaign renamed or closed (the units' scope is
organisation's). The services' queryset.update() of a dossier replaces them in services/common.py's `bump`."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from campaigns.models import Campaign

from . import scopes
from .models import Dossier, Nominee


@receiver([post_save, post_delete], sender=Dossier, dispatch_uid="nominations_dossier_lists")
def _dossier_changed(sender, instance, **kwargs):
    scopes.dossier_changed(instance.campaign_id, instance.unit_id)


@receiver([post_save, post_delete], sender=Nominee, dispatch_uid="nominations_nominee_lists")
def _nominee_changed(sender, instance, origin=None, **kwargs):
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
