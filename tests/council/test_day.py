"""The council on the day (issues 9 and 11), through the pages: the committee and the paper count on a form
that keeps what was typed, an absent member without a ballot, a ballot sent twice, ties waiting for the chair,
and the documents (biên bản kiểm phiếu, minutes) in the official format."""

import datetime as dt

import pytest
from django.urls import reverse

from council import services
from council.documents import minutes_pdf, vote_count_pdf
from council.exporting import export_council
from council.models import Ballot, CountingMember, PaperCount, PaperTally, Poll, VoterRecord
from tests.pdf import assert_official_format, pdf_text

from .conftest import TZ, items_of, open_meeting, vote_all

TIE_PLAN = {"Trung tâm Phục vụ hành chính công": 7, "Công an phường": 7}


def _committee_and_paper(world, meeting, client):
    """Through the pages: the office chooses the committee (2 head, 3 and 4) and marks 7 and 8 as paper voters."""
    client.post(
        reverse("council:committee", args=[meeting.pk]),
        {
            "committee-head": world.members[2].pk,
            "committee-members": [world.members[3].pk, world.members[4].pk],
        },
    )
    client.post(
        reverse("council:paper_voters", args=[meeting.pk]),
        {"paper-members": [world.members[7].pk, world.members[8].pk]},
    )


def test_committee_enters_paper_totals_and_a_wrong_sum_keeps_the_typed_numbers(world, login, office_user):
    meeting = open_meeting(world)
    _committee_and_paper(world, meeting, login(office_user))
    assert list(CountingMember.objects.values_list("member_id", "head")) == [
        (world.members[2].pk, True),
        (world.members[3].pk, False),
        (world.members[4].pk, False),
    ]
    assert sorted(VoterRecord.objects.values_list("member_id", "channel")) == sorted(
        [(world.members[7].pk, "paper"), (world.members[8].pk, "paper")]
    )
    poll = Poll.objects.get(meeting=meeting)
    url = reverse("council:paper_tally", args=[meeting.pk, poll.pk])
    # A member outside the committee cannot enter the totals; the head of the committee can.
    assert login(world.user(world.members[0])).get(url).status_code == 403
    client = login(world.user(world.members[2]))
    detail = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert url in detail and "2 phiếu giấy phát ra" in detail
    items = items_of(meeting)
    data = {"issued": 2, "returned": 2, "valid": 1, "invalid": 0}
    data.update({f"agree_{i.pk}": 1 for i in items})
    data.update({f"disagree_{i.pk}": 1 for i in items})
    page = client.post(url, data).content.decode()
    assert "Số phiếu hợp lệ (1) cộng số phiếu không hợp lệ (0) phải bằng số phiếu thu về (2)." in page
    assert "số phiếu đồng ý (1) cộng không đồng ý (1) không được lớn hơn số phiếu hợp lệ (1)" in page
    assert 'name="returned" value="2"' in page and 'name="valid" value="1"' in page
    assert f'name="agree_{items[0].pk}" value="1"' in page
    assert not PaperTally.objects.exists()
    data.update({"valid": 2})
    response = client.post(url, data)
    assert response.status_code == 302
    assert PaperTally.objects.get().valid == 2 and PaperCount.objects.count() == len(items)


def test_paper_tally_page_is_for_the_committee_and_the_office_only(world, login, office_user, head_a):
    meeting = open_meeting(world)
    services.committee_set(
        meeting=meeting, actor=world.office, head_id=world.members[2].pk, member_ids=[world.members[3].pk]
    )
    url = reverse("council:paper_tally", args=[meeting.pk, Poll.objects.get(meeting=meeting).pk])
    assert login(office_user).get(url).status_code == 200
    assert login(world.user(world.members[3])).get(url).status_code == 200
    assert login(world.user(world.members[5])).get(url).status_code == 403
    assert login(head_a).get(url).status_code == 403


def test_the_office_page_no_longer_types_ballots_under_a_name(world, login, office_user):
    meeting = open_meeting(world)
    page = login(office_user).get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert "nhap-phieu" not in page and "Nhập phiếu giấy" not in page
    assert "Ghi nhận thành viên bỏ phiếu giấy (chỉ ghi ai đã bỏ phiếu, không ghi lựa chọn)" in page


# ---- a member on the day -----------------------------------------------------------------------------------------
def test_absent_member_sees_why_there_is_no_ballot_and_whom_to_ask(world, login, office_user):
    meeting = open_meeting(world, present=world.members[:8])
    absent = world.members[8]
    client = login(world.user(absent))
    page = client.get(reverse("council:ballot", args=[meeting.pk])).content.decode()
    assert 'class="btn-check"' not in page and "Gửi phiếu" not in page
    assert "được ghi nhận vắng mặt tại cuộc họp này và không biểu quyết bằng văn bản" in page
    assert (
        "Thư ký Hội đồng (Bà Ngô Thị Thanh Hương)" in page
        or "Thư ký Hội đồng (Ông Ngô Thị Thanh Hương)" in page
    )
    assert office_user.display_name in page
    detail = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert (
        reverse("council:ballot", args=[meeting.pk]) not in detail and "vắng mặt tại cuộc họp này" in detail
    )
    # A ballot posted anyway is not counted.
    client.post(
        reverse("council:ballot", args=[meeting.pk]), {f"item_{i.pk}": "agree" for i in items_of(meeting)}
    )
    assert not VoterRecord.objects.filter(member=absent).exists() and not Ballot.objects.exists()


