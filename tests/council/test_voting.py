"""Quorum, threshold, ties, recusal, quota, one vote per member."""

import pytest
from django.db import IntegrityError

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.models import AuditEntry
from council import services
from council.enums import Choice, MeetingState
from council.models import Ballot, ChairChoice, Meeting, Poll, Recusal, VoterRecord
from council.selectors import latest_closed_meeting, meeting_outcome, pending_ties
from council.tally import is_approved, quorum_required, votes_needed

from .conftest import build_council, items_of, open_meeting, schedule, vote_all


# ---- quorum ---------------------------------------------------------------------------------------------------
def test_quorum_figures_two_thirds_of_all_members():
    assert [quorum_required(n) for n in (3, 6, 9, 10, 12)] == [2, 4, 6, 7, 8]


def test_meeting_open_refused_without_quorum(world):
    meeting = schedule(world, present=world.members[:5])
    with pytest.raises(
        DomainError, match="Chưa đủ số thành viên có mặt để biểu quyết: có mặt 5/9 thành viên, cần ít nhất 6"
    ):
        services.meeting_open(meeting=meeting, actor=world.office)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.DRAFT
    assert not Poll.objects.filter(meeting=meeting).exists()


def test_written_votes_do_not_make_quorum_but_are_counted(world):
    meeting = schedule(world, present=world.members[:5], written=world.members[5:6])
    with pytest.raises(DomainError, match="có mặt 5/9"):
        services.meeting_open(meeting=meeting, actor=world.office)
    meeting = schedule(world, present=world.members[:6], written=world.members[6:7])
    services.meeting_open(meeting=meeting, actor=world.office)
    items = vote_all(world, meeting, {}, default=9)  # the member voting in writing votes in the app
    assert (
        VoterRecord.objects.filter(poll__meeting=meeting, member=world.members[6], channel="app").count() == 1
    )
    services.poll_close(meeting=meeting, actor=world.office)
    outcome = next(o for o in meeting_outcome(meeting) if o.nominee.display_name == "Tô Minh Nhật")
    assert (outcome.votes_for, outcome.votes_against, outcome.not_cast) == (7, 0, 2)
    assert len(items) == 8


def test_written_votes_refused_when_the_setting_is_off(world, settings):
    settings.COUNCIL_ALLOW_WRITTEN_VOTES = False
    with pytest.raises(DomainError, match="không cho phép biểu quyết bằng văn bản"):
        schedule(world, present=world.members[:6], written=world.members[6:7])


def test_meeting_open_with_quorum_creates_polls_per_award_kind(world):
    meeting = open_meeting(world, present=world.members[:6])
    assert meeting.state == MeetingState.OPEN
    polls = list(Poll.objects.filter(meeting=meeting))
    assert [p.award_kind for p in polls] == ["giay_khen"]
    assert polls[0].members_total == 9 and polls[0].secret
    assert polls[0].items.count() == 8
    assert AuditEntry.objects.filter(action="meeting_open", object_id=meeting.pk).exists()


# ---- threshold ------------------------------------------------------------------------------------------------
def test_threshold_is_strictly_more_than_half_of_all_members():
    assert not is_approved(4, 9) and is_approved(5, 9)
    assert not is_approved(5, 10) and is_approved(6, 10)  # exactly half is NOT approved
    assert votes_needed(9) == 5 and votes_needed(10) == 6


def test_exactly_half_of_all_members_is_not_approved(campaign, office_user):
    from tests.factories import UnitFactory

    from .conftest import World, add_accepted

    unit = UnitFactory(name="Phòng Kinh tế - Hạ tầng - Đô thị", code="kt")
    council, members, users = build_council(10)
    add_accepted(campaign, unit, individuals=["Lý Quang Vinh", "Vũ Thị Lan"])
    world = World(campaign, council, members, users, {"kt": unit}, office_user)
    meeting = open_meeting(world)
    vote_all(world, meeting, {"Lý Quang Vinh": 5, "Vũ Thị Lan": 6, "Phòng Kinh tế - Hạ tầng - Đô thị": 10})
    services.poll_close(meeting=meeting, actor=office_user)
    by_name = {o.nominee.display_name: o for o in meeting_outcome(meeting)}
    assert by_name["Lý Quang Vinh"].approved is False
    assert str(by_name["Lý Quang Vinh"].percent_of_members) == "50.00"
    assert by_name["Vũ Thị Lan"].approved is True
    assert by_name["Lý Quang Vinh"].within_quota is False


