"""The review pages: permissions, the inbox (search without diacritics, filters, counts, query counts),
the review page (query counts, return refused without reasons, the second reviewer's conflict)."""

import datetime as dt

import pytest
from django.urls import reverse

from anhai_thidua.core.templatetags.counts import group_counts_text
from nominations.models import Dossier
from notifications.models import Reminder
from reviews.models import ReviewReturn
from reviews.selectors import review_page

from .conftest import inbox_rows, make_submitted

PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Ánh", "Lê Đức Thọ", "Phạm Thị Ngọc", "Võ Văn Kiệt", "Đặng Thùy Trâm"]


def _urls(campaign, dossier):
    return [
        ("get", reverse("reviews:index")),
        ("get", reverse("reviews:inbox", args=[campaign.slug])),
        ("post", reverse("reviews:remind_unsubmitted", args=[campaign.slug])),
        ("post", reverse("reviews:mark_received", args=[campaign.slug])),
        ("get", reverse("reviews:review", args=[dossier.pk])),
        ("post", reverse("reviews:review", args=[dossier.pk])),
    ]


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("office_user", True),
        ("admin_user", True),
        ("head_a", False),
        ("head_b", False),
        ("council_member", False),
        ("chairman", False),
        ("publicity_user", False),
        ("anonymous", False),
    ],
)
def test_permission_matrix_for_every_url(request, client, who, allowed, submitted_a, campaign):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for method, url in _urls(campaign, submitted_a):
        response = getattr(client, method)(url, {"action": "save"} if method == "post" else None)
        if allowed:
            assert response.status_code in (200, 302), (who, url, response.status_code)
            if response.status_code == 302:
                assert not response.url.startswith("/dang-nhap/"), (who, url)
        elif who == "anonymous":
            assert response.status_code == 302 and response.url.startswith("/dang-nhap/"), url
        else:
            assert response.status_code == 403, (who, url, response.status_code)
    assert Dossier.objects.get(pk=submitted_a.pk).state == "submitted"  # nobody changed anything


@pytest.fixture
def inbox_dossiers(campaign, submitted_a):
    dossiers = [submitted_a]
    for i, name in enumerate(PEOPLE[:2]):
        dossier, _head = make_submitted(
            campaign,
            name=f"Phòng số {i + 1}",
            code=f"phong-{i + 1}",
            head_name=f"Trưởng phòng {i + 1}",
            nominee_names=[name, f"Hoàng Văn Phụ {i}"],
        )
        dossiers.append(dossier)
    return dossiers


def test_inbox_search_ignores_diacritics(login, office_user, campaign, inbox_dossiers):
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    response = client.get(url, {"q": "nguyen van hung"})
    assert [r.unit for r in inbox_rows(response)] == ["Phòng số 1"]
    # Diacritics typed, other case, part of a word, the unit's name.
    found = [r.unit for r in inbox_rows(client.get(url, {"q": "TRẦN thị ÁNH"}))]
    assert "Phòng số 2" in found and "Phòng số 1" not in found
    assert [r.unit for r in inbox_rows(client.get(url, {"q": "phuc vu hanh chinh"}))] == [
        "Trung tâm Phục vụ hành chính công"
    ]
    assert inbox_rows(client.get(url, {"q": "nguyen thi hung"})) == []
    assert "Phòng số 1" in response.content.decode()


