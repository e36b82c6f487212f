"""Reads for the meeting's pages: attendance, polls, who voted, ballots, the counting committee, contacts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from anhai_thidua.core import versions
from organisation.models import CouncilMembership
from organisation.selectors import office_users

from .. import scopes
from ..models import Attendance, Meeting, Poll, PollItem, VoterRecord
from .outcomes import poll_items_queryset


# ---- pages --------------------------------------------------------------------------------------------------------
def meeting_list_for_user(user) -> QuerySet[Meeting]:
    return Meeting.objects.select_related("campaign", "council").order_by("-held_at", "-pk")


def meeting_detail(meeting_id: int) -> Meeting:
    return Meeting.objects.select_related("campaign", "council", "created_by").get(pk=meeting_id)


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member", "member__official", "member__official__user")
        .order_by("member__order", "member__pk")
    )


def polls_of(meeting: Meeting) -> list[Poll]:
    """The meeting's polls with their recorded hash check and the committee's paper tally (one query)."""
    return list(
        Poll.objects.filter(meeting=meeting)
        .select_related("verification", "paper_tally")
        .order_by("award_kind")
    )


def verification_states(polls: list[Poll]) -> list[tuple[Poll, bool, object]]:
    """[(closed poll, matches its SHA-256, checked at)] as last recorded (at closing, on the chair's choice, by
    verify_polls): the page does not recompute the hashes. A poll closed before the record existed is checked
    now (checked at = None)."""
    from ..models import PollVerification
    from ..tally import poll_verify

    rows = []
    for poll in polls:
        if not poll.is_closed:
            continue
        try:
            check = poll.verification
        except PollVerification.DoesNotExist:
            rows.append((poll, poll_verify(poll), None))
        else:
            rows.append((poll, check.ok, check.checked_at))
    return rows


@dataclass
class Voters:
    """Who voted in a meeting: {poll id: {member ids}}, and per poll how many voted on paper or in writing
    (the paper ballots issued)."""

    by_poll: dict[int, set[int]]
    paper: dict[int, int]

    @property
    def members(self) -> set[int]:
        return set().union(*self.by_poll.values()) if self.by_poll else set()


def meeting_voters(meeting: Meeting) -> Voters:
    """The meeting's voter records in one query (no choice: there is none to read)."""
    from ..enums import PAPER_CHANNELS

    by_poll: dict[int, set[int]] = defaultdict(set)
    paper: dict[int, int] = defaultdict(int)
    for poll_id, member_id, channel in VoterRecord.objects.filter(poll__meeting=meeting).values_list(
        "poll_id", "member_id", "channel"
    ):
        by_poll[poll_id].add(member_id)
        if channel in PAPER_CHANNELS:
            paper[poll_id] += 1
    return Voters(by_poll=dict(by_poll), paper=dict(paper))


def paper_status(polls: list[Poll], voters: Voters) -> list[PaperPoll]:
    """The meeting page's line per poll: paper ballots issued and the committee's tally, from polls_of and
    meeting_voters (no query; the totals per nominee are the paper tally page's, paper_polls)."""
    from ..models import PaperTally

    rows = []
    for poll in polls:
        try:
            tally = poll.paper_tally
        except PaperTally.DoesNotExist:
            tally = None
        rows.append(
            PaperPoll(poll=poll, expected_issued=voters.paper.get(poll.pk, 0), tally=tally, counts={})
        )
    return rows


@dataclass
class MeetingRows:
    """What the meeting page reads of the meeting's own rows (attendance, polls with their recorded check and
    paper tally, who voted, the counting committee)."""

    attendances: list[Attendance]
    polls: list[Poll]
    voters: Voters
    committee: list


def meeting_rows(meeting: Meeting) -> MeetingRows:
    """The meeting page's rows of the meeting, kept under its scopes (council/scopes.py: every council row of
    the meeting, and the members' names) until one of them changes: four queries on a miss, none on a hit."""

    def build() -> MeetingRows:
        attendances = list(
            Attendance.objects.filter(meeting=meeting)
            .select_related("member", "member__official")
            .order_by("member__order", "member__pk")
        )
        return MeetingRows(attendances, polls_of(meeting), meeting_voters(meeting), committee_of(meeting))

    return versions.cached(
        "council-meeting-rows", [scopes.meeting(meeting.pk), scopes.PEOPLE], build, meeting.pk
    )


@dataclass(frozen=True)
class BallotState:
    """Where a member stands on the meeting's ballot: voted (and when, for a vote in the app), or absent."""

    voted: bool
    voted_at: object | None
    absent: bool


def ballot_state(meeting: Meeting, member) -> BallotState:
    """The member's ballot state, kept under the meeting's scope (council/scopes.py: its votes, attendance
    and audit rows are written by services that lock the meeting) until it changes: three queries on a miss
    (two when the member has not voted), none on a hit."""
    from ..enums import AttendanceStatus

    def build() -> BallotState:
        status = (
            Attendance.objects.filter(meeting=meeting, member=member).values_list("status", flat=True).first()
        )
        voted = member_has_voted(meeting, member)
        return BallotState(
            voted=voted,
            voted_at=voted_at_of(meeting, member) if voted else None,
            absent=status is None or status == AttendanceStatus.ABSENT,
        )

    return versions.cached("council-ballot-state", [scopes.meeting(meeting.pk)], build, meeting.pk, member.pk)