def test_second_tab_gets_not_counted_with_the_time_of_the_counted_ballot(world, login, time_machine):
    meeting = open_meeting(world)
    member = world.members[0]
    client = login(world.user(member))
    url = reverse("council:ballot", args=[meeting.pk])
    data = {f"item_{i.pk}": "agree" for i in items_of(meeting)}
    time_machine.move_to(dt.datetime(2026, 2, 5, 9, 7, tzinfo=TZ), tick=False)
    assert "phiếu của bạn đã được ghi nhận" in client.post(url, data, follow=True).content.decode()
    time_machine.move_to(dt.datetime(2026, 2, 5, 9, 9, tzinfo=TZ), tick=False)
    page = client.post(url, {k: "disagree" for k in data}).content.decode()
    assert "Phiếu này không được tính: anh/chị đã bỏ phiếu lúc 09:07 05/02/2026" in page
    assert "Cảm ơn" not in page
    assert not Ballot.objects.filter(choice="disagree").exists()


def test_race_between_two_tabs_is_answered_with_the_same_message(world, login, monkeypatch):
    from council.selectors import BallotState

    meeting = open_meeting(world)
    member = world.members[1]
    client = login(world.user(member))
    data = {f"item_{i.pk}": "agree" for i in items_of(meeting)}
    services.vote_cast(
        meeting=meeting,
        member=member,
        choices={i.pk: "agree" for i in items_of(meeting)},
        actor=world.user(member),
    )
    # The page was rendered before the first vote (the view's early check is skipped): the service refuses.
    monkeypatch.setattr(
        "council.views.voting.ballot_state",
        lambda *a: BallotState(voted=False, voted_at=None, absent=False),
    )
    monkeypatch.setattr("council.services.voting._has_voted", lambda *a: False)
    page = client.post(reverse("council:ballot", args=[meeting.pk]), data).content.decode()
    assert "Phiếu này không được tính: anh/chị đã bỏ phiếu lúc 08:00 05/02/2026" in page


# ---- ties at the quota line ----------------------------------------------------------------------------------------
@pytest.fixture
def tied(world):
    meeting = open_meeting(world)
    vote_all(world, meeting, TIE_PLAN, default=2)
    return services.poll_close(meeting=meeting, actor=world.office)


def test_tied_nominees_wait_for_the_chair_with_a_link_for_him(world, tied, login, chairman, office_user):
    page = login(chairman).get(reverse("council:detail", args=[tied.pk])).content.decode()
    assert page.count("Chờ Chủ tịch Hội đồng quyết định") == 2
    assert 'href="#tie-break"' in page and 'id="tie-break"' in page
    assert "Không đạt" in page  # the others below the threshold
    member_page = (
        login(world.user(world.members[4])).get(reverse("council:detail", args=[tied.pk])).content.decode()
    )
    assert "Chờ Chủ tịch Hội đồng quyết định" in member_page and 'href="#tie-break"' not in member_page


def test_awards_page_links_to_the_tie_break_while_a_tie_is_open(world, tied, login, office_user):
    page = login(office_user).get(reverse("awards:campaign", args=[world.campaign.slug])).content.decode()
    link = f"{reverse('council:detail', args=[tied.pk])}#tie-break"
    assert page.count("Chờ Chủ tịch Hội đồng quyết định") == 2 and link in page
    assert "Còn trường hợp bằng phiếu" in page


# ---- documents ------------------------------------------------------------------------------------------------------
@pytest.fixture
def counted(world):
    """Members 0–6 vote in the app, 7 and 8 on paper; the committee (2 head, 3, 4) counts them; closed at 10:40."""
    meeting = open_meeting(world)
    services.committee_set(
        meeting=meeting,
        actor=world.office,
        head_id=world.members[2].pk,
        member_ids=[world.members[3].pk, world.members[4].pk],
    )
    from council.models import Attendance

    voting = [a.member for a in Attendance.objects.filter(meeting=meeting).order_by("member__order")][:7]
    from council.models import Recusal

    for member in voting:
        recused = set(Recusal.objects.filter(member=member).values_list("poll_item_id", flat=True))
        services.vote_cast(
            meeting=meeting,
            member=member,
            choices={i.pk: "agree" for i in items_of(meeting) if i.pk not in recused},
            actor=world.user(member),
        )
    services.paper_voters_record(
        meeting=meeting, actor=world.office, member_ids=[world.members[7].pk, world.members[8].pk]
    )
    counts = {
        i.pk: (2, 0) if i.nominee.display_name == "Hà Thị Thanh Thủy" else (0, 1) for i in items_of(meeting)
    }
    services.paper_tally_record(
        meeting=meeting,
        poll=Poll.objects.get(meeting=meeting),
        actor=world.user(world.members[2]),
        issued=2,
        returned=2,
        valid=1,
        invalid=1,
        counts={k: (min(a, 1), d) for k, (a, d) in counts.items()},
    )
    return meeting


