"""Receivers that replace the council's tokens (council/scopes.py, anhai_thidua/core/versions.py) on every save
and delete of a row the meeting page's cached tally reads: the council's own rows (to their meeting's scope),
the nominees, dossiers and quotas (to their campaign's), officials, units and council memberships (names).
The services' bulk writes (bulk_create, queryset update and delete) send no signal: they call
versions.bump(scopes.meeting(…)) themselves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anhai_thidua.core import versions
from campaigns.models import AwardForm, Quota
from nominations.models import Dossier, Nominee
from organisation.models import CouncilMembership, Official, Unit

from . import scopes
from .models import (
    Attendance,
    Ballot,
    ChairChoice,
    CountingMember,
    Meeting,
    OpenBallot,
    PaperCount,
    PaperTally,
    Poll,
    PollItem,
    PollVerification,
    Recusal,
    VoterRecord,
)


def _bump_meeting(meeting_id) -> None:
    if meeting_id is not None:
        versions.bump(scopes.meeting(meeting_id))


@receiver([post_save, post_delete], sender=Meeting, dispatch_uid="council_meeting_tally")
def _meeting_changed(sender, instance, **kwargs):
    _bump_meeting(instance.pk)


@receiver([post_save, post_delete], sender=Attendance, dispatch_uid="council_attendance_tally")
@receiver([post_save, post_delete], sender=CountingMember, dispatch_uid="council_counting_tally")
@receiver([post_save, post_delete], sender=Poll, dispatch_uid="council_poll_tally")
def _meeting_row_changed(sender, instance, **kwargs):
    _bump_meeting(instance.meeting_id)


@receiver([post_save, post_delete], sender=PollItem, dispatch_uid="council_item_tally")
@receiver([post_save, post_delete], sender=PollVerification, dispatch_uid="council_verification_tally")
@receiver([post_save, post_delete], sender=PaperTally, dispatch_uid="council_paper_tally_tally")
@receiver([post_save, post_delete], sender=VoterRecord, dispatch_uid="council_voter_tally")
def _poll_row_changed(sender, instance, **kwargs):
    if versions.cache_seconds():  # the lookup only when there is a cache to make stale
        _bump_meeting(Poll.objects.filter(pk=instance.poll_id).values_list("meeting_id", flat=True).first())


# Ballots: on save only. A post_delete receiver would stop Django's fast delete, and closing a poll deletes
# and re-inserts every ballot of the poll (council/services/closing.py: thousands at city scale), under the
# meeting's lock, which makes the meeting stale already (lock_meeting).
@receiver([post_save, post_delete], sender=Recusal, dispatch_uid="council_recusal_tally")
@receiver(post_save, sender=Ballot, dispatch_uid="council_ballot_tally")
@receiver(post_save, sender=OpenBallot, dispatch_uid="council_open_ballot_tally")
@receiver([post_save, post_delete], sender=PaperCount, dispatch_uid="council_paper_count_tally")
@receiver([post_save, post_delete], sender=ChairChoice, dispatch_uid="council_chair_choice_tally")
def _item_row_changed(sender, instance, **kwargs):
    if versions.cache_seconds():
        _bump_meeting(
            PollItem.objects.filter(pk=instance.poll_item_id)
            .values_list("poll__meeting_id", flat=True)
            .first()
        )


@receiver([post_save, post_delete], sender=Dossier, dispatch_uid="council_dossier_tally")
@receiver([post_save, post_delete], sender=AwardForm, dispatch_uid="council_award_form_tally")
def _campaign_row_changed(sender, instance, **kwargs):
    versions.bump(scopes.campaign(instance.campaign_id))


@receiver([post_save, post_delete], sender=Nominee, dispatch_uid="council_nominee_tally")
def _nominee_changed(sender, instance, origin=None, **kwargs):
    if not versions.cache_seconds() or isinstance(origin, Dossier):
        return  # nothing is cached, or the whole dossier goes (its own receiver bumps): no query per nominee
    if Nominee.dossier.is_cached(instance):
        campaign_id = instance.dossier.campaign_id
    else:
        campaign_id = (
            Dossier.objects.filter(pk=instance.dossier_id).values_list("campaign_id", flat=True).first()
        )
    if campaign_id is not None:
        versions.bump(scopes.campaign(campaign_id))


@receiver([post_save, post_delete], sender=Quota, dispatch_uid="council_quota_tally")
def _quota_changed(sender, instance, **kwargs):
    versions.bump_parent(AwardForm, instance.award_form_id, "campaign_id", scopes.campaign)


@receiver([post_save, post_delete], sender=Official, dispatch_uid="council_official_tally")
@receiver([post_save, post_delete], sender=Unit, dispatch_uid="council_unit_tally")
@receiver([post_save, post_delete], sender=CouncilMembership, dispatch_uid="council_membership_tally")
def _names_changed(sender, instance, **kwargs):
    versions.bump(scopes.PEOPLE)