def voted_member_ids(meeting: Meeting) -> dict[int, set[int]]:
    """{poll id: {member ids who voted}}."""
    result: dict[int, set[int]] = defaultdict(set)
    for poll_id, member_id in VoterRecord.objects.filter(poll__meeting=meeting).values_list(
        "poll_id", "member_id"
    ):
        result[poll_id].add(member_id)
    return result


def ballot_items(poll: Poll) -> list[PollItem]:
    return list(poll_items_queryset().filter(poll=poll).order_by("order", "pk"))


def open_ballot_items(meeting: Meeting) -> list[PollItem]:
    """The items of every poll of the meeting still open, in one query (plus the recusals)."""
    return list(
        poll_items_queryset()
        .filter(poll__meeting=meeting, poll__closed_at__isnull=True)
        .order_by("poll__award_kind", "order", "pk")
    )


# ---- the counting committee and the paper ballots ----------------------------------------------------------------
def committee_of(meeting: Meeting) -> list:
    """The counting committee, head first."""
    from ..models import CountingMember

    return list(
        CountingMember.objects.filter(meeting=meeting)
        .select_related("member__official")
        .order_by("-head", "member__order", "member__pk")
    )


@dataclass
class PaperPoll:
    """One poll's paper ballots: how many were issued (members marked as voting on paper or in writing),
    the committee's tally (None until entered) and its totals per item {item id: (agree, disagree)}."""

    poll: Poll
    expected_issued: int
    tally: object | None
    counts: dict[int, tuple[int, int]]


def paper_polls(meeting: Meeting) -> list[PaperPoll]:
    from django.db.models import Count, Q

    from ..enums import PAPER_CHANNELS
    from ..models import PaperTally
    from ..tally import paper_counts_for_items

    polls = list(
        Poll.objects.filter(meeting=meeting)
        .annotate(paper_voters=Count("voter_records", filter=Q(voter_records__channel__in=PAPER_CHANNELS)))
        .order_by("award_kind")
    )
    tallies = {t.poll_id: t for t in PaperTally.objects.filter(poll__in=polls)}
    counts = paper_counts_for_items(PollItem.objects.filter(poll__in=polls).values_list("pk", flat=True))
    return [
        PaperPoll(poll=p, expected_issued=p.paper_voters, tally=tallies.get(p.pk), counts=counts)
        for p in polls
    ]


def voted_at_of(meeting: Meeting, member) -> object | None:
    """When the member's own vote was counted: the time of its audit row (the voter record keeps no time,
    by design: tests/council/test_integrity.py), or None for a paper vote."""
    from anhai_thidua.core.audit import audit_list_for_object

    return (
        audit_list_for_object(meeting)
        .filter(action="vote_cast", actor__official_id=member.official_id)
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )


def contacts_for(meeting: Meeting) -> dict:
    """Whom a member asks about the meeting: the council's secretary and the office's staff, by name."""
    from organisation.enums import CouncilFunction

    secretary = (
        CouncilMembership.objects.filter(council_id=meeting.council_id, function=CouncilFunction.SECRETARY)
        .select_related("official")
        .order_by("order", "pk")
        .first()
    )
    office = [u.display_name for u in office_users()[:2]]
    return {
        "secretary": f"{secretary.official.honorific} {secretary.official.full_name}" if secretary else "",
        "office": ", ".join(office),
    }


def member_has_voted(meeting: Meeting, member) -> bool:
    return VoterRecord.objects.filter(poll__meeting=meeting, member=member).exists()


def document_version(meeting: Meeting) -> tuple[int, str]:
    """(number of poll items, version) of the meeting's documents: the size that decides whether they are made
    in the request or in the background (council/jobs.py), and a fingerprint of what they print that changes
    with the meeting's own fields, its latest audited move (every service that writes its rows audits one:
    attendance, committee, votes counted, the close, the end time) and the chair's choices. Two queries."""
    import hashlib

    from django.db.models import Count, Max

    from anhai_thidua.core.audit import audit_list_for_object

    items = PollItem.objects.filter(poll__meeting=meeting).aggregate(
        n=Count("pk"), choices=Count("chair_choice"), last=Max("chair_choice__decided_at")
    )
    last_move = audit_list_for_object(meeting).order_by("-pk").values_list("pk", flat=True).first()
    fields = (
        meeting.state,
        meeting.held_at,
        meeting.place,
        meeting.agenda,
        meeting.number,
        meeting.secret_ballot,
        meeting.opened_at,
        meeting.closed_at,
        meeting.ended_at,
        last_move,
        items["choices"],
        items["last"],
    )
    return items["n"], hashlib.sha256(repr(fields).encode()).hexdigest()[:16]