def test_vote_count_report_pdf(world, counted, time_machine, login, office_user):
    time_machine.move_to(dt.datetime(2026, 2, 5, 10, 40, tzinfo=TZ), tick=False)
    meeting = services.poll_close(meeting=counted, actor=world.office)
    data = vote_count_pdf(meeting)
    assert_official_format(data)
    text = pdf_text(data)
    assert "Số: 03/BB-BKP" in text and "An Hải, ngày 05 tháng 02 năm 2026" in text
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Vào hồi 08 giờ 30 ngày 05/02/2026, tại Phòng họp số 1, UBND phường An Hải" in text
    assert "Ngô Thị Thanh Hương" in text and "– Trưởng ban" in text
    assert "Lê Văn Thành" in text and "Nguyễn Văn Hùng" in text
    assert (
        "Số phiếu phát ra: 02; số phiếu thu về: 02; số phiếu hợp lệ: 01; số phiếu không hợp lệ: 01." in text
    )
    assert "Số thành viên bỏ phiếu trên hệ thống: 07. Tổng số thành viên Hội đồng: 09." in text
    # Hà Thị Thanh Thủy: 1 on paper + 7 in the app = 8 of 9 members = 88,89 %.
    assert "Hà Thị Thanh Thủy" in text and "1 7 8 88,89%" in text
    assert "TRƯỞNG BAN" in text and "THÀNH VIÊN" in text
    # Downloadable from the meeting page.
    client = login(office_user)
    assert (
        reverse("council:vote_count_pdf", args=[meeting.pk])
        in client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    )
    response = client.get(reverse("council:vote_count_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_minutes_have_end_time_recipients_committee_and_official_format(world, counted, time_machine):
    time_machine.move_to(dt.datetime(2026, 2, 5, 10, 40, tzinfo=TZ), tick=False)
    meeting = services.poll_close(meeting=counted, actor=world.office)
    data = minutes_pdf(meeting)
    assert_official_format(data)
    text = pdf_text(data)
    assert "Cuộc họp kết thúc vào hồi 10 giờ 40 cùng ngày" in text and "… giờ" not in text
    assert "Nơi nhận:" in text and "- Lưu: VT, VHXH." in text
    assert "Ban kiểm phiếu: " in text and "(Trưởng ban)" in text
    assert "theo Biên bản kiểm phiếu kèm theo" in text
    from council.documents import minutes_context

    attached = minutes_context(meeting)["vote_count"]
    assert attached["doc_type"] == "BIÊN BẢN KIỂM PHIẾU" and attached["sections"][0]["ballots"].startswith(
        "Số phiếu phát ra: 02"
    )
    # The office enters another end time; it must not precede the close.
    services.end_time_set(
        meeting=meeting, actor=world.office, ended_at=dt.datetime(2026, 2, 5, 11, 5, tzinfo=TZ)
    )
    assert "kết thúc vào hồi 11 giờ 05 cùng ngày" in pdf_text(minutes_pdf(meeting))
    with pytest.raises(services.DomainError, match="Giờ kết thúc cuộc họp phải sau"):
        services.end_time_set(
            meeting=meeting, actor=world.office, ended_at=dt.datetime(2026, 2, 5, 10, 0, tzinfo=TZ)
        )


def test_council_exporter_writes_minutes_vote_count_and_tally(world, counted, tmp_path):
    assert export_council(world.campaign, tmp_path) == []  # nothing before the close
    services.poll_close(meeting=counted, actor=world.office)
    written = export_council(world.campaign, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    assert names == [
        "hoi-dong/bien-ban-hop-hoi-dong.pdf",
        "hoi-dong/bien-ban-kiem-phieu.pdf",
        "hoi-dong/ket-qua-kiem-phieu.xlsx",
    ]
    assert "BIÊN BẢN KIỂM PHIẾU" in pdf_text((tmp_path / "hoi-dong/bien-ban-kiem-phieu.pdf").read_bytes())


def test_office_enters_the_end_time_on_the_page(world, counted, login, office_user):
    meeting = services.poll_close(meeting=counted, actor=world.office)  # 08:00 on 05/02/2026 (frozen)
    client = login(office_user)
    page = client.get(reverse("council:detail", args=[meeting.pk])).content.decode()
    assert 'id="end-time"' in page
    client.post(reverse("council:end_time", args=[meeting.pk]), {"date": "2026-02-05", "time": "11:20"})
    meeting.refresh_from_db()
    assert meeting.ended_at == dt.datetime(2026, 2, 5, 11, 20, tzinfo=TZ)
    page = client.post(
        reverse("council:end_time", args=[meeting.pk]), {"date": "2026-02-05", "time": "07:00"}, follow=True
    ).content.decode()
    assert "Giờ kết thúc cuộc họp phải sau giờ bắt đầu" in page
    meeting.refresh_from_db()
    assert meeting.ended_at == dt.datetime(2026, 2, 5, 11, 20, tzinfo=TZ)
