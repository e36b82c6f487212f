"""notify(): notifications, emails through the outbox, and the broker-down case."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from kombu.exceptions import OperationalError

from notifications import services
from notifications.enums import EmailStatus
from notifications.models import Notification, OutboundEmail
from notifications.services import notify, outbox_send_pending
from notifications.tasks import send_pending_emails


def _notify_head(head, **extra):
    return notify(
        recipients=[head],
        subject="Hồ sơ của đơn vị đã được tiếp nhận",
        context={"message": "Phòng Văn hóa - Xã hội đã tiếp nhận hồ sơ <của> đơn vị."},
        link="/ho-so/12/",
        **extra,
    )


def test_notify_writes_notification_and_sends_vietnamese_email(
    head_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thidua.anhai.example.vn"
    with django_capture_on_commit_callbacks(execute=True):
        notes = _notify_head(head_a)

    note = Notification.objects.get()
    assert notes == [note]
    assert note.recipient == head_a
    assert note.subject == "Hồ sơ của đơn vị đã được tiếp nhận"
    assert note.body == "Phòng Văn hóa - Xã hội đã tiếp nhận hồ sơ <của> đơn vị."
    assert note.link == "/ho-so/12/" and note.read_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["head_a@anhai.example.vn"] or message.to == [head_a.email]
    assert message.subject == "[Thi đua An Hải] Hồ sơ của đơn vị đã được tiếp nhận"
    assert message.body.startswith(
        "Kính gửi Ông Phạm Văn Tâm,\n\nPhòng Văn hóa - Xã hội đã tiếp nhận hồ sơ <của> đơn vị."
    )
    assert "Xem chi tiết: https://thidua.anhai.example.vn/ho-so/12/" in message.body
    assert "Thư gửi tự động" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Kính gửi Ông Phạm Văn Tâm," in html
    assert "hồ sơ &lt;của&gt; đơn vị" in html  # user text is escaped in HTML
    assert 'href="https://thidua.anhai.example.vn/ho-so/12/"' in html
    assert message.extra_headers["Message-ID"].startswith("<thidua-outbound-")

    row = OutboundEmail.objects.get()
    assert row.status == EmailStatus.SENT and row.attempts == 1 and row.sent_at is not None
    assert row.notification == note


def test_notify_is_part_of_the_callers_transaction(head_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                _notify_head(head_a)
                raise RuntimeError("the caller's action failed")
    assert not Notification.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_notify_skips_duplicates_inactive_users_and_users_without_address(
    head_a, head_b, unit_a, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    gone = UserFactory(is_active=False)
    silent = UserFactory(email="", official=None)
    with django_capture_on_commit_callbacks(execute=True):
        notes = notify(
            recipients=[head_a, head_a, head_b, gone, silent],
            subject="Thông báo chung",
            context={"message": "Nội dung"},
        )
    assert sorted(n.recipient_id for n in notes) == sorted([head_a.pk, head_b.pk, silent.pk])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([head_a.email, head_b.email])


def test_notify_dedupe_key_notifies_once(head_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify_head(head_a, dedupe_key="dossier:12:accepted")
        again = _notify_head(head_a, dedupe_key="dossier:12:accepted")
    assert again == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notify_mails_a_mailbox_of_no_user_once_in_the_shared_layout(
    head_a, django_capture_on_commit_callbacks
):
    head_a.email = "head@anhai.example.vn"
    head_a.save()
    mailboxes = [
        ("vhxh@anhai.example.vn", "Phòng Văn hóa - Xã hội"),
        ("HEAD@anhai.example.vn", "Trùng địa chỉ"),  # a user recipient already gets it there
    ]
    with django_capture_on_commit_callbacks(execute=True):
        _notify_head(head_a, addresses=mailboxes, dedupe_key="k")
    assert list(OutboundEmail.objects.order_by("pk").values_list("to", "subject", "recipient", "status")) == [
        ("head@anhai.example.vn", "[Thi đua An Hải] Hồ sơ của đơn vị đã được tiếp nhận", head_a.pk, "sent"),
        ("vhxh@anhai.example.vn", "[Thi đua An Hải] Hồ sơ của đơn vị đã được tiếp nhận", None, "sent"),
    ]
    assert Notification.objects.count() == 1  # the mailbox has no in-app list
    assert [m.to for m in mail.outbox] == [["head@anhai.example.vn"], ["vhxh@anhai.example.vn"]]
    mailbox = mail.outbox[1]
    assert mailbox.body.startswith("Kính gửi Phòng Văn hóa - Xã hội,\n")
    assert "Phòng Văn hóa - Xã hội đã tiếp nhận hồ sơ <của> đơn vị." in mailbox.body
    assert "Hệ thống quản lý thi đua, khen thưởng" in mailbox.body  # the one layout's footer
    # A repeated call with the same key (a retry) mails nobody again, not even the mailbox.
    with django_capture_on_commit_callbacks(execute=True):
        _notify_head(head_a, addresses=mailboxes, dedupe_key="k")
    assert OutboundEmail.objects.count() == 2
    assert send_pending_emails() == 0 and len(mail.outbox) == 2


def test_broker_down_action_succeeds_and_beat_sends_once(
    head_a, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to localhost:6379. Connection refused.")

    monkeypatch.setattr(send_pending_emails, "apply_async", broker_down)
    monkeypatch.setattr(send_pending_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify_head(head_a)
    assert len(callbacks) == 1  # the kick ran, failed, and did not raise

    assert Notification.objects.count() == 1  # the user's action went through
    row = OutboundEmail.objects.get()
    assert row.status == EmailStatus.PENDING and row.attempts == 0
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back: beat runs the task every minute
    send_pending_emails.delay()
    send_pending_emails.delay()
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_outbox_view_action_survives_broker_down(office_user, head_a, login, monkeypatch):
    """A user's HTTP action that queues mail still succeeds with the broker unreachable."""
    row = OutboundEmail.objects.create(
        recipient=head_a,
        to=head_a.email,
        from_email="a@b.vn",
        subject="S",
        body_text="B",
        status=EmailStatus.FAILED,
    )
    monkeypatch.setattr(
        send_pending_emails, "apply_async", lambda *a, **k: (_ for _ in ()).throw(OperationalError("down"))
    )
    response = login(office_user).post(f"/thong-bao/hop-thu-di/{row.pk}/gui-lai/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == EmailStatus.PENDING and row.attempts == 0
    monkeypatch.undo()
    assert outbox_send_pending() == 1
    assert len(mail.outbox) == 1


def test_failed_sending_retries_then_gives_up(head_a, settings, monkeypatch, at):
    from datetime import datetime, timedelta

    settings.OUTBOX_MAX_ATTEMPTS = 2
    at(datetime(2025, 12, 1, 9, 0))
    monkeypatch.setattr(
        services.EmailMultiAlternatives, "send", lambda self: (_ for _ in ()).throw(OSError("smtp down"))
    )
    _notify_head(head_a)  # no on-commit capture: only the beat task sends
    assert outbox_send_pending() == 0
    row = OutboundEmail.objects.get()
    assert row.status == EmailStatus.PENDING and row.attempts == 1 and "smtp down" in row.last_error
    assert outbox_send_pending() == 0  # not due yet: it waits before retrying
    at(datetime(2025, 12, 1, 9, 0) + timedelta(minutes=3))
    assert outbox_send_pending() == 0
    row.refresh_from_db()
    assert row.status == EmailStatus.FAILED and row.attempts == 2
    monkeypatch.undo()
    assert services.outbox_retry(email=row)
    assert outbox_send_pending() == 1
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and len(mail.outbox) == 1


def test_a_claimed_row_is_not_sent_by_another_worker(head_a):
    _notify_head(head_a)
    row = OutboundEmail.objects.get()
    # Another worker claimed it a moment ago (pending -> sending): this run must leave it alone.
    OutboundEmail.objects.filter(pk=row.pk).update(status=EmailStatus.SENDING, claimed_at=row.created_at)
    assert outbox_send_pending() == 0
    assert mail.outbox == []


def test_a_claim_of_a_dead_worker_is_released(head_a, settings, at):
    from datetime import datetime, timedelta

    at(datetime(2025, 12, 1, 9, 0))
    _notify_head(head_a)
    row = OutboundEmail.objects.get()
    OutboundEmail.objects.filter(pk=row.pk).update(status=EmailStatus.SENDING, claimed_at=row.created_at)
    at(datetime(2025, 12, 1, 9, 0) + timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS + 60))
    assert outbox_send_pending() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_senders_send_each_email_once(head_a, head_b, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that lets two connections write at once (PostgreSQL)")
    monkeypatch.setattr(services, "kick_sender", lambda: None)  # leave the rows for the two senders
    for i in range(20):
        notify(recipients=[head_a, head_b], subject=f"Thông báo {i}", context={"message": "x"})
    barrier = threading.Barrier(2)
    results = []

    def worker():
        from django.db import connection as conn

        try:
            barrier.wait()
            results.append(outbox_send_pending())
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 40
    assert len(mail.outbox) == 40
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 40
    assert OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 40
