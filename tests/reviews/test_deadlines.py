"""The review time limit in working days (weekends and Vietnamese holidays skipped), the overdue cut-off
the inbox filters on, and the reminders: before a returned dossier's new due date, and to the office
before a review's limit."""

import datetime as dt

import pytest
from django.core import mail

from nominations.models import Dossier
from notifications.models import Reminder
from notifications.reminders import send_due_reminders
from notifications.workdays import review_due_date
from reviews import services
from reviews.deadlines import overdue_cutoff, review_due, review_status

from .conftest import TZ


def test_review_limit_skips_weekends_and_tet(settings):
    settings.REVIEW_WORKING_DAYS = 10
    # Friday 06/02/2026; Tết Bính Ngọ: 16–20/02/2026 are days off.
    assert review_due_date(dt.date(2026, 2, 6)) == dt.date(2026, 2, 27)
    # An ordinary fortnight: Monday 01/12/2025 → Monday 15/12/2025.
    assert review_due_date(dt.date(2025, 12, 1)) == dt.date(2025, 12, 15)
    # Around 30/4 and 1/5 (Thursday and Friday in 2026).
    assert review_due_date(dt.date(2026, 4, 28)) == dt.date(2026, 5, 14)


def test_review_limit_is_a_setting(settings):
    settings.REVIEW_WORKING_DAYS = 5
    assert review_due_date(dt.date(2025, 12, 1)) == dt.date(2025, 12, 8)


@pytest.mark.parametrize("today", [dt.date(2026, 2, 1) + dt.timedelta(days=i) for i in range(0, 45, 2)])
def test_overdue_cutoff_agrees_with_the_due_date(today):
    cutoff = overdue_cutoff(today)
    for offset in range(-45, 3):
        completed = today + dt.timedelta(days=offset)
        assert (completed < cutoff) == (review_due_date(completed) < today), (today, completed, cutoff)


def test_dossier_overdue_after_tet(submitted_a, time_machine):
    Dossier.objects.filter(pk=submitted_a.pk).update(submitted_at=dt.datetime(2026, 2, 6, 15, 0, tzinfo=TZ))
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert review_due(dossier) == dt.date(2026, 2, 27)
    on_time = review_status(dossier, dt.date(2026, 2, 27))
    assert not on_time["overdue"] and on_time["left"] == 0 and on_time["near"]
    late = review_status(dossier, dt.date(2026, 3, 2))
    assert late["overdue"] and late["left"] == -1


def test_returned_dossier_reminded_before_its_new_due_date(
    submitted_a, office_user, head_a, time_machine, django_capture_on_commit_callbacks
):
    services.review_return(
        dossier=submitted_a, actor=office_user, reasons=["Bổ sung minh chứng."], due_date=dt.date(2025, 12, 8)
    )
    time_machine.move_to(dt.datetime(2025, 12, 5, 8, 0, tzinfo=TZ), tick=False)  # 3 days before
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders()
        send_due_reminders()  # a second tick sends nothing more
    reminder = Reminder.objects.get(kind="returned_dossier")
    assert (reminder.recipient_id, reminder.deadline, reminder.offset) == (head_a.pk, dt.date(2025, 12, 8), 3)
    sent = [m for m in mail.outbox if m.to == [head_a.email] and "bổ sung hồ sơ bị trả lại" in m.subject]
    assert len(sent) == 1
    assert (
        sent[0].subject == "[Thi đua An Hải] Nhắc hạn bổ sung hồ sơ bị trả lại: còn 3 ngày (hạn 08/12/2025)"
    )
    assert f"/ho-so/{submitted_a.pk}/" in sent[0].body


def test_office_reminded_before_the_review_limit(submitted_a, office_user, time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 12, 8, 0, tzinfo=TZ), tick=False)  # limit 15/12, 3 days before
    send_due_reminders()
    reminder = Reminder.objects.get(kind="review_limit")
    assert (reminder.recipient_id, reminder.deadline, reminder.offset) == (
        office_user.pk,
        dt.date(2025, 12, 15),
        3,
    )
    assert reminder.notification.link == f"/tham-dinh/ho-so/{submitted_a.pk}/"
    # Once decided, nothing more is owed.
    services.review_decide(
        dossier=submitted_a,
        actor=office_user,
        decisions={n.pk: {"decision": "accepted"} for n in submitted_a.nominees.all()},
    )
    time_machine.move_to(dt.datetime(2025, 12, 14, 8, 0, tzinfo=TZ), tick=False)
    send_due_reminders()
    assert Reminder.objects.filter(kind="review_limit").count() == 1
