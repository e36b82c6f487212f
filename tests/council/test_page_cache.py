"""The meeting page's tally comes from the cache until what it shows changes: a ballot, the chair's choice,
the attendance, a nominee's or unit's name, a quota; through a service (bulk writes included) or a plain
save (as the admin does)."""

import pytest
from django.core.cache import cache
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Quota
from council import dbguard, services
from tests.pagecache import without_tokens

from .conftest import items_of, open_meeting, vote_all
from .test_pages import _grow, _tally_rows

pytestmark = pytest.mark.usefixtures("page_cache")


def get_counting(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _closed(world, plan=None, default=6):
    meeting = open_meeting(world)
    vote_all(world, meeting, plan or {}, default=default)
    services.poll_close(meeting=meeting, actor=world.office)
    return meeting


@pytest.mark.parametrize("extra", [0, 20])
def test_meeting_page_reads_the_tally_from_the_cache_at_two_sizes(world, login, office_user, extra):
    _grow(world, extra)
    meeting = _closed(world)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    client.get(url)  # the session and content types
    cache.clear()
    missed, body = get_counting(client, url)
    hit, body_again = get_counting(client, url)
    # a hit skips the items, the ballots' counts, the quotas, the rows of the page and their recusals (the
    # tally), and the attendance, polls, voters and counting committee (the meeting's rows)
    assert hit == missed - 9
    assert hit == 6  # test_pages.py's 15 without those nine, whatever the number of nominees
    assert without_tokens(body_again) == without_tokens(body)
    assert _tally_rows(body) == min(8 + 3 * extra, 50)
    if extra:
        _queries, rest = get_counting(client, url, page=2)
        assert _tally_rows(rest) == 8 + 3 * extra - 50
        assert get_counting(client, url, page=2)[0] == hit


def _tie(world):
    return _closed(
        world,
        {
            "Trung tâm Phục vụ hành chính công": 7,
            "Công an phường": 7,
            "Trần Ngọc Sơn": 8,
            "Cao Thị Phương Thảo": 7,
            "Lê Thị Mỹ Duyên": 6,
            "Hà Thị Thanh Thủy": 5,
        },
        default=2,
    )


def test_the_chairs_choice_through_the_service_shows_at_once(world, login, chairman):
    meeting = _tie(world)
    client = login(chairman)
    url = reverse("council:detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Bằng phiếu tại giới hạn số lượng khen thưởng" in page
    assert "Bằng phiếu tại giới hạn số lượng khen thưởng" in client.get(url).content.decode()  # a hit
    item = next(i for i in items_of(meeting) if i.nominee.display_name == "Công an phường")
    response = client.post(
        reverse("council:tie_break", args=[meeting.pk]),
        {
            "award_kind": "giay_khen",
            "nominee_kind": "collective",
            "selected": [item.pk],
            "note": "Tập thể có tỷ lệ nữ trên 70%.",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Bằng phiếu tại giới hạn số lượng khen thưởng" not in page
    assert "Chủ tịch Hội đồng: Tập thể có tỷ lệ nữ trên 70%." in page


def test_the_tie_break_form_is_drawn_from_the_cached_choices(world, login, chairman):
    meeting = _tie(world)
    client = login(chairman)
    url = reverse("council:detail", args=[meeting.pk])
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    assert without_tokens(first) == without_tokens(second)
    form = second.split('id="tie-break"')[1].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in form
    assert form.count('type="checkbox" name="selected"') == 2
    assert "Trung tâm Phục vụ hành chính công" in form and "Công an phường" in form


def test_names_and_quotas_saved_plainly_show_at_once(world, login, office_user):
    meeting = _closed(world)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    assert "Trần Ngọc Sơn" in client.get(url).content.decode()
    item = next(i for i in items_of(meeting) if i.nominee.display_name == "Trần Ngọc Sơn")
    official = item.nominee.official
    official.full_name = "Trần Ngọc Sơn Hải"
    official.save()
    assert "Trần Ngọc Sơn Hải" in client.get(url).content.decode()
    unit = world.units["y"]
    unit.name = "Công an phường An Hải"
    unit.save()
    assert "Công an phường An Hải" in client.get(url).content.decode()
    quota = Quota.objects.get(award_form__campaign=world.campaign, nominee_kind="individual")
    assert "(số lượng: 4)" in client.get(url).content.decode()
    quota.count = 3
    quota.save()
    page = client.get(url).content.decode()
    assert "(số lượng: 3)" in page and "(số lượng: 4)" not in page


def test_votes_and_attendance_through_the_services_show_at_once(world, login, office_user):
    from council.enums import AttendanceStatus

    meeting = open_meeting(world)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    assert "0/9 thành viên đã bỏ phiếu." in client.get(url).content.decode()
    assert "0/9 thành viên đã bỏ phiếu." in client.get(url).content.decode()  # a hit
    member = world.members[0]
    items = items_of(meeting)
    services.vote_cast(
        meeting=meeting, member=member, choices={i.pk: "agree" for i in items}, actor=world.user(member)
    )
    assert "1/9 thành viên đã bỏ phiếu." in client.get(url).content.decode()
    statuses = {m.pk: AttendanceStatus.PRESENT for m in world.members}
    statuses[world.members[8].pk] = AttendanceStatus.ABSENT
    services.attendance_record(meeting=meeting, actor=world.office, statuses=statuses)
    assert "1/8 thành viên đã bỏ phiếu." in client.get(url).content.decode()


def test_a_check_recorded_by_verify_polls_shows_at_once(world, login, office_user):
    import io

    from django.core.management import call_command

    from council.models import Ballot

    meeting = _closed(world)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    assert "Kết quả khớp mã kiểm tra SHA-256" in client.get(url).content.decode()
    dbguard.drop(connection)
    try:
        ballot = Ballot.objects.filter(choice="agree").first()
        Ballot.objects.filter(pk=ballot.pk).update(choice="disagree")
        with pytest.raises(CommandError):
            call_command("verify_polls", stdout=io.StringIO())
    finally:
        dbguard.install(connection)
    assert "Kết quả KHÔNG khớp mã kiểm tra" in client.get(url).content.decode()


def test_the_ballot_page_reads_the_members_state_from_the_cache_until_a_vote(world, login):
    meeting = open_meeting(world)
    member = world.members[6]
    client = login(world.user(member))
    url = reverse("council:ballot", args=[meeting.pk])
    client.get(url)
    cache.clear()
    missed, page = get_counting(client, url)
    hit, again = get_counting(client, url)
    assert hit == missed - 2  # the attendance and the voter record
    assert "Gửi phiếu" in page and without_tokens(again) == without_tokens(page)
    data = {f"item_{i.pk}": "agree" for i in items_of(meeting)}
    assert "phiếu của bạn đã được ghi nhận" in client.post(url, data, follow=True).content.decode()
    _queries, page = get_counting(client, url)
    assert 'id="voted"' in page and "Anh/chị đã bỏ phiếu lúc" in page
    # voted: neither the items, their recusals nor the member's are read, and the state comes from the cache
    assert get_counting(client, url)[0] == hit - 3


def test_an_absence_recorded_through_the_service_shows_on_the_ballot_at_once(world, login):
    from council.enums import AttendanceStatus

    meeting = open_meeting(world)
    member = world.members[6]
    client = login(world.user(member))
    url = reverse("council:ballot", args=[meeting.pk])
    assert "Gửi phiếu" in client.get(url).content.decode()
    statuses = {m.pk: AttendanceStatus.PRESENT for m in world.members}
    statuses[member.pk] = AttendanceStatus.ABSENT
    services.attendance_record(meeting=meeting, actor=world.office, statuses=statuses)
    page = client.get(url).content.decode()
    assert "Gửi phiếu" not in page and "Về trang cuộc họp" in page
