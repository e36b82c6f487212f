"""Receivers that keep DossierReview.search_text (a derived, diacritic-free search key) in step with the
names it is made of, and that replace the tokens of the review page's cached checklist (reviews/scopes.py)
on every save and delete of the review's rows. No workflow here: only the index and the cache.

nominations writes the dossier's own fields with queryset.update() (no signal), but every change of a
name goes through Model.save()/delete(): a new dossier, a nominee added or removed, a unit or an
official renamed.

A DossierReview saved or deleted (the receipt, the supplement's due date, the search key) also makes the
inbox's cached part stale (scopes.py).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from nominations.models import Dossier, Nominee
from organisation.models import Official, Unit

from . import scopes
from .models import DossierReview, NomineeDecision, ReviewItem, ReviewReturn
from .search import review_reindex


@receiver(post_save, sender=Dossier, dispatch_uid="reviews_dossier_saved")
def _dossier_saved(sender, instance, created, raw=False, **kwargs):
    if not raw:
        review_reindex(dossier_ids=[instance.pk])


@receiver(post_save, sender=Nominee, dispatch_uid="reviews_nominee_saved")
def _nominee_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created or update_fields is None or {"official", "unit"} & set(update_fields):
        review_reindex(dossier_ids=[instance.dossier_id])


@receiver(post_delete, sender=Nominee, dispatch_uid="reviews_nominee_deleted")
def _nominee_deleted(sender, instance, **kwargs):
    if Dossier.objects.filter(pk=instance.dossier_id).exists():  # not when the dossier itself goes
        review_reindex(dossier_ids=[instance.dossier_id])


@receiver(post_save, sender=Unit, dispatch_uid="reviews_unit_saved")
def _unit_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from django.db.models import Q

    ids = Dossier.objects.filter(Q(unit=instance) | Q(nominees__unit=instance)).values_list("pk", flat=True)
    review_reindex(dossier_ids=list(set(ids)))


@receiver(post_save, sender=Official, dispatch_uid="reviews_official_saved")
def _official_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    ids = Nominee.objects.filter(official=instance).values_list("dossier_id", flat=True)
    review_reindex(dossier_ids=list(set(ids)))


@receiver([post_save, post_delete], sender=DossierReview, dispatch_uid="reviews_review_page")
def _review_changed(sender, instance, **kwargs):
    versions.bump(scopes.review(instance.pk))
    scopes.reviews_changed()  # the review inbox


@receiver([post_save, post_delete], sender=ReviewItem, dispatch_uid="reviews_item_page")
def _item_changed(sender, instance, **kwargs):
    versions.bump(scopes.review(instance.review_id))


@receiver([post_save, post_delete], sender=NomineeDecision, dispatch_uid="reviews_decision_page")
@receiver([post_save, post_delete], sender=ReviewReturn, dispatch_uid="reviews_return_page")
def _decision_changed(sender, instance, **kwargs):
    versions.bump(scopes.decisions(instance.dossier_id))