def test_inbox_filters_by_unit_state_award_and_counts_states(
    login, office_user, campaign, inbox_dossiers, unit_a
):
    first, second, third = inbox_dossiers
    from reviews import services

    services.review_return(
        dossier=second, actor=office_user, reasons=["Thiếu minh chứng."], due_date=dt.date(2025, 12, 9)
    )
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    response = client.get(url)
    counts = {state: n for state, _label, n, _badge in response.context["counts"]}
    assert counts["submitted"] == 2 and counts["returned"] == 1 and counts["accepted"] == 0
    assert [r.unit for r in inbox_rows(client.get(url, {"unit": unit_a.pk}))] == [
        "Trung tâm Phục vụ hành chính công"
    ]
    assert [r.unit for r in inbox_rows(client.get(url, {"state": "returned"}))] == ["Phòng số 1"]
    assert inbox_rows(client.get(url, {"award": "bang_khen"})) == []
    assert len(inbox_rows(client.get(url, {"award": "giay_khen"}))) == 3
    page = response.content.decode()
    assert "Bổ sung trước 09/12/2025" in page
    assert "Hạn nộp hồ sơ đề nghị khen thưởng" in page and "15/12/2025" in page  # the campaign's deadlines


def test_inbox_unit_select_from_the_cache_follows_unit_changes(
    login, office_user, campaign, inbox_dossiers, unit_a, settings
):
    """The unit filter's options are cached (organisation.usercache.top_unit_options); the chosen unit is
    marked, and a unit added, renamed or closed shows at once (the cache is dropped on every Unit save)."""
    from django.core.cache import cache

    from organisation.models import Unit

    settings.USER_CACHE_SECONDS = 3600
    cache.clear()
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    page = client.get(url).content.decode()
    assert (
        '<select name="unit" class="form-select" id="id_unit"><option value="" selected>Tất cả</option>'
        in page
    )
    assert f'<option value="{unit_a.pk}">Trung tâm Phục vụ hành chính công</option>' in page
    page = client.get(url, {"unit": unit_a.pk}).content.decode()
    assert f'<option value="{unit_a.pk}" selected>Trung tâm Phục vụ hành chính công</option>' in page
    assert '<select name="unit" class="form-select" id="id_unit"><option value="">Tất cả</option>' in page
    new = Unit.objects.create(name="Phòng <Mới> & Co", code="phong-moi", order=999)
    page = client.get(url).content.decode()
    assert f'<option value="{new.pk}">Phòng &lt;Mới&gt; &amp; Co</option>' in page
    unit_a.is_active = False
    unit_a.save()
    assert f'<option value="{unit_a.pk}">' not in client.get(url).content.decode()
    cache.clear()


def test_inbox_overdue_filter_and_highlight(login, office_user, campaign, inbox_dossiers, time_machine):
    from .conftest import TZ

    url = reverse("reviews:inbox", args=[campaign.slug])
    # Submitted Monday 01/12/2025: 10 working days end on Monday 15/12/2025.
    time_machine.move_to(dt.datetime(2025, 12, 15, 9, 0, tzinfo=TZ), tick=False)
    client = login(office_user)
    assert inbox_rows(client.get(url, {"overdue": "on"})) == []
    time_machine.move_to(dt.datetime(2025, 12, 16, 9, 0, tzinfo=TZ), tick=False)
    client = login(office_user)
    response = client.get(url, {"overdue": "on"})
    assert len(inbox_rows(response)) == 3
    assert response.content.decode().count("Quá hạn thẩm định") >= 3
    assert 'class="table-danger"' in response.content.decode()


def _inbox_queries(client, url, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, {"q": "thi"}).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_does_not_grow(
    login, office_user, campaign, submitted_a, django_assert_num_queries
):
    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    small = _inbox_queries(client, url, django_assert_num_queries)
    for i, name in enumerate(PEOPLE):
        make_submitted(
            campaign,
            name=f"Phòng số {i + 1}",
            code=f"phong-{i + 1}",
            head_name=f"Trưởng {i}",
            nominee_names=[name],
        )
    with django_assert_num_queries(small):
        response = client.get(url, {"q": "thi"})
    assert len(inbox_rows(response)) >= 3


# The review page in at most this many queries (issue 13: it was 17 at city scale), at any number of nominees.
REVIEW_PAGE_MAX_QUERIES = 15


