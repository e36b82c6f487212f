"""Paper ballots without losing secrecy (issue 9): members who vote on paper are only marked as having voted;
the counting committee enters the totals per nominee, checked; electronic and paper totals add up. Closing
needs the committee's totals and the day of the meeting; attendance, committee, paper totals and the chair's
choice are sealed in the result hash and frozen by the triggers."""

import datetime as dt
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from anhai_thidua.core.domain import DomainError, IllegalTransition
from council import dbguard, services
from council.models import (
    Attendance,
    Ballot,
    ChairChoice,
    CountingMember,
    PaperCount,
    PaperTally,
    Poll,
    VoterRecord,
)
from council.selectors import meeting_outcome
from council.tally import poll_verify, result_hash

from .conftest import TZ, items_of, open_meeting

PAPER = [6, 7, 8]  # members 6, 7, 8 vote on paper (7 has no conflict; 6 heads unit X)


def _vote_app(world, meeting, members, agree_names=()):
    """The given members vote in the app: agree on nominees named in agree_names, disagree on the others."""
    from council.models import Recusal

    items = items_of(meeting)
    for member in members:
        recused = set(Recusal.objects.filter(member=member).values_list("poll_item_id", flat=True))
        choices = {
            i.pk: "agree" if i.nominee.display_name in agree_names else "disagree"
            for i in items
            if i.pk not in recused
        }
        services.vote_cast(meeting=meeting, member=member, choices=choices, actor=world.user(member))


@pytest.fixture
def paper_meeting(world):
    """An open meeting: members 0–5 vote in the app (agree on Trần Ngọc Sơn only); 6, 7, 8 are marked as
    voting on paper; the committee is member 2 (head), 3 and 4."""
    meeting = open_meeting(world)
    services.committee_set(
        meeting=meeting,
        actor=world.office,
        head_id=world.members[2].pk,
        member_ids=[world.members[3].pk, world.members[4].pk],
    )
    _vote_app(world, meeting, world.members[:6], agree_names={"Trần Ngọc Sơn"})
    services.paper_voters_record(
        meeting=meeting, actor=world.office, member_ids=[world.members[i].pk for i in PAPER]
    )
    return meeting


def _counts(meeting, default=(0, 3), **by_name):
    """{item id: (agree, disagree)}; names not given: ``default``."""
    return {i.pk: by_name.get(i.nominee.display_name, default) for i in items_of(meeting)}


def _record(world, meeting, *, actor=None, issued=3, returned=3, valid=3, invalid=0, counts=None):
    # default: 2 against on every row (member 6, on paper, is recused from unit X's nominees)
    return services.paper_tally_record(
        meeting=meeting,
        poll=Poll.objects.get(meeting=meeting),
        actor=actor or world.user(world.members[2]),
        issued=issued,
        returned=returned,
        valid=valid,
        invalid=invalid,
        counts=counts if counts is not None else _counts(meeting, (0, 2)),
    )


def test_paper_voters_are_only_marked_and_the_committee_enters_totals(world, paper_meeting):
    meeting = paper_meeting
    ballots_before = Ballot.objects.count()
    paper_records = VoterRecord.objects.filter(poll__meeting=meeting, channel="paper")
    assert sorted(paper_records.values_list("member_id", flat=True)) == sorted(
        world.members[i].pk for i in PAPER
    )
    # Marking paper voters writes no ballot: nothing says what they chose.
    assert Ballot.objects.count() == ballots_before
    counts = _counts(
        meeting, **{"Hà Thị Thanh Thủy": (3, 0), "Tô Minh Nhật": (2, 1), "Trần Ngọc Sơn": (2, 0)}
    )
    # Member 6 heads unit X: recused from its nominees, their paper rows hold at most 2 ballots.
    counts.update(
        {
            i.pk: (0, 2)
            for i in items_of(meeting)
            if i.nominee.dossier.unit_id == world.units["x"].pk and i.nominee.display_name != "Trần Ngọc Sơn"
        }
    )
    _record(world, meeting, counts=counts)
    assert Ballot.objects.count() == ballots_before
    tally = PaperTally.objects.get(poll__meeting=meeting)
    assert (tally.issued, tally.returned, tally.valid, tally.invalid) == (3, 3, 3, 0)
    assert tally.entered_by == world.user(world.members[2])
    # No column of the paper tables names a member.
    for model in (PaperTally, PaperCount):
        assert not {f.name for f in model._meta.get_fields()} & {"member", "official", "voter"}
    services.poll_close(meeting=meeting, actor=world.office)
    outcomes = {o.nominee.display_name: o for o in meeting_outcome(meeting)}
    # Trần Ngọc Sơn: 6 in the app + 2 on paper (member 6, on paper, is recused) = 8, first and approved.
    assert (outcomes["Trần Ngọc Sơn"].votes_for, outcomes["Trần Ngọc Sơn"].votes_against) == (8, 0)
    assert outcomes["Trần Ngọc Sơn"].not_cast == 1
    assert outcomes["Trần Ngọc Sơn"].rank == 1 and outcomes["Trần Ngọc Sơn"].approved
    # Hà Thị Thanh Thủy: 6 against in the app, 3 for on paper: the totals add up.
    assert (outcomes["Hà Thị Thanh Thủy"].votes_for, outcomes["Hà Thị Thanh Thủy"].votes_against) == (3, 6)
    assert (outcomes["Tô Minh Nhật"].votes_for, outcomes["Tô Minh Nhật"].votes_against) == (2, 7)
    assert outcomes["Tô Minh Nhật"].rank < outcomes["Lâm Thị Kiều Trinh"].rank
    assert poll_verify(Poll.objects.get(meeting=meeting))