# ---- recusal --------------------------------------------------------------------------------------------------
def test_unit_head_member_is_recused_from_the_units_nominees(world):
    meeting = open_meeting(world)
    head = world.members[6]
    recusals = Recusal.objects.filter(poll_item__poll__meeting=meeting)
    assert {r.member_id for r in recusals} == {head.pk}
    names = sorted(r.poll_item.nominee.display_name for r in recusals)
    assert names == sorted(
        ["Trung tâm Phục vụ hành chính công", "Trần Ngọc Sơn", "Cao Thị Phương Thảo", "Lê Thị Mỹ Duyên"]
    )
    assert {r.reason for r in recusals} == {"đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công"}


def test_recused_member_cannot_vote_on_that_nominee(world):
    meeting = open_meeting(world)
    head = world.members[6]
    items = items_of(meeting)
    # The head ticks "agree" everywhere, including the own unit's nominees: those choices are ignored.
    services.vote_cast(
        meeting=meeting, member=head, choices={i.pk: Choice.AGREE for i in items}, actor=world.user(head)
    )
    own = [i for i in items if i.nominee.dossier.unit_id == world.units["x"].pk]
    assert not Ballot.objects.filter(poll_item__in=own).exists()
    assert Ballot.objects.count() == len(items) - len(own)
    services.poll_close(meeting=meeting, actor=world.office)
    outcome = next(o for o in meeting_outcome(meeting) if o.nominee.display_name == "Trần Ngọc Sơn")
    assert outcome.not_cast == 9
    assert outcome.recusals == [
        "Ông Phạm Văn Tâm (đồng thời là Thủ trưởng Trung tâm Phục vụ hành chính công)"
    ]


def test_member_who_is_the_nominee_is_recused(world):
    from nominations.models import Nominee

    member = world.members[8]
    y_dossier = Nominee.objects.filter(dossier__unit=world.units["y"]).first().dossier
    Nominee.objects.create(
        dossier=y_dossier, kind="individual", official=member.official, award_kind="giay_khen"
    )
    open_meeting(world)
    recusal = Recusal.objects.get(member=member)
    assert recusal.poll_item.nominee.official_id == member.official_id
    assert recusal.reason == "là người được đề nghị khen thưởng"


# ---- quota and ties --------------------------------------------------------------------------------------------
def test_ranking_fills_the_quota_of_four_individuals(world):
    meeting = open_meeting(world)
    plan = {
        "Trần Ngọc Sơn": 8,
        "Cao Thị Phương Thảo": 7,
        "Lê Thị Mỹ Duyên": 5,
        "Hà Thị Thanh Thủy": 9,
        "Lâm Thị Kiều Trinh": 6,
        "Tô Minh Nhật": 3,
        "Công an phường": 6,
        "Trung tâm Phục vụ hành chính công": 8,
    }
    vote_all(world, meeting, plan)
    services.poll_close(meeting=meeting, actor=world.office)
    outcomes = meeting_outcome(meeting)
    individuals = [o for o in outcomes if o.nominee_kind == "individual"]
    assert [(o.nominee.display_name, o.rank, o.within_quota) for o in individuals] == [
        ("Hà Thị Thanh Thủy", 1, True),
        ("Trần Ngọc Sơn", 2, True),
        ("Cao Thị Phương Thảo", 3, True),
        ("Lâm Thị Kiều Trinh", 4, True),
        ("Lê Thị Mỹ Duyên", 5, False),  # approved (5 of 9) but outside the quota
        ("Tô Minh Nhật", 6, False),
    ]
    assert individuals[4].approved and not individuals[5].approved
    collectives = [o for o in outcomes if o.nominee_kind == "collective"]
    assert [(o.nominee.display_name, o.within_quota) for o in collectives] == [
        ("Trung tâm Phục vụ hành chính công", True),
        ("Công an phường", False),
    ]
    assert not any(o.tie_flag for o in outcomes)
    assert latest_closed_meeting(world.campaign) == meeting