def test_review_page_query_count_does_not_grow(
    login,
    office_user,
    head_a,
    campaign,
    dossier_a,
    unit_a,
    officials_a,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    from nominations import services as dossier_services

    from .conftest import complete_dossier

    complete_dossier(dossier_a, head_a, unit_a, officials_a[:1])
    dossier_services.dossier_submit(dossier=Dossier.objects.get(pk=dossier_a.pk), actor=head_a)
    client = login(office_user)
    url = reverse("reviews:review", args=[dossier_a.pk])
    client.get(url)  # creates the review row once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    small = len(ctx.captured_queries)  # read now: the connection's query log is a bounded deque
    assert small <= REVIEW_PAGE_MAX_QUERIES
    # Two more nominees, each with a report and a vote.
    big, _head = make_submitted(
        campaign, name="Phòng lớn", code="phong-lon", head_name="Trưởng phòng lớn", nominee_names=PEOPLE[:4]
    )
    url = reverse("reviews:review", args=[big.pk])
    client.get(url)
    with django_assert_max_num_queries(REVIEW_PAGE_MAX_QUERIES), django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["page"].nominee_blocks) == 3  # collective + two (complete_dossier takes 2)


def _form_data(page, **extra):
    data = {"dossier_version": page.dossier.version, "review_version": page.review.version}
    for row in page.rows:
        data[f"{row.key}-status"] = ""
        data[f"{row.key}-comment"] = ""
    for block in page.nominee_blocks:
        data[f"nominee-{block.nominee.pk}-decision"] = "accepted"
        data[f"nominee-{block.nominee.pk}-reason"] = ""
    data.update(extra)
    return data


