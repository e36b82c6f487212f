"""With Redis unreachable, the office convenes the council and the members vote: each action succeeds; the
invitations wait in the outbox and go out once when the broker is back."""

import pytest
from django.core import mail

from council.models import Meeting
from notifications.models import OutboundEmail
from tests.faults import redis_down, run_beat_sweeps

from .conftest import open_meeting, vote_all

pytestmark = pytest.mark.faults


def test_council_votes_with_redis_down_and_invitations_go_out_once_after(
    world, django_capture_on_commit_callbacks
):
    from council import services

    mail.outbox.clear()
    with redis_down(), django_capture_on_commit_callbacks(execute=True):
        meeting = open_meeting(world)
        vote_all(world, meeting, {}, default=9)
        services.poll_close(meeting=meeting, actor=world.office)
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.polls.filter(closed_at__isnull=False).exists()
    assert mail.outbox == []
    invited = set(OutboundEmail.objects.filter(status="pending").values_list("to", flat=True))
    assert invited == {world.user(m).email for m in world.members}

    run_beat_sweeps()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(invited)
    assert all("Mời họp Hội đồng" in m.subject for m in mail.outbox)
    run_beat_sweeps()
    assert len(mail.outbox) == len(invited)