def test_tie_at_the_quota_boundary_is_flagged_and_the_chair_decides(world, chairman):
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
    collectives = [o for o in meeting_outcome(meeting) if o.nominee_kind == "collective"]
    assert all(o.tie_flag and not o.within_quota and o.rank == 1 for o in collectives)
    ties = pending_ties(meeting_outcome(meeting))
    assert len(ties) == 1 and ties[0][:2] == ("giay_khen", "collective")
    chosen = next(o for o in collectives if o.nominee.display_name == "Công an phường")
    with pytest.raises(DomainError, match="Hãy chọn đúng 1 trong số 2"):
        services.chair_tie_break(
            meeting=meeting,
            actor=chairman,
            award_kind="giay_khen",
            nominee_kind="collective",
            selected_item_ids=[o.poll_item.pk for o in collectives],
            note="Cả hai",
        )
    services.chair_tie_break(
        meeting=meeting,
        actor=chairman,
        award_kind="giay_khen",
        nominee_kind="collective",
        selected_item_ids=[chosen.poll_item.pk],
        note="Ưu tiên tập thể có tỷ lệ nữ từ 70% trở lên.",
    )
    after = {o.nominee.display_name: o for o in meeting_outcome(meeting) if o.nominee_kind == "collective"}
    assert after["Công an phường"].within_quota and after["Công an phường"].tie_flag
    assert not after["Trung tâm Phục vụ hành chính công"].within_quota
    assert after["Công an phường"].chair_choice_note == "Ưu tiên tập thể có tỷ lệ nữ từ 70% trở lên."
    assert ChairChoice.objects.count() == 2
    assert AuditEntry.objects.filter(action="chair_tie_break", actor=chairman).exists()
    assert pending_ties(meeting_outcome(meeting)) == []
    with pytest.raises(DomainError, match="Không có trường hợp bằng phiếu"):
        services.chair_tie_break(
            meeting=meeting,
            actor=chairman,
            award_kind="giay_khen",
            nominee_kind="collective",
            selected_item_ids=[chosen.poll_item.pk],
            note="Lần hai",
        )


def test_tie_below_the_boundary_is_not_flagged(world):
    meeting = open_meeting(world)
    vote_all(
        world,
        meeting,
        {"Hà Thị Thanh Thủy": 9, "Lâm Thị Kiều Trinh": 9, "Trần Ngọc Sơn": 8, "Cao Thị Phương Thảo": 8},
        default=2,
    )
    services.poll_close(meeting=meeting, actor=world.office)
    individuals = [o for o in meeting_outcome(meeting) if o.nominee_kind == "individual"]
    assert [o.rank for o in individuals[:4]] == [1, 1, 3, 3]
    assert all(o.within_quota and not o.tie_flag for o in individuals[:4])


# ---- one vote per member ----------------------------------------------------------------------------------------
def test_second_vote_by_the_same_member_is_refused(world):
    meeting = open_meeting(world)
    member = world.members[0]
    items = items_of(meeting)
    choices = {i.pk: Choice.AGREE for i in items}
    services.vote_cast(meeting=meeting, member=member, choices=choices, actor=world.user(member))
    with pytest.raises(services.AlreadyVoted, match="Bạn đã bỏ phiếu"):
        services.vote_cast(meeting=meeting, member=member, choices=choices, actor=world.user(member))
    assert VoterRecord.objects.filter(member=member).count() == 1
    assert Ballot.objects.count() == len(items)


def test_simultaneous_votes_make_one_ballot_through_the_unique_constraint(world, monkeypatch):
    """Both requests pass the friendly check (as two concurrent transactions would); the unique
    VoterRecord(poll, member) lets only one set of ballots in."""
    meeting = open_meeting(world)
    member = world.members[1]
    items = items_of(meeting)
    monkeypatch.setattr("council.services.voting._has_voted", lambda polls, member: False)
    services.vote_cast(
        meeting=meeting, member=member, choices={i.pk: Choice.AGREE for i in items}, actor=world.user(member)
    )
    with pytest.raises(services.AlreadyVoted):
        services.vote_cast(
            meeting=meeting,
            member=member,
            choices={i.pk: Choice.DISAGREE for i in items},
            actor=world.user(member),
        )
    assert VoterRecord.objects.filter(member=member).count() == 1
    assert Ballot.objects.count() == len(items)
    assert set(Ballot.objects.values_list("choice", flat=True)) == {"agree"}