@pytest.mark.parametrize(
    "numbers, field, message",
    [
        ({"issued": 4, "returned": 3}, None, "Số phiếu phát ra (4) phải bằng số thành viên"),
        ({"returned": 4, "valid": 4}, None, "Số phiếu thu về (4) không được lớn hơn số phiếu phát ra (3)"),
        (
            {"valid": 2, "invalid": 0},
            None,
            "Số phiếu hợp lệ (2) cộng số phiếu không hợp lệ (0) phải bằng số phiếu thu về (3)",
        ),
        (
            {"counts": "over"},
            "agree",
            "số phiếu đồng ý (3) cộng không đồng ý (1) không được lớn hơn số phiếu hợp lệ (3)",
        ),
    ],
)
def test_paper_totals_that_do_not_add_up_are_refused(world, paper_meeting, numbers, field, message):
    meeting = paper_meeting
    kwargs = {k: v for k, v in numbers.items() if k != "counts"}
    if numbers.get("counts") == "over":
        kwargs["counts"] = _counts(meeting, (0, 2), **{"Tô Minh Nhật": (3, 1)})
    if numbers.get("counts") == "recused":
        kwargs["counts"] = _counts(meeting, (0, 2), **{"Trần Ngọc Sơn": (3, 0)})
    with pytest.raises(services.PaperTallyInvalid) as exc:
        _record(world, meeting, **kwargs)
    assert message in str(exc.value)
    assert not PaperTally.objects.exists() and not PaperCount.objects.exists()


def test_only_the_committee_or_the_office_enters_paper_totals(world, paper_meeting):
    with pytest.raises(DomainError, match="Chỉ Ban kiểm phiếu"):
        _record(world, paper_meeting, actor=world.user(world.members[0]))
    _record(world, paper_meeting, actor=world.office)  # the office may type it for the committee
    assert PaperTally.objects.count() == 1


def test_committee_is_chosen_among_members_present(world):
    meeting = open_meeting(world, present=world.members[:8])
    with pytest.raises(
        DomainError, match="chọn trong số thành viên có mặt; chưa có mặt: Phạm Thị Hồng Nhung"
    ):
        services.committee_set(
            meeting=meeting, actor=world.office, head_id=world.members[8].pk, member_ids=[world.members[1].pk]
        )
    services.committee_set(
        meeting=meeting, actor=world.office, head_id=world.members[1].pk, member_ids=[world.members[2].pk]
    )
    assert list(CountingMember.objects.values_list("member_id", "head")) == [
        (world.members[1].pk, True),
        (world.members[2].pk, False),
    ]
    with pytest.raises(DomainError, match="Ban kiểm phiếu phải có mặt"):
        services.attendance_record(
            meeting=meeting, actor=world.office, statuses={world.members[2].pk: "absent"}
        )


