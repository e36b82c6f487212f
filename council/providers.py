"""Reminders before a council meeting: the members of the meeting's council (users linked to the member
officials), due on the meeting's day. While no meeting is scheduled, the reminders follow the campaign's
planned council meeting date and go to the members of the council in office on that day."""

from django.urls import reverse
from django.utils import timezone

from notifications.enums import ReminderKind
from notifications.registry import Owed, register_provider
from organisation.models import Council, User

from .enums import MeetingState
from .models import Meeting


def planned_date_owed(campaign, kind):
    """Members of the council in office on the campaign's planned meeting day (no meeting scheduled yet)."""
    day = campaign.council_meeting_date
    if day is None:
        return []
    council = (
        Council.objects.filter(starts_on__lte=day)
        .exclude(ends_on__lt=day)
        .order_by("-starts_on", "-pk")
        .first()
    )
    if council is None:
        return []
    members = list(
        User.objects.filter(official__council_memberships__council=council, is_active=True)
        .select_related("official")
        .distinct()
        .order_by("pk")
    )
    if not members:
        return []
    return [
        Owed(unit=None, recipients=tuple(members), object_ref=f"council:{council.pk}", label=council.name)
    ]


def council_meeting_owed(campaign, kind):
    """The members of each scheduled (draft) meeting of the campaign, due on the meeting's day."""
    meetings = list(
        Meeting.objects.filter(campaign=campaign, state=MeetingState.DRAFT)
        .select_related("council")
        .order_by("held_at")
    )
    if not meetings:
        return planned_date_owed(campaign, kind)
    items = []
    for meeting in meetings:
        members = tuple(
            User.objects.filter(official__council_memberships__council=meeting.council, is_active=True)
            .select_related("official")
            .distinct()
            .order_by("pk")
        )
        if not members:
            continue
        items.append(
            Owed(
                unit=None,
                recipients=members,
                deadline=timezone.localtime(meeting.held_at).date(),
                object_ref=f"council.meeting:{meeting.pk}",
                label=f"{meeting.council.name}, {timezone.localtime(meeting.held_at):%H:%M %d/%m/%Y}, {meeting.place}",
                link=reverse("council:detail", args=[meeting.pk]),
            )
        )
    return items


register_provider(ReminderKind.COUNCIL_MEETING, council_meeting_owed)
