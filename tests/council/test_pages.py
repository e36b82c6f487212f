"""Pages: permission matrix, the ballot from a phone or desk, the chair's choice,
downloads, and constant query counts at two sizes."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from council import services
from council.models import Ballot, ChairChoice, Meeting, VoterRecord
from tests.factories import UnitFactory

from .conftest import add_accepted, items_of, open_meeting, schedule, vote_all


@pytest.fixture
def outsider_member(office_unit):
    from tests.factories import OfficialFactory, UserFactory

    official = OfficialFactory(full_name="Người Ngoài Hội Đồng", unit=office_unit)
    return UserFactory(username="ngoai", official=official, roles=[("council_member", None)])


def _status(client, url):
    return client.get(url).status_code


def test_permission_matrix(
    world, client, login, head_a, publicity_user, office_user, chairman, outsider_member
):
    meeting = open_meeting(world)
    member_user = world.user(world.members[4])
    urls = {
        "list": reverse("council:list"),
        "create": reverse("council:create"),
        "detail": reverse("council:detail", args=[meeting.pk]),
        "ballot": reverse("council:ballot", args=[meeting.pk]),
        "record": reverse("council:paper_tally", args=[meeting.pk, meeting.polls.get().pk]),
        "minutes": reverse("council:minutes_pdf", args=[meeting.pk]),
    }
    expected = {
        # who: list, create, detail, ballot, record, minutes
        "head_a": (403, 403, 403, 403, 403, 403),
        "publicity": (403, 403, 403, 403, 403, 403),
        "office": (200, 200, 200, 403, 200, 200),
        "member": (200, 403, 200, 200, 403, 403),
        "outsider": (200, 403, 403, 403, 403, 403),
    }
    users = {
        "head_a": head_a,
        "publicity": publicity_user,
        "office": office_user,
        "member": member_user,
        "outsider": outsider_member,
    }
    for who, codes in expected.items():
        client = login(users[who])
        got = tuple(
            _status(client, urls[k]) for k in ("list", "create", "detail", "ballot", "record", "minutes")
        )
        assert got == codes, who
    client.logout()
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/dang-nhap/")
    # The chairman (who is not on this council) sees the meeting and its documents but does not vote or manage.
    client = login(chairman)
    assert _status(client, urls["detail"]) == 200
    assert _status(client, urls["minutes"]) == 200
    assert _status(client, urls["ballot"]) == 403
    assert client.post(reverse("council:close", args=[meeting.pk])).status_code == 403


def test_office_schedules_a_meeting_through_the_form(world, login, office_user):
    client = login(office_user)
    response = client.post(
        reverse("council:create"),
        {
            "campaign": world.campaign.pk,
            "date": "2026-02-05",
            "time": "08:30",
            "place": "Phòng họp số 1",
            "agenda": "Xét khen thưởng",
            "secret_ballot": "on",
            "number": "3",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("council:detail", args=[meeting.pk])
    assert meeting.attendances.count() == 9 and meeting.secret_ballot
    # Bad input keeps what was typed.
    response = client.post(
        reverse("council:create"), {"campaign": world.campaign.pk, "date": "", "place": "Hội trường A"}
    )
    assert response.status_code == 200 and "Hội trường A" in response.content.decode()


def test_attendance_quorum_and_open_through_the_pages(world, login, office_user):
    meeting = schedule(world, present=[])
    client = login(office_user)
    response = client.post(reverse("council:open", args=[meeting.pk]), follow=True)
    assert "Chưa đủ số thành viên có mặt để biểu quyết" in response.content.decode()
    data = {f"member_{m.pk}": "present" for m in world.members}
    client.post(reverse("council:attendance", args=[meeting.pk]), data)
    response = client.post(reverse("council:open", args=[meeting.pk]), follow=True)
    assert "Đã mở biểu quyết" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).state == "open"


def test_member_votes_on_the_ballot_page_and_sees_recusal(world, login):
    meeting = open_meeting(world)
    head = world.members[6]
    client = login(world.user(head))
    page = client.get(reverse("council:ballot", args=[meeting.pk])).content.decode()
    assert "Không tham gia biểu quyết (đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công)." in page
    assert 'class="btn-check"' in page
    items = items_of(meeting)
    own_unit = world.units["x"].pk
    data = {f"item_{i.pk}": "agree" for i in items if i.nominee.dossier.unit_id != own_unit}
    response = client.post(reverse("council:ballot", args=[meeting.pk]), {**data}, follow=True)
    assert "phiếu của bạn đã được ghi nhận" in response.content.decode()
    assert VoterRecord.objects.filter(member=head).count() == 1
    assert Ballot.objects.count() == len(data)
    # A second tab that still shows the ballot sends it again: not counted, and the page says so.
    again = client.post(reverse("council:ballot", args=[meeting.pk]), data, follow=True).content.decode()
    assert "Phiếu này không được tính: anh/chị đã bỏ phiếu lúc 08:00 05/02/2026" in again
    assert "Cảm ơn" not in again and Ballot.objects.count() == len(data)


def test_missing_choice_keeps_the_others(world, login):
    meeting = open_meeting(world)
    member = world.members[0]
    client = login(world.user(member))
    items = items_of(meeting)
    first = items[0]
    response = client.post(reverse("council:ballot", args=[meeting.pk]), {f"item_{first.pk}": "disagree"})
    page = response.content.decode()
    assert response.status_code == 200 and "Hãy chọn Đồng ý hoặc Không đồng ý." in page
    assert f'id="id_item_{first.pk}_1" value="disagree" autocomplete="off" checked' in page
    assert not VoterRecord.objects.exists()


def test_close_shows_ranking_verification_and_downloads(world, login, office_user):
    meeting = open_meeting(world)
    vote_all(world, meeting, {"Hà Thị Thanh Thủy": 9}, default=6)
    client = login(office_user)
    client.post(reverse("council:close", args=[meeting.pk]))
    page = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "Kết quả kiểm phiếu" in page and "Kết quả khớp mã kiểm tra SHA-256" in page
    assert "Đề nghị khen thưởng" in page
    xlsx = client.get(reverse("council:tally_xlsx", args=[meeting.pk]))
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["Kiem phieu"]
    pdf = client.get(reverse("council:minutes_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"


def test_chairman_settles_a_tie_on_the_page(world, login, chairman):
    meeting = open_meeting(world)
    vote_all(
        world,
        meeting,
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
    services.poll_close(meeting=meeting, actor=world.office)
    client = login(chairman)
    page = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "Bằng phiếu tại giới hạn số lượng khen thưởng" in page
    item = next(i for i in items_of(meeting) if i.nominee.display_name == "Công an phường")
    client.post(
        reverse("council:tie_break", args=[meeting.pk]),
        {
            "award_kind": "giay_khen",
            "nominee_kind": "collective",
            "selected": [item.pk],
            "note": "Tập thể có tỷ lệ nữ trên 70%.",
        },
    )
    choice = ChairChoice.objects.get(poll_item=item)
    assert choice.selected and choice.decided_by == chairman


# ---- query counts -----------------------------------------------------------------------------------------------
def _grow(world, extra_units: int):
    for n in range(extra_units):
        unit = UnitFactory(name=f"Đơn vị thêm {n}", code=f"them-{n}")
        add_accepted(world.campaign, unit, individuals=[f"Cán Bộ Thêm {n}a", f"Cán Bộ Thêm {n}b"])


def _tally_rows(page: str) -> int:
    """Rows of the tally tables: the votes-for cell, "n (p%)", followed by the votes-against cell."""
    return len(re.findall(r"<td>\d+ \([\d.,]+%\)</td><td>\d+ \(", page))


@pytest.mark.parametrize("extra", [0, 20])
def test_meeting_page_query_count_is_constant(world, login, office_user, django_assert_num_queries, extra):
    """8 nominees or 68 (two polls): the same queries; the tally shows 50 rows a page, ranked over all."""
    _grow(world, extra)
    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    client.get(url)  # warm the session and content types
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert _tally_rows(page) == min(8 + 3 * extra, 50)
    if extra:
        assert "1 / 2" in page
        with django_assert_num_queries(15):
            rest = client.get(url, {"page": 2}).content.decode()
        assert _tally_rows(rest) == 8 + 3 * extra - 50


@pytest.mark.parametrize("role,queries", [("chairman", 14), ("member", 15)])
@pytest.mark.parametrize("extra", [0, 20])
def test_meeting_page_query_count_is_constant_for_the_chairman_and_a_member(
    world, login, chairman, django_assert_num_queries, extra, role, queries
):
    """The closed meeting's page as the chairman (who settles ties) and as a council member: the same queries
    with 8 nominees or 68, ties at the quota boundary included (every nominee has the same votes)."""
    _grow(world, extra)
    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    client = login(chairman if role == "chairman" else world.user(world.members[4]))
    url = reverse("council:detail", args=[meeting.pk])
    client.get(url)  # warm the session and content types
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


def test_meeting_page_shows_the_recorded_verification_and_verify_polls_updates_it(world, login, office_user):
    """The page does not recompute the SHA-256 on every request: it shows the check made at closing, and the
    one verify_polls makes after rows were changed behind the application's back."""
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import connection

    from council import dbguard
    from council.models import PollVerification

    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    assert list(PollVerification.objects.values_list("ok", flat=True)) == [True]
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
    page = client.get(url).content.decode()
    assert "Kết quả KHÔNG khớp mã kiểm tra" in page
    assert "Kết quả khớp mã kiểm tra SHA-256" not in page
    # A poll closed before the record existed is checked on the page itself.
    PollVerification.objects.all().delete()
    assert "Kết quả KHÔNG khớp mã kiểm tra" in client.get(url).content.decode()


