"""Demo vote for `seed_anhai --through voted`: the seeded council (9 members) meets on the campaign's
accepted nominees, everyone present, a secret ballot that fills the Giấy khen quota (1 collective,
4 individuals) and approves the Bằng khen proposal, then the office closes the poll. Every step goes
through the services, as the office and the members would in the browser. Members without an account vote
on paper: the office marks them as having voted, and the counting committee (3 members present, chosen at
the meeting) enters the totals per nominee of their ballots. The meeting is held on the campaign's council
date, or today when that date still lies ahead (a vote cannot close before the day of the meeting).

Idempotent: a campaign that already has a closed meeting gets it back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign
from campaigns.timeline import Timeline, demo_timeline, replaying
from organisation.enums import Role
from organisation.models import User
from organisation.selectors import first_user_with_role

from . import services
from .enums import AttendanceStatus, Choice, MeetingState
from .models import Attendance, CountingMember, Meeting, PollItem, Recusal, VoterRecord
from .selectors import latest_closed_meeting

# Votes for, by place in each (award kind, nominee kind) group; the rest of the eligible members disagree.
# 9 members, one recused on each nominee (the head of its unit): at most 8. Five votes approve.
TARGETS = {
    (AwardKind.GIAY_KHEN, NomineeKind.COLLECTIVE): [8, 6, 4, 3, 2],
    (AwardKind.GIAY_KHEN, NomineeKind.INDIVIDUAL): [8, 8, 7, 6, 5, 4, 3, 3, 2, 2],
    (AwardKind.BANG_KHEN, NomineeKind.COLLECTIVE): [7],
    (AwardKind.BANG_KHEN, NomineeKind.INDIVIDUAL): [7],
}
DEFAULT_TARGETS = [3]


def council_seed_vote(
    campaign: Campaign, *, today: dt.date | None = None, timeline: Timeline | None = None
) -> Meeting | None:
    """Run the demo council meeting and vote on every accepted nominee, and close it. Returns the closed
    meeting (the existing one when the campaign already has one), or None without an office user, a council
    or accepted nominees."""
    existing = latest_closed_meeting(campaign)
    if existing is not None:
        return existing
    office = first_user_with_role(Role.OFFICE)
    if office is None:
        return None
    today = today or timezone.localdate()
    # Dates: the demo timeline (campaigns.timeline): the meeting is held, voted and closed on its day.
    timeline = timeline or demo_timeline(today, "voted")
    day = timeline.council_meeting
    with replaying(timeline.at(day, 8, 30)):
        meeting = _hold_meeting(campaign, office, day)
    if meeting is None:
        return None
    # The members vote during the meeting and the poll closes when the counting is done: the minutes then
    # show a real end time, after the start.
    with replaying(timeline.at(day, 9, 40)):
        _cast_demo_votes(meeting, office)
    with replaying(timeline.at(day, 10, 15)):
        return services.poll_close(meeting=meeting, actor=office)


def _hold_meeting(campaign: Campaign, office: User, day: dt.date) -> Meeting | None:
    """The meeting created, attendance taken, opened and its counting committee chosen (open, not voted)."""
    meeting = Meeting.objects.filter(campaign=campaign).exclude(state=MeetingState.CLOSED).first()
    if meeting is None:
        try:
            meeting = services.meeting_create(
                campaign=campaign,
                actor=office,
                held_at=timezone.make_aware(dt.datetime.combine(day, dt.time(8, 30))),
                place="Phòng họp số 1, UBND phường An Hải",
                agenda="1. Phòng Văn hóa - Xã hội báo cáo kết quả thẩm định hồ sơ đề nghị khen thưởng.\n"
                "2. Hội đồng thảo luận, bỏ phiếu kín đề nghị khen thưởng.\n"
                "3. Thông qua biên bản họp.",
                secret_ballot=True,
                number="03",
            )
        except services.DomainError:
            return None
    if meeting.state == MeetingState.DRAFT:
        services.attendance_record(
            meeting=meeting,
            actor=office,
            statuses={
                a.member_id: AttendanceStatus.PRESENT for a in Attendance.objects.filter(meeting=meeting)
            },
        )
        try:
            meeting = services.meeting_open(meeting=meeting, actor=office)
        except services.DomainError:
            return None
    if meeting.state == MeetingState.OPEN and not CountingMember.objects.filter(meeting=meeting).exists():
        present = list(
            Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT)
            .select_related("member")
            .order_by("member__order", "member__pk")
        )
        # The secretary heads the committee with two members, as the meeting would choose.
        chosen = [a.member for a in present if a.member.function == "secretary"][:1]
        chosen += [a.member for a in reversed(present) if a.member not in chosen][: 3 - len(chosen)]
        if len(chosen) >= 2:
            services.committee_set(
                meeting=meeting, actor=office, head_id=chosen[0].pk, member_ids=[m.pk for m in chosen[1:]]
            )
    return meeting


def _cast_demo_votes(meeting: Meeting, office: User) -> None:
    items = list(
        PollItem.objects.filter(poll__meeting=meeting, poll__closed_at__isnull=True)
        .select_related("poll", "nominee")
        .order_by("poll__award_kind", "order", "pk")
    )
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .exclude(status=AttendanceStatus.ABSENT)
        .select_related("member__official")
        .order_by("member__order", "member__pk")
    )
    recused = defaultdict(set)
    for item_id, member_id in Recusal.objects.filter(poll_item__in=items).values_list(
        "poll_item_id", "member_id"
    ):
        recused[item_id].add(member_id)
    place = defaultdict(int)
    ballots: dict[int, dict[int, str]] = defaultdict(dict)  # member id -> {item id: choice}
    for item in items:
        key = (item.poll.award_kind, item.nominee.kind)
        targets = TARGETS.get(key, DEFAULT_TARGETS)
        target = targets[min(place[key], len(targets) - 1)]
        place[key] += 1
        eligible = [a.member for a in attendances if a.member_id not in recused[item.pk]]
        for position, member in enumerate(eligible):
            ballots[member.pk][item.pk] = Choice.AGREE if position < target else Choice.DISAGREE
    users = {u.official_id: u for u in User.objects.filter(official__isnull=False, is_active=True)}
    voted = set(VoterRecord.objects.filter(poll__meeting=meeting).values_list("member_id", flat=True))
    paper = []  # members without an account vote on paper
    for attendance in attendances:
        member = attendance.member
        if member.pk in voted:
            continue
        actor = users.get(member.official_id)
        if actor is None:
            paper.append(member)
            continue
        services.vote_cast(meeting=meeting, member=member, choices=ballots[member.pk], actor=actor)
    if not paper:
        return
    services.paper_voters_record(meeting=meeting, actor=office, member_ids=[m.pk for m in paper])
    # The committee counts the paper ballots: only the totals per nominee reach the database.
    head = (
        CountingMember.objects.filter(meeting=meeting, head=True).select_related("member__official").first()
    )
    counter = users.get(head.member.official_id) if head else None
    for poll in {item.poll_id: item.poll for item in items}.values():
        counts = {}
        for item in items:
            if item.poll_id != poll.pk:
                continue
            agree = sum(1 for m in paper if ballots[m.pk].get(item.pk) == Choice.AGREE)
            disagree = sum(1 for m in paper if ballots[m.pk].get(item.pk) == Choice.DISAGREE)
            counts[item.pk] = (agree, disagree)
        services.paper_tally_record(
            meeting=meeting,
            poll=poll,
            actor=counter or office,
            issued=len(paper),
            returned=len(paper),
            valid=len(paper),
            invalid=0,
            counts=counts,
        )
