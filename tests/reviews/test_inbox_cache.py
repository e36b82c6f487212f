"""The inbox's counts, units not submitted and rows come from the cache (reviews/views.py `_inbox_part`) until a
dossier, nominee or review row of the campaign or a unit changes: then at once, through a service, a plain
save (as the admin does) or the services' queryset.update(); never across filters, pages, days or languages."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from nominations import services as dossier_services
from nominations.enums import DossierState
from nominations.models import Dossier, Nominee
from reviews import services
from reviews.models import DossierReview

from .conftest import TZ, inbox_rows, make_submitted

pytestmark = pytest.mark.usefixtures("page_cache")


def _get(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def _row(response, unit_name):
    [row] = [r for r in inbox_rows(response) if r.unit == unit_name]
    return row


def test_inbox_reads_its_rows_from_the_cache_at_two_sizes(login, office_user, campaign, submitted_a):
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    missed, _response = _get(client, url, {"q": "thi"})
    hit, response = _get(client, url, {"q": "thi"})
    # A hit: session, user, roles, campaign, the unit filter's units, unread notices (the layout's cache is off
    # in tests) without the COUNT, the page's rows, the counts per state and the units not submitted.
    assert (missed, hit) == (10, 6)
    assert len(inbox_rows(response)) == 1
    for i in range(3):
        make_submitted(
            campaign,
            name=f"Phòng số {i + 1}",
            code=f"phong-{i + 1}",
            head_name=f"Trưởng {i}",
            nominee_names=[f"Trần Thị Ánh {i}"],
        )
    missed_again, response = _get(client, url, {"q": "thi"})  # the new dossiers made the entry stale
    assert missed_again == missed and len(inbox_rows(response)) == 4
    hit, _response = _get(client, url, {"q": "thi"})
    assert hit == 6


def test_inbox_shows_a_transition_a_return_and_a_receipt_at_once(
    login, office_user, head_a, campaign, submitted_a
):
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    other, _head = make_submitted(
        campaign, name="Phòng số 1", code="phong-1", head_name="Trưởng phòng", nominee_names=["Lê Văn Tám"]
    )
    response = client.get(url)
    assert "Chưa xác nhận nhận" in _row(response, "Phòng số 1").text
    assert 'id="state-counts"' in response.content.decode()
    assert ">Đã nộp: 2<" in response.content.decode()

    services.review_mark_received(dossiers=[Dossier.objects.get(pk=other.pk)], actor=office_user)
    assert "Phòng đã nhận" in _row(client.get(url), "Phòng số 1").text

    services.review_return(
        dossier=Dossier.objects.get(pk=other.pk),
        actor=office_user,
        reasons=["Thiếu minh chứng."],
        due_date=dt.date(2025, 12, 9),
    )
    response = client.get(url)
    row = _row(response, "Phòng số 1")
    assert "Yêu cầu bổ sung" in row.text and "Bổ sung trước 09/12/2025" in row.text
    assert ">Đã nộp: 1<" in response.content.decode() and ">Yêu cầu bổ sung: 1<" in response.content.decode()

    dossier_services.dossier_withdraw(dossier=Dossier.objects.get(pk=submitted_a.pk), actor=head_a)
    response = client.get(url)
    assert "Đã rút" in _row(response, submitted_a.unit.name).text
    # withdrawn: the unit is owed a dossier again
    assert (
        submitted_a.unit.name in response.content.decode().split('id="unsubmitted-list">')[1].split("</p>")[0]
    )


def test_inbox_shows_plain_saves_of_dossiers_nominees_reviews_and_units(
    login, office_user, campaign, submitted_a
):
    """What the admin or a shell does (Model.save()/delete()) reaches the inbox through the signals."""
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    before = _row(client.get(url), submitted_a.unit.name)

    dossier = Dossier.objects.get(pk=submitted_a.pk)
    dossier.state = DossierState.ACCEPTED
    dossier.save()
    assert "Đã tiếp nhận" in _row(client.get(url), submitted_a.unit.name).text

    nominee = Nominee.objects.filter(dossier=dossier).first()
    nominee.delete()
    after = _row(client.get(url), submitted_a.unit.name)
    assert after.text != before.text.replace("Đã nộp", "Đã tiếp nhận")  # one nominee fewer in the counts

    dossier.state = DossierState.SUBMITTED
    dossier.save()
    review = DossierReview.objects.get(dossier=dossier)
    review.received_submission = dossier.submission_count
    review.save()
    assert "Phòng đã nhận" in _row(client.get(url), submitted_a.unit.name).text

    unit = dossier.unit
    unit.name = "Trung tâm <Đổi tên>"
    unit.save()
    response = client.get(url)
    assert [r.unit for r in inbox_rows(response)] == ["Trung tâm <Đổi tên>"]
    assert "Trung tâm &lt;Đổi tên&gt;" in response.content.decode()


def test_inbox_cache_keeps_filters_pages_days_and_languages_apart(
    login, office_user, campaign, submitted_a, time_machine
):
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    name = submitted_a.unit.name
    assert [r.unit for r in inbox_rows(client.get(url))] == [name]
    assert inbox_rows(client.get(url, {"state": "returned"})) == []
    assert inbox_rows(client.get(url, {"state": "returned", "unit": "abc"})) == []  # nonsense unit ignored
    assert [r.unit for r in inbox_rows(client.get(url, {"unit": "abc"}))] == [name]
    assert inbox_rows(client.get(url, {"q": "khong co ai"})) == []
    assert [r.unit for r in inbox_rows(client.get(url, {"page": "2"}))] == [name]  # the last page

    # Submitted Monday 01/12/2025: 10 working days end on Monday 15/12/2025.
    time_machine.move_to(dt.datetime(2025, 12, 15, 9, 0, tzinfo=TZ), tick=False)
    client = login(office_user)
    assert inbox_rows(client.get(url, {"overdue": "on"})) == []
    assert "Quá hạn thẩm định" not in _row(client.get(url), name).text
    time_machine.move_to(dt.datetime(2025, 12, 16, 9, 0, tzinfo=TZ), tick=False)
    client = login(office_user)
    assert [r.unit for r in inbox_rows(client.get(url, {"overdue": "on"}))] == [name]
    assert "Quá hạn thẩm định" in _row(client.get(url), name).text

    with translation.override("en"):
        submitted_en, view_en = str(DossierState.SUBMITTED.label), translation.gettext("Xem hồ sơ")
    assert submitted_en != "Đã nộp"
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _row(client.get(url), name).text
    assert submitted_en in english and view_en in english and "Đã nộp" not in english
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Đã nộp" in _row(client.get(url), name).text


def test_inbox_cached_rows_hold_no_token(login, office_user, campaign, submitted_a):
    """The forms (and their CSRF tokens) stay outside the cached part: each visitor gets a fresh token."""
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    client.get(url)
    part = next(v for k, v in cache._cache.items() if "reviews-inbox" in k)  # locmem: the pickled entry
    assert b"csrfmiddlewaretoken" not in part and b"<form" not in part