def test_close_waits_for_the_committee_and_marking_stops_after_the_count(world, paper_meeting):
    meeting = paper_meeting
    with pytest.raises(DomainError, match="3 thành viên bỏ phiếu giấy .*chưa nhập kết quả kiểm phiếu giấy"):
        services.poll_close(meeting=meeting, actor=world.office)
    _record(world, meeting)
    with pytest.raises(DomainError, match="số phiếu phát ra đã chốt"):
        services.paper_voters_record(meeting=meeting, actor=world.office, member_ids=[world.members[0].pk])
    services.poll_close(meeting=meeting, actor=world.office)


def test_absent_member_cannot_be_marked_as_voting_on_paper(world):
    meeting = open_meeting(world, present=world.members[:8])
    with pytest.raises(DomainError, match="vắng mặt: không có phiếu biểu quyết"):
        services.paper_voters_record(meeting=meeting, actor=world.office, member_ids=[world.members[8].pk])


def test_written_votes_of_absent_members_are_issued_with_the_paper_ballots(world):
    meeting = open_meeting(world, present=world.members[:7], written=world.members[7:8])
    services.committee_set(
        meeting=meeting, actor=world.office, head_id=world.members[2].pk, member_ids=[world.members[3].pk]
    )
    services.paper_voters_record(
        meeting=meeting, actor=world.office, member_ids=[world.members[6].pk, world.members[7].pk]
    )
    assert sorted(VoterRecord.objects.values_list("channel", flat=True)) == ["paper", "written"]
    with pytest.raises(services.PaperTallyInvalid, match=r"phát ra \(1\) phải bằng .* \(2\)"):
        _record(
            world,
            meeting,
            issued=1,
            returned=1,
            valid=1,
            counts=_counts(meeting, (0, 1), **{"Tô Minh Nhật": (1, 0)}),
        )
    _record(
        world,
        meeting,
        issued=2,
        returned=2,
        valid=2,
        counts=_counts(meeting, (0, 1), **{"Tô Minh Nhật": (2, 0), "Hà Thị Thanh Thủy": (0, 2)}),
    )


# ---- the day of the meeting -----------------------------------------------------------------------------------------
def test_meeting_cannot_close_before_the_day_it_is_held(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 2, 4, 16, 0, tzinfo=TZ), tick=False)
    meeting = open_meeting(world)  # held on 05/02/2026 at 08:30
    _vote_app(world, meeting, world.members)
    with pytest.raises(
        DomainError, match="Cuộc họp được tổ chức ngày 05/02/2026: chưa thể kết thúc biểu quyết"
    ):
        services.poll_close(meeting=meeting, actor=world.office)
    assert Poll.objects.get(meeting=meeting).closed_at is None
    time_machine.move_to(dt.datetime(2026, 2, 5, 10, 15, tzinfo=TZ), tick=False)
    closed = services.poll_close(meeting=meeting, actor=world.office)
    assert closed.state == "closed"
    assert closed.ended_at == dt.datetime(2026, 2, 5, 10, 15, tzinfo=TZ)  # the minutes' end time


def test_close_refused_on_the_page_with_a_message(world, login, office_user, time_machine):
    from django.urls import reverse

    time_machine.move_to(dt.datetime(2026, 2, 4, 16, 0, tzinfo=TZ), tick=False)
    meeting = open_meeting(world)
    client = login(office_user)
    page = client.post(reverse("council:close", args=[meeting.pk]), follow=True).content.decode()
    assert "chưa thể kết thúc biểu quyết trước ngày họp" in page


# ---- sealed when the poll closes --------------------------------------------------------------------------------
@pytest.fixture
def closed_with_paper(world, paper_meeting):
    _record(world, paper_meeting, counts=_counts(paper_meeting, (0, 2), **{"Hà Thị Thanh Thủy": (3, 0)}))
    return services.poll_close(meeting=paper_meeting, actor=world.office)


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_attendance_committee_and_paper_totals_are_frozen_when_the_poll_closes(world, closed_with_paper):
    meeting = closed_with_paper
    with pytest.raises(IllegalTransition):
        services.attendance_record(
            meeting=meeting, actor=world.office, statuses={world.members[0].pk: "absent"}
        )
    poll = Poll.objects.get(meeting=meeting)
    refused = [
        ("UPDATE council_attendance SET status = 'absent' WHERE meeting_id = %s", [meeting.pk]),
        ("DELETE FROM council_attendance WHERE meeting_id = %s", [meeting.pk]),
        ("UPDATE council_countingmember SET head = FALSE WHERE meeting_id = %s", [meeting.pk]),
        ("DELETE FROM council_countingmember WHERE meeting_id = %s", [meeting.pk]),
        ("UPDATE council_papertally SET valid = 2, invalid = 1 WHERE poll_id = %s", [poll.pk]),
        ("UPDATE council_papercount SET agree = 0", []),
        ("DELETE FROM council_papercount", []),
    ]
    for sql, params in refused:
        with pytest.raises(IntegrityError, match="poll is closed"):
            _raw(sql, params)
    assert not Attendance.objects.filter(meeting=meeting, status="absent").exists()
    assert poll_verify(poll)


