"""Deadline reminders: the schedule across a frozen clock, escalation, and exactly-once delivery."""

import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from notifications import reminders
from notifications.enums import ReminderKind, ReminderStage
from notifications.models import Notification, OutboundEmail, Reminder, ReminderSettings
from notifications.reminders import send_due_reminders
from notifications.tasks import send_due_reminders as send_due_reminders_task

from .conftest import SUBMISSION_DEADLINE

D = SUBMISSION_DEADLINE  # Monday 15/12/2025


def _day(n):
    """The date n days before the deadline (negative: after)."""
    return date.fromordinal(D.toordinal() - n)


def _tick(at, day, django_capture_on_commit_callbacks):
    at(day)
    with django_capture_on_commit_callbacks(execute=True):
        return send_due_reminders()


def _subjects():
    return [m.subject for m in mail.outbox]


def test_schedule_before_on_and_after_the_deadline_then_escalation(
    campaign, missing_units, head_a, head_b, office_user, at, django_capture_on_commit_callbacks
):
    sent_per_day = {}
    for n in range(10, -5, -1):  # from 10 days before to 4 days after, one tick a day
        mail.outbox.clear()
        sent_per_day[n] = (_tick(at, _day(n), django_capture_on_commit_callbacks), _subjects())

    # Units A and B each get: 7, 3, 1 days before, on the day, 1 day after. The office: the summary.
    assert {n: count for n, (count, _s) in sent_per_day.items() if count} == {
        7: 2,
        3: 2,
        1: 2,
        0: 2,
        -1: 2,
        -2: 1,
    }
    assert (
        sent_per_day[7][1]
        == ["[Thi đua An Hải] Nhắc hạn nộp hồ sơ đề nghị khen thưởng: còn 7 ngày (hạn 15/12/2025)"] * 2
    )
    assert sent_per_day[3][1][0].endswith("còn 3 ngày (hạn 15/12/2025)")
    assert (
        sent_per_day[0][1][0] == "[Thi đua An Hải] Hôm nay là hạn nộp hồ sơ đề nghị khen thưởng (15/12/2025)"
    )
    assert (
        sent_per_day[-1][1][0] == "[Thi đua An Hải] Đã quá hạn nộp hồ sơ đề nghị khen thưởng (hạn 15/12/2025)"
    )
    assert sent_per_day[-2][1] == [
        "[Thi đua An Hải] Các đơn vị chưa nộp hồ sơ đề nghị khen thưởng: đã quá hạn 15/12/2025"
    ]

    rows = Reminder.objects.order_by("sent_at", "recipient_id")
    assert [(r.recipient, r.offset, r.stage) for r in rows] == [
        (head, offset, stage)
        for offset, stage in [(7, "before"), (3, "before"), (1, "before"), (0, "on_day"), (-1, "after")]
        for head in (head_a, head_b)
    ] + [(office_user, -2, "escalation")]
    assert {r.kind for r in rows} == {ReminderKind.SUBMISSION}
    assert Reminder.objects.filter(unit__isnull=False).count() == 10
    assert OutboundEmail.objects.filter(status="sent").count() == 11
    assert Notification.objects.filter(recipient=head_a).count() == 5


