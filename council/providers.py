"""Reminders before a scheduled council meeting: the members of the meeting's council (users linked to
the member officials), due on the meeting's day. While no meeting is scheduled, the notifications app's
built-in provider answers from the campaign's planned council meeting date."""

from django.urls import reverse
from django.utils import timezone

from notifications.registry import Owed, register_provider


def council_meeting_owed(campaign, kind):
    from organisation.models import User

    from .enums import MeetingState
    from .models import Meeting

    meetings = list(
        Meeting.objects.filter(campaign=campaign, state=MeetingState.DRAFT)
        .select_related("council")
        .order_by("held_at")
    )
    if not meetings:
        from notifications.providers import council_meeting_owed as planned_date_owed

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


register_provider("council_meeting", council_meeting_owed)