def test_verify_polls_fails_when_attendance_is_tampered_with(world, closed_with_paper):
    poll = Poll.objects.get(meeting=closed_with_paper)
    call_command("verify_polls", stdout=io.StringIO())
    dbguard.drop(connection)
    try:
        Attendance.objects.filter(meeting=closed_with_paper, member=world.members[8]).update(status="absent")
        assert not poll_verify(poll)
        with pytest.raises(CommandError, match="không khớp mã kiểm tra"):
            call_command("verify_polls", stdout=io.StringIO())
        Attendance.objects.filter(meeting=closed_with_paper, member=world.members[8]).update(status="present")
        assert poll_verify(poll)
        PaperCount.objects.filter(poll_item__poll=poll, agree=3).update(agree=1)
        assert not poll_verify(poll)
    finally:
        dbguard.install(connection)


def test_chairs_choice_is_sealed_and_frozen(world, chairman):
    from .conftest import vote_all

    meeting = open_meeting(world)
    vote_all(world, meeting, {"Trung tâm Phục vụ hành chính công": 7, "Công an phường": 7}, default=2)
    services.poll_close(meeting=meeting, actor=world.office)
    item = next(i for i in items_of(meeting) if i.nominee.display_name == "Công an phường")
    services.chair_tie_break(
        meeting=meeting,
        actor=chairman,
        award_kind="giay_khen",
        nominee_kind="collective",
        selected_item_ids=[item.pk],
        note="Tập thể có tỷ lệ nữ trên 70%.",
    )
    poll = Poll.objects.get(meeting=meeting)
    assert poll_verify(poll) and len(ChairChoice.objects.get(poll_item=item).seal) == 64
    with pytest.raises(IntegrityError, match="poll is closed"):
        _raw("UPDATE council_chairchoice SET selected = FALSE WHERE poll_item_id = %s", [item.pk])
    with pytest.raises(IntegrityError, match="poll is closed"):
        _raw("DELETE FROM council_chairchoice", [])
    dbguard.drop(connection)
    try:
        ChairChoice.objects.filter(poll_item=item).update(note="Sửa sau")
        assert not poll_verify(poll)
        with pytest.raises(CommandError):
            call_command("verify_polls", stdout=io.StringIO())
    finally:
        dbguard.install(connection)


# ---- migration 0003 -------------------------------------------------------------------------------------------
def test_polls_sealed_before_the_migration_still_verify_with_their_payload(world):
    from .conftest import vote_all

    meeting = open_meeting(world)
    vote_all(world, meeting, {}, default=6)
    services.poll_close(meeting=meeting, actor=world.office)
    poll = Poll.objects.get(meeting=meeting)
    dbguard.drop(connection)
    try:
        poll.hash_version = 1
        Poll.objects.filter(pk=poll.pk).update(hash_version=1, result_hash=result_hash(poll))
    finally:
        dbguard.install(connection)
    assert poll_verify(poll)
    call_command("verify_polls", stdout=io.StringIO())


def test_migration_relabels_typed_paper_ballots_of_open_polls_only(world):
    migration = importlib.import_module("council.migrations.0003_paper_tally_committee_and_sealed_attendance")
    meeting = open_meeting(world)
    poll = Poll.objects.get(meeting=meeting)
    VoterRecord.objects.create(poll=poll, member=world.members[8], channel="paper")
    VoterRecord.objects.create(poll=poll, member=world.members[7], channel="app")
    migration.relabel_entered_ballots(django_apps, None)
    assert dict(VoterRecord.objects.values_list("member_id", "channel")) == {
        world.members[8].pk: "entered",
        world.members[7].pk: "app",
    }
    assert services.paper_issued(poll) == 0
