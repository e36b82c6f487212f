"""With Redis unreachable, a unit head submits and the office reviews: each action succeeds, the mails wait
in the outbox and go out once when the broker is back (the beat's sweeps)."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from nominations import services as dossier_services
from nominations.models import Dossier
from notifications.models import OutboundEmail
from reviews import services
from reviews.selectors import review_page
from tests.faults import HangingServer, broker_at, redis_down, run_beat_sweeps

pytestmark = pytest.mark.faults


def test_submit_and_review_succeed_with_redis_down_and_mail_goes_out_once_after(
    complete_a, head_a, office_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with redis_down():
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            dossier = dossier_services.dossier_submit(dossier=complete_a, actor=head_a)
        assert dossier.state == "submitted"
        page = review_page(Dossier.objects.select_related("campaign", "unit").get(pk=dossier.pk))
        with django_capture_on_commit_callbacks(execute=True):
            services.review_decide(
                dossier=dossier,
                actor=office_user,
                items={row.key: {"status": "ok", "comment": ""} for row in page.rows},
                decisions={b.nominee.pk: {"decision": "accepted"} for b in page.nominee_blocks},
                dossier_version=Dossier.objects.get(pk=dossier.pk).version,
                review_version=page.review.version,
            )
        assert time.monotonic() - started < 10  # two actions, each gives up on the broker within seconds
    assert Dossier.objects.get(pk=dossier.pk).state == "accepted"
    assert mail.outbox == []  # nothing could be sent...
    pending = OutboundEmail.objects.filter(status="pending")
    assert pending.exists()  # ...and nothing is lost: the accept mail waits in the outbox
    assert pending.filter(
        subject__startswith="[Thi đua An Hải] Hồ sơ đề nghị khen thưởng:"
    ).exists()  # the office's too

    # The broker is back: the beat's sweeps send everything, once.
    run_beat_sweeps()
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("đã được tiếp nhận" in s for s in subjects)
    assert any("Trung tâm Phục vụ hành chính công" in s for s in subjects)
    assert not OutboundEmail.objects.filter(status="pending").exists()
    count = len(mail.outbox)
    run_beat_sweeps()
    assert len(mail.outbox) == count


def test_a_hanging_broker_delays_a_submission_by_at_most_five_seconds(
    login, complete_a, head_a, django_capture_on_commit_callbacks
):
    """The broker accepts the connection and never answers; the unit head's submission (two publishes:
    the office's mail and the outbox kick) still returns within 5 seconds, and succeeds."""
    client = login(head_a)
    url = reverse("nominations:transition", args=[complete_a.pk, "submit"])
    with HangingServer() as server, broker_at(f"redis://127.0.0.1:{server.port}/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"version": complete_a.version})
        elapsed = time.monotonic() - started
        assert server.accepted  # the broker was really tried
    assert response.status_code == 302
    assert Dossier.objects.get(pk=complete_a.pk).state == "submitted"
    assert elapsed <= 5, f"the request waited {elapsed:.1f}s for a hanging broker"