def test_every_item_needs_a_choice(world):
    meeting = open_meeting(world)
    member = world.members[0]
    items = items_of(meeting)
    with pytest.raises(DomainError, match="Hãy chọn “Đồng ý” hoặc “Không đồng ý” cho"):
        services.vote_cast(
            meeting=meeting, member=member, choices={items[0].pk: "agree"}, actor=world.user(member)
        )
    assert not VoterRecord.objects.exists() and not Ballot.objects.exists()


def test_absent_member_and_other_people_cannot_vote(world, head_a):
    meeting = open_meeting(world, present=world.members[:8])
    items = items_of(meeting)
    choices = {i.pk: "agree" for i in items}
    absent = world.members[8]
    with pytest.raises(DomainError, match="vắng mặt"):
        services.vote_cast(meeting=meeting, member=absent, choices=choices, actor=world.user(absent))
    with pytest.raises(DomainError, match="Chỉ thành viên Hội đồng tự bỏ phiếu"):
        services.vote_cast(meeting=meeting, member=world.members[0], choices=choices, actor=head_a)


def test_the_office_can_no_longer_type_a_ballot_under_a_members_name(world):
    meeting = open_meeting(world)
    member = world.members[2]
    with pytest.raises(DomainError, match="Ban kiểm phiếu kiểm và nhập tổng số"):
        services.vote_cast(
            meeting=meeting,
            member=member,
            choices={i.pk: "agree" for i in items_of(meeting)},
            actor=world.office,
        )
    assert not VoterRecord.objects.exists() and not Ballot.objects.exists()


def test_closed_meeting_takes_no_votes_and_never_reopens(world):
    meeting = open_meeting(world)
    services.poll_close(meeting=meeting, actor=world.office)
    with pytest.raises(
        DomainError, match="Không thể bỏ phiếu khi cuộc họp đang ở trạng thái “Đã kết thúc biểu quyết”"
    ):
        services.vote_cast(
            meeting=meeting, member=world.members[0], choices={}, actor=world.user(world.members[0])
        )
    with pytest.raises(DomainError):
        services.meeting_open(meeting=meeting, actor=world.office)
    with pytest.raises(DomainError):
        services.poll_close(meeting=meeting, actor=world.office)
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.CLOSED


def test_meeting_create_notifies_members(world, django_capture_on_commit_callbacks, mailoutbox):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(world)
    notes = Notification.objects.filter(recipient__in=world.users.values())
    assert notes.count() == 9
    assert notes.first().subject == "Mời họp Hội đồng Thi đua - Khen thưởng phường"
    assert len(mailoutbox) == 9
    assert "08:30 ngày 05/02/2026" in mailoutbox[0].body
    assert mailoutbox[0].subject.endswith("Mời họp Hội đồng Thi đua - Khen thưởng phường")
    assert meeting.attendances.count() == 9


def test_only_the_office_manages(world, chairman):
    with pytest.raises(DomainError):
        services.meeting_create(
            campaign=world.campaign, actor=chairman, held_at=__import__("datetime").datetime.now(), place="x"
        )
    meeting = schedule(world)
    with pytest.raises(DomainError):
        services.meeting_open(meeting=meeting, actor=chairman)


def test_integrity_error_on_voter_record_is_database_enforced(world):
    meeting = open_meeting(world)
    poll = Poll.objects.get(meeting=meeting)
    VoterRecord.objects.create(poll=poll, member=world.members[0], channel="app")
    with pytest.raises(IntegrityError):
        VoterRecord.objects.create(poll=poll, member=world.members[0], channel="app")


def test_council_meeting_reminders_name_the_members_of_a_scheduled_meeting(world):
    from notifications.registry import provider_for

    meeting = schedule(world)
    items = list(provider_for("council_meeting")(world.campaign, "council_meeting"))
    assert len(items) == 1
    assert items[0].object_ref == f"council.meeting:{meeting.pk}"
    assert str(items[0].deadline) == "2026-02-05"
    assert set(items[0].recipients) == set(world.users.values())
