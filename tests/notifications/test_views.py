"""Pages: the notification list, reading marks, the navbar count, the outbox and the reminder pages."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.enums import EmailStatus
from notifications.models import Notification, OutboundEmail, Reminder, ReminderSettings
from notifications.services import notify

from .conftest import SUBMISSION_DEADLINE


def _notes(user, n, start=0):
    for i in range(start, start + n):
        notify(
            recipients=[user],
            subject=f"Thông báo số {i}",
            context={"message": f"Nội dung {i}"},
            link="/phong-trao/",
        )


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_notification_list_shows_own_notifications_newest_first(head_a, head_b, login):
    _notes(head_a, 2)
    _notes(head_b, 1, start=10)
    response = login(head_a).get("/thong-bao/")
    page = [n.subject for n in response.context["page"]]
    assert page == ["Thông báo số 1", "Thông báo số 0"]
    body = response.content.decode()
    assert "Thông báo số 10" not in body
    assert "Nội dung 1" in body


def test_notification_list_query_count_is_constant(head_a, login, django_assert_num_queries):
    client = login(head_a)
    _notes(head_a, 2)
    small, _ = _count_queries(client, "/thong-bao/")
    _notes(head_a, 40, start=2)
    with django_assert_num_queries(small):
        response = client.get("/thong-bao/")
    assert len(response.context["page"]) == 20
    assert response.context["page"].paginator.count == 42


def test_unread_count_in_navbar_one_query(head_a, login, rf):
    from notifications.context_processors import unread_notifications

    _notes(head_a, 3)
    body = login(head_a).get("/thong-bao/").content.decode()
    assert '3<span class="visually-hidden"> chưa đọc</span>' in body

    request = rf.get("/")
    request.user = head_a
    with CaptureQueriesContext(connection) as ctx:
        value = unread_notifications(request)["unread_notifications"]
        assert ctx.captured_queries == []  # lazy: nothing until a template shows it
        assert int(value) == 3
    assert len(ctx.captured_queries) == 1


def test_open_marks_read_and_follows_the_link(head_a, login):
    _notes(head_a, 2)
    note = Notification.objects.filter(recipient=head_a).first()
    client = login(head_a)
    response = client.post(f"/thong-bao/{note.pk}/mo/")
    assert response.status_code == 302 and response["Location"] == "/phong-trao/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert Notification.objects.filter(recipient=head_a, read_at__isnull=True).count() == 1


def test_open_refuses_an_external_link(head_a, login):
    (note,) = notify(recipients=[head_a], subject="X", context={"message": "x"}, link="https://evil.example/")
    response = login(head_a).post(f"/thong-bao/{note.pk}/mo/")
    assert response["Location"] == "/thong-bao/"


def test_mark_all_read(head_a, head_b, login):
    _notes(head_a, 3)
    _notes(head_b, 1)
    client = login(head_a)
    response = client.post("/thong-bao/da-doc-tat-ca/", follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(recipient=head_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=head_b, read_at__isnull=True).count() == 1
    assert "chưa đọc</span></span>" not in client.get("/thong-bao/").content.decode()


def test_someone_elses_notification_is_404(head_a, head_b, login):
    _notes(head_b, 1)
    note = Notification.objects.get(recipient=head_b)
    client = login(head_a)
    assert client.post(f"/thong-bao/{note.pk}/mo/").status_code == 404
    assert client.post(f"/thong-bao/{note.pk}/da-doc/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_reading_needs_post(head_a, login):
    _notes(head_a, 1)
    note = Notification.objects.get()
    assert login(head_a).get(f"/thong-bao/{note.pk}/mo/").status_code == 405


@pytest.mark.parametrize(
    "url",
    ["/thong-bao/hop-thu-di/", "/thong-bao/nhac-han/", "/thong-bao/nhac-han/cchc-thu/"],
)
def test_office_pages_permissions(
    url, campaign, client, login, office_user, admin_user, head_a, council_member
):
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert "/dang-nhap/" in client.get(url)["Location"]
    for user in (head_a, council_member):
        assert login(user).get(url).status_code == 403
    for user in (office_user, admin_user):
        assert login(user).get(url).status_code == 200


def test_outbox_detail_and_retry_permissions(head_a, office_user, login):
    _notes(head_a, 1)
    row = OutboundEmail.objects.get()
    assert login(head_a).get(f"/thong-bao/hop-thu-di/{row.pk}/").status_code == 403
    assert login(head_a).post(f"/thong-bao/hop-thu-di/{row.pk}/gui-lai/").status_code == 403
    body = login(office_user).get(f"/thong-bao/hop-thu-di/{row.pk}/").content.decode()
    assert "Kính gửi Ông Phạm Văn Tâm," in body
    # The HTML body is its own sandboxed document (an srcdoc frame would inherit the site's CSP and lose the
    # mail's inline styles); the unit head may not read it either.
    assert f'src="/thong-bao/hop-thu-di/{row.pk}/noi-dung/"' in body and 'sandbox=""' in body
    assert login(head_a).get(f"/thong-bao/hop-thu-di/{row.pk}/noi-dung/").status_code == 403
    html = login(office_user).get(f"/thong-bao/hop-thu-di/{row.pk}/noi-dung/")
    assert "Kính gửi Ông Phạm Văn Tâm," in html.content.decode()


def test_outbox_lists_every_email_with_constant_queries(
    head_a, head_b, office_user, login, django_assert_num_queries
):
    client = login(office_user)
    _notes(head_a, 2)
    small, response = _count_queries(client, "/thong-bao/hop-thu-di/")
    assert response.context["page"].paginator.count == 2
    for i in range(30):
        notify(recipients=[head_a, head_b], subject=f"Thư {i}", context={"message": "x"})
    with django_assert_num_queries(small):
        response = client.get("/thong-bao/hop-thu-di/")
    assert response.context["page"].paginator.count == 62
    body = response.content.decode()
    assert "[Thi đua An Hải] Thư 29" in body and head_b.email in body


def test_outbox_filters_by_status(head_a, office_user, login):
    _notes(head_a, 2)
    OutboundEmail.objects.filter(pk=OutboundEmail.objects.first().pk).update(status=EmailStatus.FAILED)
    response = login(office_user).get("/thong-bao/hop-thu-di/?status=failed")
    assert response.context["page"].paginator.count == 1


def test_office_sets_offsets_in_the_browser(campaign, office_user, login):
    client = login(office_user)
    response = client.get("/thong-bao/nhac-han/cchc-thu/")
    assert response.context["form"].initial["offsets"] == "7,3,1"
    response = client.post(
        "/thong-bao/nhac-han/cchc-thu/",
        {"offsets": "10, 5,1,5", "after_days": "2", "escalate": "", "enabled": "on"},
        follow=True,
    )
    assert "Đã lưu cấu hình nhắc hạn." in response.content.decode()
    cfg = ReminderSettings.objects.get(campaign=campaign)
    assert (cfg.offsets, cfg.after_days, cfg.escalate, cfg.enabled) == ("10,5,1", 2, False, True)
    assert cfg.updated_by == office_user


def test_bad_offsets_keep_what_was_typed(campaign, office_user, login):
    response = login(office_user).post(
        "/thong-bao/nhac-han/cchc-thu/", {"offsets": "7, ba, 1", "after_days": "1", "enabled": "on"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy nhập các số ngày nguyên dương" in body
    assert 'value="7, ba, 1"' in body
    assert not ReminderSettings.objects.exists()


def test_reminder_page_pages_the_scheduled_reminders(
    campaign, missing_units, office_user, head_a, head_b, login, at, monkeypatch
):
    from datetime import date

    from notifications import views

    monkeypatch.setattr(views, "SCHEDULED_PER_PAGE", 1)
    client = login(office_user)
    at(date(2025, 12, 8))
    first = client.get("/thong-bao/nhac-han/cchc-thu/")
    second = client.get("/thong-bao/nhac-han/cchc-thu/", {"lich": 2})
    rows = [r.title for r in first.context["scheduled"]] + [r.title for r in second.context["scheduled"]]
    assert first.context["scheduled"].paginator.count == 2 and len(set(rows)) == 2
    assert "?lich=2" in first.content.decode()


def test_reminder_page_shows_sent_and_scheduled_with_constant_queries(
    campaign,
    missing_units,
    office_user,
    head_a,
    head_b,
    login,
    at,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from datetime import date

    from notifications.reminders import send_due_reminders

    client = login(office_user)
    at(date(2025, 12, 8))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_reminders()  # the 7-day reminders, to heads A and B
    small, response = _count_queries(client, "/thong-bao/nhac-han/cchc-thu/")
    body = response.content.decode()
    assert [r.offset for r in response.context["page"]] == [7, 7]
    assert [(r.stage.offset, r.stage.send_on) for r in response.context["scheduled"]] == [
        (3, date(2025, 12, 12)),
        (3, date(2025, 12, 12)),
    ]
    assert "12/12/2025" in body and "Đã gửi" in body and head_a.display_name in body

    for day in (12, 14, 15, 16, 17):
        at(date(2025, 12, day))
        with django_capture_on_commit_callbacks(execute=True):
            send_due_reminders()
    assert Reminder.objects.count() == 11
    with django_assert_num_queries(small):
        response = client.get("/thong-bao/nhac-han/cchc-thu/")
    assert response.context["page"].paginator.count == 11
    assert list(response.context["scheduled"]) == []
    assert SUBMISSION_DEADLINE.strftime("%d/%m/%Y") in response.content.decode()
    assert len(mail.outbox) == 11


def test_office_reminds_now_once_per_day(
    campaign, missing_units, office_user, head_a, head_b, login, at, django_capture_on_commit_callbacks
):
    from datetime import date

    from anhai_thidua.core.models import AuditEntry

    at(date(2025, 12, 11))
    client = login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/thong-bao/nhac-han/cchc-thu/nhac-ngay/", {"kind": "submission"}, follow=True)
    assert "Đã gửi 2 lượt nhắc." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([head_a.email, head_b.email])
    assert (
        mail.outbox[0].subject
        == "[Thi đua An Hải] Nhắc hạn nộp hồ sơ đề nghị khen thưởng: còn 4 ngày (hạn 15/12/2025)"
    )
    assert set(Reminder.objects.values_list("stage", "offset")) == {("manual", 4)}
    assert AuditEntry.objects.filter(action="reminder_send_now", note="submission: 2").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/thong-bao/nhac-han/cchc-thu/nhac-ngay/", {"kind": "submission"}, follow=True)
    assert "đã được nhắc hôm nay" in response.content.decode()
    assert len(mail.outbox) == 2
    # The scheduled 3-day reminder still goes tomorrow.
    at(date(2025, 12, 12))
    from notifications.reminders import send_due_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 2


def test_remind_now_is_office_only(campaign, head_a, login):
    response = login(head_a).post("/thong-bao/nhac-han/cchc-thu/nhac-ngay/", {"kind": "submission"})
    assert response.status_code == 403
    assert not Reminder.objects.exists()
