"""A large meeting (a city campaign's: thousands of nominees tied at the quota line, thousands of poll items):
the meeting page does not grow with the tie (it is explained and settled on its own page, a page at a time),
and the meeting's documents are made in the background above DOCUMENT_SYNC_LIMIT poll items."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from anhai_thidua.core.models import FileJob
from council import services
from council.models import ChairChoice, PollItem
from council.selectors import meeting_outcome, pending_tie, pending_ties, tie_choice_labels
from council.views import meetings as meeting_views

from .conftest import open_meeting, vote_all
from .test_pages import _grow


@pytest.fixture
def small_limits(monkeypatch):
    """Ties of more than 3 nominees have their own page, 4 nominees a page."""
    monkeypatch.setattr(meeting_views, "TIE_INLINE_LIMIT", 3)
    monkeypatch.setattr(meeting_views, "TIE_PAGE_SIZE", 4)


def _tied_meeting(world, extra: int = 4):
    _grow(world, extra)
    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)  # every nominee has the same votes: ties at the quota line
    services.poll_close(meeting=meeting, actor=world.office)
    return meeting


def _largest_tie(meeting):
    kind, nominee_kind, group = max(pending_ties(meeting_outcome(meeting)), key=lambda t: len(t[2]))
    tie = pending_tie(meeting, kind, nominee_kind)
    return kind, nominee_kind, {**tie, "choices": tie_choice_labels(tie["choices"])}


def _boxes(page: str) -> list[str]:
    return re.findall(r'type="checkbox" name="selected" value="(\d+)"', page)


def test_a_large_tie_is_explained_and_settled_on_its_own_page(world, login, chairman, small_limits):
    meeting = _tied_meeting(world)
    kind, nominee_kind, tie = _largest_tie(meeting)
    assert tie["tied"] > 4 and 0 < tie["places"] < tie["tied"]
    client = login(chairman)

    page = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert (
        f"{tie['tied']} tập thể, cá nhân cùng đạt 6 phiếu đồng ý tại giới hạn số lượng khen thưởng, "
        f"còn {tie['places']} suất. Chủ tịch Hội đồng chọn đúng {tie['places']} trong số {tie['tied']}."
    ) in page
    ties_url = reverse("council:ties", args=[meeting.pk])
    assert f"{ties_url}?loai={kind}&amp;doi-tuong={nominee_kind}" in page
    assert not _boxes(page)  # nothing per tied nominee on the meeting page

    first = client.get(ties_url, {"loai": kind, "doi-tuong": nominee_kind}).content.decode()
    ids = [pk for pk, _label in tie["choices"]]
    assert _boxes(first) == [str(pk) for pk in ids[:4]]
    pages = -(-tie["tied"] // 4)
    assert f"Trang 1/{pages}: số 1–4" in first
    assert f"Đã chọn 0/{tie['places']}" in first

    # a pick on page 1, then page 2: the pick is carried (a hidden input) and listed, the note kept
    second = client.post(
        ties_url,
        {"award_kind": kind, "nominee_kind": nominee_kind, "selected": [ids[0]], "trang": 2, "note": "Lý do"},
    ).content.decode()
    assert _boxes(second) == [str(pk) for pk in ids[4:8]]
    assert f'<input type="hidden" name="selected" value="{ids[0]}">' in second
    assert f"Đã chọn 1/{tie['places']}" in second and tie["choices"][0][1] in second
    assert "Lý do</textarea>" in second
    assert not ChairChoice.objects.exists()  # drawing a page writes nothing

    chosen = ids[: tie["places"]]
    response = client.post(
        reverse("council:tie_break", args=[meeting.pk]),
        {
            "award_kind": kind,
            "nominee_kind": nominee_kind,
            "selected": chosen,
            "note": "Theo thứ tự đăng ký.",
        },
    )
    assert response["Location"] == reverse("council:detail", args=[meeting.pk])
    choices = ChairChoice.objects.filter(poll_item__in=ids)
    assert choices.count() == tie["tied"]
    assert sorted(choices.filter(selected=True).values_list("poll_item_id", flat=True)) == sorted(chosen)
    # settled: the tie page sends back to the meeting
    again = client.get(ties_url, {"loai": kind, "doi-tuong": nominee_kind})
    assert again["Location"] == reverse("council:detail", args=[meeting.pk])


def test_the_tie_page_is_the_chair_s(world, login, small_limits):
    meeting = _tied_meeting(world, 0)
    member = login(world.user(world.members[4]))
    response = member.get(reverse("council:ties", args=[meeting.pk]), {"loai": "giay_khen"})
    assert response.status_code in (403, 404)
    page = member.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "Chờ Chủ tịch Hội đồng lựa chọn." in page and not _boxes(page)


@pytest.mark.parametrize("extra", [4, 24])
def test_large_tie_pages_query_count_is_constant(
    world, login, chairman, small_limits, django_assert_num_queries, extra
):
    """The meeting page and the tie page with a tie of about 10 or 50 nominees: the same queries, the same
    number of checkboxes (none on the meeting page, one page on the tie page)."""
    meeting = _tied_meeting(world, extra)
    kind, nominee_kind, tie = _largest_tie(meeting)
    client = login(chairman)
    detail = reverse("council:detail", args=[meeting.pk])
    ties_url = reverse("council:ties", args=[meeting.pk])
    client.get(detail)  # warm the session and content types
    with django_assert_num_queries(14):
        page = client.get(detail).content.decode()
    assert not _boxes(page)
    with django_assert_num_queries(9):
        page = client.get(ties_url, {"loai": kind, "doi-tuong": nominee_kind, "trang": 2}).content.decode()
    assert len(_boxes(page)) == 4


def test_the_tie_page_is_cached_until_the_chair_settles(world, login, chairman, small_limits, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 600
    meeting = _tied_meeting(world)
    kind, nominee_kind, tie = _largest_tie(meeting)
    client = login(chairman)
    ties_url = reverse("council:ties", args=[meeting.pk])
    query = {"loai": kind, "doi-tuong": nominee_kind}
    client.get(reverse("council:detail", args=[meeting.pk]))  # the session, content types (not the tie)
    with CaptureQueriesContext(connection) as cold:
        client.get(ties_url, query)
    with CaptureQueriesContext(connection) as warm:
        page = client.get(ties_url, {**query, "trang": 2}).content.decode()
    assert len(warm) == len(cold) - 4 and len(_boxes(page)) == 4
    # the tie settled by a plain model save (no service): the cached tie is stale, the page sends back
    for pk, _label in tie["choices"]:
        ChairChoice.objects.create(
            poll_item_id=pk,
            selected=False,
            note="x",
            decided_by=chairman,
            decided_at=timezone.now(),
            seal="0" * 64,
        )
    assert client.get(ties_url, query)["Location"] == reverse("council:detail", args=[meeting.pk])


@pytest.mark.parametrize(
    "url_name,kind,content_type",
    [
        ("council:minutes_pdf", "council.minutes_pdf", "application/pdf"),
        ("council:vote_count_pdf", "council.vote_count_pdf", "application/pdf"),
        (
            "council:tally_xlsx",
            "council.tally_xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_a_large_meeting_s_documents_are_made_in_the_background(
    world,
    login,
    office_user,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
    url_name,
    kind,
    content_type,
):
    """Above DOCUMENT_SYNC_LIMIT poll items the link opens the job page (the worker makes the file); asked
    again, the same job, then the finished file; a change of the meeting's record (its end time) makes a new
    one; a small meeting answers at once."""
    from anhai_thidua.core import tasks
    from anhai_thidua.core.jobs import run_file_job

    meeting = open_meeting(world)
    vote_all(world, meeting, {"Hà Thị Thanh Thủy": 9}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    items = PollItem.objects.filter(poll__meeting=meeting).count()
    client = login(office_user)
    url = reverse(url_name, args=[meeting.pk])

    settings.DOCUMENT_SYNC_LIMIT = items  # at once
    direct = client.get(url)
    assert direct["Content-Type"] == content_type and not FileJob.objects.exists()

    settings.DOCUMENT_SYNC_LIMIT = items - 1
    sent = []
    monkeypatch.setattr(tasks.run_file_job_task, "delay", lambda job_id: sent.append(job_id))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    job = FileJob.objects.get()
    assert response["Location"] == reverse("core:file_job", args=[job.pk]) and sent == [job.pk]
    assert job.kind == kind and job.params["meeting_id"] == meeting.pk and job.state == "queued"
    assert client.get(url)["Location"] == response["Location"]  # waiting: the same job

    assert run_file_job(job.pk) == "done"  # the worker
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(url)
    assert again["Location"] == response["Location"] and sent == [job.pk]  # done: given again
    assert FileJob.objects.get(pk=job.pk).content_type == content_type
    assert b"".join(client.get(reverse("core:file_job_download", args=[job.pk])).streaming_content)[:2] in (
        b"%P",
        b"PK",
    )

    from datetime import timedelta

    services.end_time_set(meeting=meeting, actor=office_user, ended_at=meeting.held_at + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.get(url)
    assert changed["Location"] != response["Location"] and len(sent) == 2  # a new version, a new file


def test_a_unit_head_cannot_ask_for_a_large_meeting_s_documents(world, login, head_a, settings):
    meeting = open_meeting(world)
    settings.DOCUMENT_SYNC_LIMIT = 0
    response = login(head_a).get(reverse("council:minutes_pdf", args=[meeting.pk]))
    assert response.status_code in (403, 404) and not FileJob.objects.exists()