@pytest.mark.parametrize("extra", [0, 20])
def test_ballot_page_query_count_is_constant(world, login, django_assert_num_queries, extra):
    _grow(world, extra)
    meeting = open_meeting(world)
    client = login(world.user(world.members[6]))
    client.get(reverse("council:ballot", args=[meeting.pk]))
    # the membership is read once (the permission and the ballot), the time of a vote only after one
    with django_assert_num_queries(11):
        response = client.get(reverse("council:ballot", args=[meeting.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 20])
def test_draft_meeting_page_query_count_is_constant(
    world, login, office_user, django_assert_num_queries, extra
):
    _grow(world, extra)
    meeting = schedule(world)
    client = login(office_user)
    url = reverse("council:detail", args=[meeting.pk])
    client.get(url)
    with django_assert_num_queries(12):
        page = client.get(url).content.decode()
    listed = page.split('id="nominees-h"')[1].split("</section>")[0]
    assert listed.count("<li>") == min(8 + 3 * extra, 50)
    if extra:
        # 68 nominees: 50 on the first page; the second goes on with the award form's numbering.
        with django_assert_num_queries(12):
            rest = client.get(url, {"page": 2}).content.decode()
        rest = rest.split('id="nominees-h"')[1].split("</section>")[0]
        assert rest.count("<li>") == 18
        assert '<ol start="' in rest and '<ol start="1">' not in rest
        assert "Cán Bộ Thêm 19b" in rest


def test_admin_lists_meetings_and_polls_read_only(world, login, admin_user):
    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    client = login(admin_user)
    page = client.get(reverse("admin:council_poll_changelist")).content.decode()
    assert "icon-yes.svg" in page
    assert client.get(reverse("admin:council_meeting_change", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("admin:council_meeting_add")).status_code == 403


def test_the_page_s_light_ranking_equals_the_full_outcome(world):
    """The meeting page ranks from small tuples and loads full rows for one page; the result is the one the
    documents and the awards read (meeting_outcome), recusals and the tie included."""
    from council.selectors import meeting_outcome, meeting_outcome_page

    _grow(world, 4)
    meeting = open_meeting(world)
    vote_all(
        world,
        meeting,
        {"Trung tâm Phục vụ hành chính công": 7, "Công an phường": 7, "Trần Ngọc Sơn": 8},
        default=2,
    )
    services.poll_close(meeting=meeting, actor=world.office)
    full = meeting_outcome(meeting)
    page, ties = meeting_outcome_page(meeting, 1, 100)

    def key(o):
        return (
            o.poll_item.pk,
            o.nominee.pk,
            o.nominee.formal_name,
            o.award_kind,
            o.nominee_kind,
            o.votes_for,
            o.votes_against,
            o.not_cast,
            o.percent_of_members,
            o.percent_against,
            o.percent_not_cast,
            o.rank,
            o.approved,
            o.within_quota,
            o.tie_flag,
            o.chair_selected,
            o.quota,
            tuple(o.recusals),
        )

    assert [key(o) for o in page.object_list] == [key(o) for o in full]
    assert any(o.recusals for o in full) and any(o.tie_flag for o in full)
    assert ties and all(o.nominee.formal_name for _k, _n, group in ties for o in group)
    first, _ties = meeting_outcome_page(meeting, 2, 5)
    assert [key(o) for o in first.object_list] == [key(o) for o in full[5:10]]


@pytest.mark.parametrize("threshold", ["0.5", "0.6667", "0.75"])
def test_the_light_ranking_s_approval_is_is_approved(settings, threshold):
    """The page's ranking approves with votes for ≥ votes_needed(members), the documents with is_approved."""
    from council.tally import is_approved, votes_needed

    settings.COUNCIL_THRESHOLD = threshold
    for members in range(1, 31):
        for votes in range(members + 1):
            assert (votes >= votes_needed(members)) == is_approved(votes, members), (members, votes)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("council:vote_count_pdf", "Biên bản kiểm phiếu có sau khi kết thúc biểu quyết."),
        ("council:tally_xlsx", "Chỉ xuất kết quả kiểm phiếu sau khi kết thúc biểu quyết."),
    ],
)
def test_the_count_documents_wait_for_the_vote_to_close(world, login, office_user, name, message):
    """Before the closing the vote count and the tally are refused with a Vietnamese message on the meeting page,
    and no file is made."""
    from anhai_thidua.core.models import FileJob

    meeting = open_meeting(world)
    response = login(office_user).get(reverse(name, args=[meeting.pk]), follow=True)
    assert response.redirect_chain == [(reverse("council:detail", args=[meeting.pk]), 302)]
    assert message in response.content.decode() and not FileJob.objects.exists()
