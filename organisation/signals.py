"""Receivers that drop the cached layout profile (organisation/usercache.py) when what it holds changes, and
replace the tokens of the units' and officials' scopes (scopes.py) that cached page parts are keyed with."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from anhai_thidua.core import versions

from . import scopes, usercache
from .models import Official, RoleAssignment, Unit, User


@receiver([post_save, post_delete], sender=User, dispatch_uid="organisation_user_cache")
def _user_changed(sender, instance, **kwargs):
    usercache.invalidate(instance.pk)


@receiver([post_save, post_delete], sender=RoleAssignment, dispatch_uid="organisation_role_cache")
def _role_changed(sender, instance, **kwargs):
    usercache.invalidate(instance.user_id)


@receiver([post_save, post_delete], sender=Unit, dispatch_uid="organisation_unit_counts")
def _unit_changed(sender, instance, **kwargs):
    usercache.invalidate_counts()
    versions.bump(scopes.UNITS)


@receiver([post_save, pre_delete], sender=Official, dispatch_uid="organisation_official_cache")
def _official_changed(sender, instance, created=False, **kwargs):
    usercache.invalidate_counts()
    versions.bump(scopes.OFFICIALS)
    if created:  # no account links to a new official yet
        return
    usercache.invalidate(*User.objects.filter(official_id=instance.pk).values_list("pk", flat=True))
