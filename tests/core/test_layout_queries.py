"""The layout made cheap (issue 13): roles, the official's name and the unread badge come from a per-user cache
invalidated on change, so a page in the layout costs the session and the user (2 queries) once the cache is
warm; home per role, the notifications list and the directory keep the same query count at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_mark_all_read
from organisation.models import RoleAssignment
from tests.factories import OfficialFactory, UnitFactory

ROLES = ["head_a", "office_user", "council_member", "chairman", "publicity_user"]


@pytest.fixture(autouse=True)
def _user_cache_on(settings):
    """As in production with Redis (settings.USER_CACHE_SECONDS is 0 without it)."""
    settings.USER_CACHE_SECONDS = 3600


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def _grow(user, *, units=8, per_unit=12, notes=45):
    """Make the ward bigger: units with teams and officials, and notifications for the user."""
    for _ in range(units):
        parent = UnitFactory()
        team = UnitFactory(parent=parent, kind="to")
        for k in range(per_unit):
            OfficialFactory(unit=team if k % 3 else parent)
    Notification.objects.bulk_create(
        Notification(recipient=user, subject=f"Thông báo {n}", body="Nội dung", read_at=None)
        for n in range(notes)
    )


def _steady(client, url) -> int:
    """Queries of `url` once the per-user cache is warm (the first request fills it)."""
    _queries(client, url)
    return _queries(client, url)[0]


@pytest.mark.parametrize("who", ROLES)
def test_home_per_role_query_count_is_the_same_at_two_sizes(who, request, login):
    user = request.getfixturevalue(who)
    client = login(user)
    small = _steady(client, reverse("home"))
    _grow(user)
    large = _steady(client, reverse("home"))
    assert large == small
    assert small <= 8, who


@pytest.mark.parametrize(
    "url,who",
    [
        ("notifications:list", "head_a"),
        ("notifications:list", "office_user"),
        ("organisation:directory", "office_user"),
    ],
)
def test_list_pages_query_count_is_the_same_at_two_sizes(url, who, request, login):
    user = request.getfixturevalue(who)
    client = login(user)
    _grow(user, units=1, per_unit=2, notes=2)  # a first page that is not empty
    small = _steady(client, reverse(url))
    _grow(user, units=40, per_unit=3, notes=60)
    large = _steady(client, reverse(url))
    assert large == small
    assert small <= 8


def test_the_layout_costs_session_and_user_once_warm(office_user, login):
    client = login(office_user)
    cold, _ = _queries(client, reverse("notifications:list"))
    warm, _ = _queries(client, reverse("notifications:list"))
    # cold: + one query for the roles and the name, one COUNT for the badge
    assert cold - warm == 2


def test_a_new_role_shows_on_the_next_page(head_a, login, unit_a):
    client = login(head_a)
    _, body = _queries(client, reverse("home"))
    office_link = reverse("organisation:directory")
    assert office_link not in body
    RoleAssignment.objects.create(user=head_a, role="office")
    _, body = _queries(client, reverse("home"))
    assert office_link in body


def test_a_removed_role_is_gone_on_the_next_page(office_user, login):
    client = login(office_user)
    assert client.get(reverse("notifications:outbox")).status_code == 200
    RoleAssignment.objects.filter(user=office_user).get().delete()
    assert client.get(reverse("notifications:outbox")).status_code == 403


def test_a_renamed_official_shows_the_new_name(head_a, login):
    client = login(head_a)
    assert "Phạm Văn Tâm" in _queries(client, reverse("home"))[1]
    official = head_a.official
    official.full_name = "Phạm Văn Tâm Mới"
    official.save()
    assert "Phạm Văn Tâm Mới" in _queries(client, reverse("home"))[1]


def test_the_badge_follows_new_and_read_notifications(head_a, login):
    client = login(head_a)
    badge = '{}<span class="visually-hidden"> chưa đọc</span>'
    Notification.objects.create(recipient=head_a, subject="Một", body="")
    assert badge.format(1) in _queries(client, reverse("home"))[1]
    Notification.objects.create(recipient=head_a, subject="Hai", body="")
    assert badge.format(2) in _queries(client, reverse("home"))[1]
    notification_mark_all_read(user=head_a)
    body = _queries(client, reverse("home"))[1]
    assert badge.format(2) not in body and "chưa đọc</span>" not in body


def test_the_ward_counts_are_cached_and_follow_new_and_removed_officials(office_user, unit_a):
    from organisation.usercache import ward_counts

    before = ward_counts()
    with CaptureQueriesContext(connection) as ctx:
        assert ward_counts() == before
    assert ctx.captured_queries == []  # cached
    official = OfficialFactory(unit=unit_a)
    assert ward_counts()["officials"] == before["officials"] + 1
    UnitFactory()
    assert ward_counts()["units"] == before["units"] + 1
    official.delete()
    assert ward_counts()["officials"] == before["officials"]


def test_the_directory_total_is_the_cached_count(office_user, login, unit_a):
    client = login(office_user)
    _queries(client, reverse("organisation:directory"))
    OfficialFactory(unit=unit_a, full_name="Trần Văn Mới")
    _, body = _queries(client, reverse("organisation:directory"))
    response = client.get(reverse("organisation:directory"))
    assert response.context["page"].paginator.count == 2  # the office user's official and the new one
    assert "Trần Văn Mới" in body