def test_return_without_reasons_is_refused_and_keeps_the_form(login, office_user, submitted_a):
    client = login(office_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    page = review_page(submitted_a)
    comment_key = f"{page.requirement_rows[0].key}-comment"
    data = _form_data(
        page, action="return", reasons="   ", due_date="2025-12-08", **{comment_key: "Đã xem tờ trình"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hãy ghi ít nhất một nội dung đơn vị cần bổ sung" in html
    assert "Đã xem tờ trình" in html  # what the reviewer typed is still there
    assert Dossier.objects.get(pk=submitted_a.pk).state == "submitted"
    assert not ReviewReturn.objects.exists()


def test_return_through_the_page_with_two_reasons(login, office_user, head_a, submitted_a):
    client = login(office_user)
    page = review_page(submitted_a)
    key = page.nominee_blocks[1].rows[2].key
    data = _form_data(
        page,
        action="return",
        reasons="Tờ trình chưa ghi số, ngày biên bản họp.",
        due_date="2025-12-08",
        **{f"{key}-status": "fix", f"{key}-comment": "Bổ sung số liệu năm 2025."},
    )
    response = client.post(reverse("reviews:review", args=[submitted_a.pk]), data)
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert dossier.state == "returned"
    assert ReviewReturn.objects.get().reasons[1] == {
        "item": "",
        "text": "Tờ trình chưa ghi số, ngày biên bản họp.",
    }
    # The unit head sees the reasons and the due date on the dossier page.
    unit_page = login(head_a).get(reverse("nominations:detail", args=[dossier.pk])).content.decode()
    assert "Bổ sung số liệu năm 2025." in unit_page
    assert "Tờ trình chưa ghi số, ngày biên bản họp." in unit_page
    assert "Hạn nộp lại hồ sơ: 08/12/2025." in unit_page


def test_second_reviewer_is_told_and_keeps_what_was_typed(client, office_user, admin_user, submitted_a):
    page = review_page(submitted_a)  # both opened the page
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(office_user)
    second.force_login(admin_user)
    url = reverse("reviews:review", args=[submitted_a.pk])
    first.post(url, _form_data(page, action="return", reasons="Thiếu minh chứng.", due_date="2025-12-08"))
    assert Dossier.objects.get(pk=submitted_a.pk).state == "returned"
    reason_key = f"nominee-{page.nominee_blocks[2].nominee.pk}-reason"
    response = second.post(
        url,
        _form_data(
            page,
            action="decide",
            **{
                f"nominee-{page.nominee_blocks[2].nominee.pk}-decision": "rejected",
                reason_key: "Chưa đủ thời gian công tác",
            },
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "vừa lưu kết quả thẩm định hồ sơ này" in html
    assert "Chưa đủ thời gian công tác" in html  # kept
    dossier = Dossier.objects.get(pk=submitted_a.pk)
    assert dossier.state == "returned"  # nothing overwritten
    assert "Thiếu minh chứng." in dossier.last_note


def test_remind_unsubmitted_units_bulk_action(login, office_user, campaign, submitted_a, head_b, unit_b):
    client = login(office_user)
    response = client.post(reverse("reviews:remind_unsubmitted", args=[campaign.slug]))
    assert response.status_code == 302
    reminders = list(Reminder.objects.filter(campaign=campaign))
    assert [(r.recipient_id, r.kind, r.unit_id) for r in reminders] == [(head_b.pk, "submission", unit_b.pk)]
    client.post(reverse("reviews:remind_unsubmitted", args=[campaign.slug]))
    assert Reminder.objects.filter(campaign=campaign).count() == 1  # once a day


def test_mark_received_bulk_action(login, office_user, campaign, inbox_dossiers):
    client = login(office_user)
    ids = [d.pk for d in inbox_dossiers[:2]]
    client.post(reverse("reviews:mark_received", args=[campaign.slug]), {"dossiers": ids})
    from reviews.models import DossierReview

    received = set(
        DossierReview.objects.filter(received_at__isnull=False).values_list("dossier_id", flat=True)
    )
    assert received == set(ids)


def test_dossier_page_links_the_office_to_the_review(login, office_user, head_a, submitted_a):
    url = reverse("nominations:detail", args=[submitted_a.pk])
    review_url = reverse("reviews:review", args=[submitted_a.pk])
    assert review_url in login(office_user).get(url).content.decode()
    assert review_url not in login(head_a).get(url).content.decode()


def test_inbox_ignores_nonsense_filter_values(login, office_user, campaign, submitted_a):
    response = login(office_user).get(
        reverse("reviews:inbox", args=[campaign.slug]), {"unit": "abc", "state": "nope", "page": "x"}
    )
    assert response.status_code == 200
    assert [r.pk for r in inbox_rows(response)] == [submitted_a.pk]


def test_inbox_counts_dossiers_without_the_nominees_and_groups_them_for_the_page_only(
    login, office_user, campaign, inbox_dossiers, settings
):
    """The pagination counts over the dossier table alone; the nominee counts are grouped for the 2 rows of
    the page (a page size of 2 here) and still right, in the inbox's order, on both pages."""
    from django.db import connection

    from reviews import views

    sqls = []

    def record(execute, sql, params, many, context):
        sqls.append(sql)
        return execute(sql, params, many, context)

    client = login(office_user)
    url = reverse("reviews:inbox", args=[campaign.slug])
    old_size, views.PAGE_SIZE = views.PAGE_SIZE, 2
    try:
        with connection.execute_wrapper(record):
            first = client.get(url)
        second = client.get(url, {"page": 2})
    finally:
        views.PAGE_SIZE = old_size
    paginator_count = [
        sql for sql in sqls if sql.startswith("SELECT COUNT(*)") and "nominations_dossier" in sql
    ]
    assert paginator_count and all("nominations_nominee" not in sql for sql in paginator_count)
    assert first.context["page"].paginator.count == 3
    rows = inbox_rows(first) + inbox_rows(second)
    assert sorted(r.pk for r in rows) == sorted(d.pk for d in inbox_dossiers)
    for row in rows:
        kinds = [n.kind for n in Dossier.objects.get(pk=row.pk).nominees.all()]
        assert group_counts_text(kinds.count("collective"), kinds.count("individual"), page=True) in row.text
    submitted = [Dossier.objects.get(pk=r.pk).submitted_at for r in rows]
    assert submitted[0] <= submitted[1]  # oldest submission first, across the slice