def test_reminder_email_content(
    campaign, missing_units, head_a, at, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://thidua.anhai.example.vn"
    _tick(at, _day(3), django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [head_a.email])
    assert (
        message.subject
        == "[Thi đua An Hải] Nhắc hạn nộp hồ sơ đề nghị khen thưởng: còn 3 ngày (hạn 15/12/2025)"
    )
    assert message.body.startswith("Kính gửi Ông Phạm Văn Tâm,")
    assert (
        "Còn 3 ngày đến hạn nộp hồ sơ đề nghị khen thưởng (hạn ngày 15/12/2025) của phong trào "
        "“Thi đua CCHC 6 tháng cuối năm 2025”." in message.body
    )
    assert "Đơn vị: Trung tâm Phục vụ hành chính công." in message.body
    assert "https://thidua.anhai.example.vn/phong-trao/cchc-thu/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Còn <strong>3 ngày</strong> đến hạn nộp hồ sơ đề nghị khen thưởng" in html
    assert "Trung tâm Phục vụ hành chính công" in html
    note = Notification.objects.get(recipient=head_a)
    assert note.link == "/phong-trao/cchc-thu/"
    assert not note.body.startswith("Kính gửi")  # the in-app copy has no greeting or footer


def test_escalation_lists_only_units_still_missing(
    campaign, missing_units, unit_a, unit_b, office_user, at, django_capture_on_commit_callbacks
):
    _tick(at, _day(-1), django_capture_on_commit_callbacks)
    del missing_units[unit_a.pk]  # unit A submitted after the late reminder
    mail.outbox.clear()
    assert _tick(at, _day(-2), django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.to == [office_user.email]
    assert "Công an phường" in message.body
    assert "Trung tâm Phục vụ hành chính công" not in message.body
    assert "các đơn vị sau vẫn chưa thực hiện (1):" in message.body
    assert "<li>Công an phường</li>" in message.alternatives[0][0]


def test_nothing_is_escalated_when_every_unit_is_done(
    campaign, missing_units, at, django_capture_on_commit_callbacks
):
    missing_units.clear()
    assert _tick(at, _day(-2), django_capture_on_commit_callbacks) == 0
    assert not Reminder.objects.exists()


def test_per_campaign_offsets_and_switches(campaign, missing_units, at, django_capture_on_commit_callbacks):
    ReminderSettings.objects.create(campaign=campaign, offsets="5,2", after_days=2, escalate=False)
    sent = {n: _tick(at, _day(n), django_capture_on_commit_callbacks) for n in range(8, -6, -1)}
    assert {n: c for n, c in sent.items() if c} == {5: 2, 2: 2, 0: 2, -2: 2}
    assert not Reminder.objects.filter(stage=ReminderStage.ESCALATION).exists()


def test_disabled_campaign_and_draft_campaign_get_nothing(
    campaign, missing_units, at, django_capture_on_commit_callbacks
):
    ReminderSettings.objects.create(campaign=campaign, enabled=False)
    assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 0
    ReminderSettings.objects.filter(campaign=campaign).update(enabled=True)
    campaign.status = "draft"
    campaign.save()
    assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 0


def test_a_missed_day_is_caught_up_once_but_not_replayed(
    campaign, missing_units, at, settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_CATCH_UP_DAYS = 2
    # The worker was down from 8 days before until 2 days before: the 3-day reminder still goes, once.
    assert _tick(at, _day(2), django_capture_on_commit_callbacks) == 2
    assert set(Reminder.objects.values_list("offset", flat=True)) == {3}
    assert "còn 2 ngày" in mail.outbox[0].subject  # the text counts from today, not from the stage
    # Down again for long: a stage older than the window is skipped.
    Reminder.objects.all().delete()
    assert _tick(at, date(2026, 1, 31), django_capture_on_commit_callbacks) == 0


def test_two_ticks_the_same_day_send_once(campaign, missing_units, at, django_capture_on_commit_callbacks):
    assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 2
    assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 0
    send_due_reminders_task.delay()  # through Celery, as beat runs it
    assert Reminder.objects.count() == 2
    assert len(mail.outbox) == 2


def test_two_ticks_that_both_miss_the_precheck_still_send_once(
    campaign, missing_units, at, monkeypatch, django_capture_on_commit_callbacks
):
    """The quick "already sent?" read can race; the unique constraint is what guarantees once."""
    monkeypatch.setattr(reminders, "_existing_keys", lambda campaign: set())
    assert _tick(at, _day(1), django_capture_on_commit_callbacks) == 2
    assert _tick(at, _day(1), django_capture_on_commit_callbacks) == 0
    assert Reminder.objects.count() == 2
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_retried_task_sends_only_what_the_failed_run_did_not(
    campaign, missing_units, head_a, head_b, at, monkeypatch, django_capture_on_commit_callbacks
):
    """A run that dies half-way (the worker is killed, the task raises and is retried) rolls back the batch it
    was writing, claims and messages together (the tick claims and writes a campaign's reminders of one kind
    in bulk, issue 13): nothing is half-sent, and the retry sends every reminder of it, once."""
    real_notify_many = reminders.notify_many

    def dies_while_writing(messages):
        real_notify_many(messages[:1])  # the first message is written, then the worker is lost
        raise ConnectionError("worker lost")

    monkeypatch.setattr(reminders, "notify_many", dies_while_writing)
    at(_day(1))
    with pytest.raises(ConnectionError):
        with django_capture_on_commit_callbacks(execute=True):
            send_due_reminders()
    assert Reminder.objects.count() == 0  # the claims rolled back with the message already written
    assert Notification.objects.count() == 0
    assert mail.outbox == []

    monkeypatch.setattr(reminders, "notify_many", real_notify_many)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders_task.delay().get() == 2  # the retry
    assert sorted(m.to[0] for m in mail.outbox) == sorted([head_a.email, head_b.email])
    assert Reminder.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders_task.delay().get() == 0


def test_moving_the_deadline_reminds_again_for_the_new_date(
    campaign, missing_units, at, django_capture_on_commit_callbacks
):
    assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 2
    campaign.submission_deadline = date(2025, 12, 22)
    campaign.save()
    at(date(2025, 12, 15))  # 7 days before the new deadline
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 2
    assert set(Reminder.objects.values_list("deadline", "offset")) == {(D, 3), (date(2025, 12, 22), 7)}


def test_a_broken_provider_does_not_stop_the_others(
    campaign, missing_units, at, django_capture_on_commit_callbacks
):
    from notifications.registry import register_provider, unregister_provider

    campaign.registration_deadline = D
    campaign.save()

    def broken(campaign, kind):
        raise RuntimeError("criteria app half-migrated")

    register_provider(ReminderKind.REGISTRATION, broken)
    try:
        assert _tick(at, _day(3), django_capture_on_commit_callbacks) == 2
    finally:
        unregister_provider(ReminderKind.REGISTRATION)


def test_schedule_page_data(
    campaign, missing_units, head_a, head_b, office_user, at, django_capture_on_commit_callbacks
):
    _tick(at, _day(7), django_capture_on_commit_callbacks)
    rows = reminders.reminder_schedule(campaign)
    # Today's 7-day reminder went out: next for each unit is the 3-day one.
    assert [(r.title, r.stage.offset, r.stage.send_on, r.recipients) for r in rows] == [
        ("Công an phường", 3, _day(3), [head_b]),
        ("Trung tâm Phục vụ hành chính công", 3, _day(3), [head_a]),
    ]
    at(_day(-2))
    rows = reminders.reminder_schedule(campaign)
    assert [(r.stage.stage, r.recipients) for r in rows] == [("escalation", [office_user])] * 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ticks_send_once(
    campaign, missing_units, head_a, head_b, office_user, at, monkeypatch
):
    """Two beat ticks at the same moment, on PostgreSQL: both try every insert; the database lets one win."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that lets two connections write at once (PostgreSQL)")
    monkeypatch.setattr(reminders, "_existing_keys", lambda campaign: set())
    at(_day(1))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def tick():
        from django.db import connection as conn

        try:
            barrier.wait()
            results.append(send_due_reminders())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(results) == 2
    assert Reminder.objects.count() == 2
    assert Notification.objects.count() == 2
    assert OutboundEmail.objects.count() == 2


def test_management_command_plays_a_day(campaign, missing_units, monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from notifications import services

    monkeypatch.setattr(services, "kick_sender", lambda: None)  # the command sends the outbox itself
    out = StringIO()
    call_command("send_due_reminders", "--date", "2025-12-12", stdout=out)
    assert out.getvalue().strip() == "2 reminder(s) written, 2 email(s) sent"
    call_command("send_due_reminders", "--date", "2025-12-12", stdout=out)
    assert out.getvalue().strip().endswith("0 reminder(s) written, 0 email(s) sent")
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError):
        call_command("send_due_reminders", "--date", "12/12/2025")


def test_beat_runs_the_outbox_every_minute_and_reminders_hourly():
    from anhai_thidua.celery import app

    app.finalize()
    entries = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert entries["notifications.send_pending_emails"] == 60.0
    assert "notifications.send_due_reminders" in entries
    assert {"notifications.send_pending_emails", "notifications.send_due_reminders"} <= set(app.tasks)


def test_the_tick_defers_the_mail_body_to_the_sender_and_sends_what_notify_would(
    campaign, missing_units, head_a, office_user, login, at, settings, django_capture_on_commit_callbacks
):
    """The tick renders only the in-app copy; each email row carries what its body is rendered from and is
    rendered by the outbox when it is sent: the same text and HTML as notify() renders at once."""
    from notifications.emails import render
    from notifications.services import outbox_send_pending

    settings.SITE_URL = "https://thidua.anhai.example.vn"
    at(_day(3))
    assert send_due_reminders() == 2  # no on-commit capture: the rows wait for the sender
    row = OutboundEmail.objects.get(to=head_a.email)
    assert (row.body_text, row.body_html, row.status) == ("", "", "pending")
    assert row.deferred["template"] == "notifications/emails/reminder"
    assert row.deferred["context"]["deadline"] == {"$date": "2025-12-15"}
    eager = render(
        template="notifications/emails/reminder",
        subject="Nhắc hạn nộp hồ sơ đề nghị khen thưởng: còn 3 ngày (hạn 15/12/2025)",
        context=reminders._context(
            ReminderKind.SUBMISSION,
            campaign,
            reminders.Stage(3, ReminderStage.BEFORE, _day(3)),
            D,
            _day(3),
            item=reminders.Owed(unit=missing_units[head_a.official.unit_id], recipients=(head_a,)),
        ),
        user=head_a,
        link="/phong-trao/cchc-thu/",
    )
    assert Notification.objects.get(recipient=head_a).body == eager.in_app
    # The office's outbox page shows a row that is not sent yet as it will be sent.
    page = login(office_user).get(f"/thong-bao/hop-thu-di/{row.pk}/").content.decode()
    assert "Kính gửi Ông Phạm Văn Tâm," in page and "Đơn vị: Trung tâm Phục vụ hành chính công." in page
    frame = login(office_user).get(f"/thong-bao/hop-thu-di/{row.pk}/noi-dung/").content.decode()
    assert frame == eager.html

    assert outbox_send_pending() == 2
    message = next(m for m in mail.outbox if m.to == [head_a.email])
    assert message.subject == "[Thi đua An Hải] " + eager.subject
    assert message.body == eager.text
    assert message.alternatives == [(eager.html, "text/html")]
    row.refresh_from_db()
    assert (row.status, row.body_text, row.body_html) == ("sent", eager.text, eager.html)  # the log


def test_a_deferred_context_holds_json_values_and_dates_only(head_a):
    from notifications.emails import defer

    deferred = defer(
        template="notifications/emails/generic",
        subject="  Nhắc\nhạn ",
        context={"when": date(2025, 12, 15), "names": ("A", "B"), "n": 2},
        user=head_a,
        link="/",
    )
    assert deferred == {
        "template": "notifications/emails/generic",
        "subject": "Nhắc hạn",
        "link": "/",
        "name": "Ông Phạm Văn Tâm",
        "context": {"when": {"$date": "2025-12-15"}, "names": ["A", "B"], "n": 2},
    }
    with pytest.raises(TypeError):
        defer(template="t", subject="s", context={"user": head_a}, user=head_a, link="/")
