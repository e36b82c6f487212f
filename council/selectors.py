"""Reads of the council's meetings and votes.

The interface other apps rely on (docs/council.md), kept stable:

- ``accepted_nominees(campaign)``: the nominees the office put before the council;
- ``meeting_outcome(meeting) -> list[Outcome]``: the result of every closed poll of the meeting;
- ``latest_closed_meeting(campaign)``: the meeting whose result the decision is drafted from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign, Quota
from nominations.models import Nominee
from organisation.models import Council, CouncilMembership
from organisation.selectors import office_users
from reviews.selectors import accepted_nominees as reviewed_nominees

from .enums import AttendanceStatus, Choice, MeetingState
from .models import Attendance, ChairChoice, Meeting, Poll, PollItem, Recusal, VoterRecord
from .tally import counts_for_items, is_approved, percent, quorum_required


# ---- accepted nominees ------------------------------------------------------------------------------------------
def accepted_nominees(campaign: Campaign) -> QuerySet[Nominee]:
    """The nominees put before the ward council: those the office accepted at review (the review is the
    one place that knows how acceptance is represented)."""
    return reviewed_nominees(campaign)


def nominees_by_award_kind(campaign: Campaign) -> list[tuple[str, str, list[Nominee]]]:
    """[(award kind, label, nominees)] in award-form order; collectives first, then individuals."""
    nominees = list(
        accepted_nominees(campaign)
        .select_related("official", "official__unit", "unit", "unit__parent", "dossier__unit")
        .order_by("award_kind", "kind", "dossier__unit__order", "dossier__unit__name", "order", "pk")
    )
    groups: dict[str, list[Nominee]] = defaultdict(list)
    for nominee in nominees:
        groups[nominee.award_kind].append(nominee)
    for kind in groups.values():
        kind.sort(key=lambda n: (n.kind != NomineeKind.COLLECTIVE,))
    return [(kind, label, groups[kind]) for kind, label in AwardKind.choices if groups.get(kind)]


def nominee_page(campaign: Campaign, page_number, per_page: int):
    """One page of the nominees put before the council, in nominees_by_award_kind's order (award form, then
    collectives, then unit and order), for the draft meeting's page: two queries whatever their number."""
    from django.core.paginator import Paginator
    from django.db.models import Case, F, IntegerField, Value, When, Window
    from django.db.models.functions import RowNumber

    kind_rank = Case(
        *[When(award_kind=kind, then=Value(i)) for i, kind in enumerate(AwardKind.values)],
        default=Value(len(AwardKind.values)),
        output_field=IntegerField(),
    )
    collective_first = Case(
        When(kind=NomineeKind.COLLECTIVE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    nominees = (
        accepted_nominees(campaign)
        .select_related("official", "official__unit", "unit", "unit__parent", "dossier__unit")
        .annotate(
            kind_rank=kind_rank,
            collective_first=collective_first,
            # the number in the award form's list, carried over from one page to the next
            position=Window(
                RowNumber(),
                partition_by=[F("award_kind")],
                order_by=[
                    collective_first,
                    F("dossier__unit__order"),
                    F("dossier__unit__name"),
                    F("order"),
                    F("pk"),
                ],
            ),
        )
        .order_by(
            "kind_rank", "collective_first", "dossier__unit__order", "dossier__unit__name", "order", "pk"
        )
    )
    return Paginator(nominees, per_page).get_page(page_number)


# ---- council and attendance --------------------------------------------------------------------------------------
def council_for(day) -> Council | None:
    """The council in office on a day."""
    return (
        Council.objects.filter(starts_on__lte=day)
        .exclude(ends_on__lt=day)
        .order_by("-starts_on", "-pk")
        .first()
    )


def membership_of(user, council_id: int) -> CouncilMembership | None:
    if not (user and user.is_authenticated and user.official_id):
        return None
    return (
        CouncilMembership.objects.filter(council_id=council_id, official_id=user.official_id)
        .select_related("official")
        .first()
    )


@dataclass
class Quorum:
    members_total: int
    present: int
    written: int
    required: int

    @property
    def reached(self) -> bool:
        return self.members_total > 0 and self.present >= self.required


def quorum_of(attendances) -> Quorum:
    """Quorum counts the members present; those voting in writing are recorded but do not make quorum."""
    rows = list(attendances)
    total = len(rows)
    present = sum(1 for a in rows if a.status == AttendanceStatus.PRESENT)
    written = sum(1 for a in rows if a.status == AttendanceStatus.WRITTEN)
    return Quorum(members_total=total, present=present, written=written, required=quorum_required(total))


# ---- outcome (the interface for awards) --------------------------------------------------------------------------
@dataclass
class Outcome:
    """The result for one nominee in a closed poll.

    rank: competition ranking by votes for (1, 2, 2, 4) within the award kind and nominee kind.
    within_quota: approved and inside the quota of the award form for the nominee kind (no quota set = all
    approved are inside); for a tie at the quota boundary, the chair's recorded choice decides, and until
    then the tied nominees are outside (tie_flag stays True after the choice, for the record).
    """

    nominee: Nominee
    award_kind: str
    votes_for: int
    votes_against: int
    not_cast: int
    percent_of_members: Decimal  # votes for, as % of ALL members of the council
    approved: bool
    rank: int
    within_quota: bool
    tie_flag: bool
    chair_choice_note: str
    # extras for pages and documents
    poll_item: PollItem | None = None
    nominee_kind: str = ""
    members_total: int = 0
    quota: int | None = None
    percent_against: Decimal = Decimal("0.00")
    percent_not_cast: Decimal = Decimal("0.00")
    chair_selected: bool | None = None
    recusals: list[str] = field(default_factory=list)  # "Ông Phạm Văn Tâm (đồng thời là Thủ trưởng …)"


def _quotas(campaign_id: int) -> dict[tuple[str, str], int]:
    return {
        (kind, nominee_kind): count
        for kind, nominee_kind, count in Quota.objects.filter(
            award_form__campaign_id=campaign_id
        ).values_list("award_form__kind", "nominee_kind", "count")
    }


def rank_group(outcomes: list[Outcome], quota: int | None) -> None:
    """Rank one (award kind, nominee kind) group in place and mark who is within the quota and ties."""
    outcomes.sort(key=lambda o: (-o.votes_for, o.votes_against, o.nominee.pk))
    previous, rank = None, 0
    for position, outcome in enumerate(outcomes, 1):
        if outcome.votes_for != previous:
            rank, previous = position, outcome.votes_for
        outcome.rank = rank
        outcome.quota = quota
    approved = [o for o in outcomes if o.approved]
    if quota is None or len(approved) <= quota:
        for outcome in approved:
            outcome.within_quota = True
        return
    if quota == 0:
        return
    boundary = approved[quota - 1].votes_for
    above = [o for o in approved if o.votes_for > boundary]
    tied = [o for o in approved if o.votes_for == boundary]
    slots = quota - len(above)
    for outcome in above:
        outcome.within_quota = True
    if len(tied) <= slots:
        for outcome in tied:
            outcome.within_quota = True
        return
    for outcome in tied:
        outcome.tie_flag = True
        outcome.within_quota = bool(outcome.chair_selected)


def _items_queryset(*, recusals: bool = True):
    qs = PollItem.objects.select_related(
        "poll",
        "nominee",
        "nominee__official",
        "nominee__unit",
        "nominee__unit__parent",
        "nominee__dossier__unit",
        "chair_choice",
    )
    if not recusals:
        return qs
    return qs.prefetch_related(
        Prefetch(
            "recusals", queryset=Recusal.objects.select_related("member__official").order_by("member__order")
        )
    )


def poll_outcomes(polls: list[Poll], campaign_id: int) -> list[Outcome]:
    """Outcomes of the given polls (closed or not: the tally so far), ranked per group."""
    items = list(
        _items_queryset(recusals=False).filter(poll__in=polls).order_by("poll__award_kind", "order", "pk")
    )
    by_poll = {p.pk: p for p in polls}
    counts = counts_for_items(i.pk for i in items)
    # One query for every recusal (a prefetch would clone a queryset per item: most of the time at scale).
    recusals: dict[int, list[str]] = defaultdict(list)
    for r in (
        Recusal.objects.filter(poll_item__poll__in=polls)
        .select_related("member__official")
        .order_by("member__order", "pk")
    ):
        recusals[r.poll_item_id].append(
            f"{r.member.official.honorific} {r.member.official.full_name} ({r.reason})"
        )
    quotas = _quotas(campaign_id)
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    result = []
    for item in items:
        poll = by_poll[item.poll_id]
        total = poll.members_total
        agree = counts[item.pk][Choice.AGREE]
        disagree = counts[item.pk][Choice.DISAGREE]
        not_cast = max(total - agree - disagree, 0)
        try:
            choice = item.chair_choice
        except ChairChoice.DoesNotExist:
            choice = None
        outcome = Outcome(
            nominee=item.nominee,
            award_kind=poll.award_kind,
            votes_for=agree,
            votes_against=disagree,
            not_cast=not_cast,
            percent_of_members=percent(agree, total),
            approved=is_approved(agree, total),
            rank=0,
            within_quota=False,
            tie_flag=False,
            chair_choice_note=choice.note if choice else "",
            poll_item=item,
            nominee_kind=item.nominee.kind,
            members_total=total,
            percent_against=percent(disagree, total),
            percent_not_cast=percent(not_cast, total),
            chair_selected=choice.selected if choice else None,
            recusals=recusals.get(item.pk, []),
        )
        groups[(poll.award_kind, item.nominee.kind)].append(outcome)
        result.append(outcome)
    ordered = []
    kind_order = {k: i for i, k in enumerate(AwardKind.values)}
    nominee_order = {NomineeKind.COLLECTIVE: 0, NomineeKind.INDIVIDUAL: 1}
    for key in sorted(groups, key=lambda k: (kind_order.get(k[0], 9), nominee_order.get(k[1], 9))):
        rank_group(groups[key], quotas.get(key))
        ordered.extend(groups[key])
    return ordered


def _light_outcomes(polls: list[Poll], campaign_id: int) -> list[Outcome]:
    """poll_outcomes from small tuples: the same votes, approval, ranks, quota and tie marks, but each
    Outcome's nominee and poll_item are stand-ins carrying only their keys (and the nominee's kind), without
    percentages or recusals; hydrate_outcomes completes the ones a page shows. Four queries whatever the
    number of items, and no model instance per item."""
    from types import SimpleNamespace

    from .tally import votes_needed

    rows = list(
        PollItem.objects.filter(poll__in=polls)
        .order_by("poll__award_kind", "order", "pk")
        .values_list(
            "pk", "poll_id", "nominee_id", "nominee__kind", "chair_choice__selected", "chair_choice__note"
        )
    )
    by_poll = {p.pk: p for p in polls}
    # approved ⇔ votes for > threshold × members ⇔ votes for ≥ votes_needed(members) (is_approved)
    needed = {p.pk: votes_needed(p.members_total) if p.members_total > 0 else None for p in polls}
    counts = counts_for_items(pk for pk, *_rest in rows)
    quotas = _quotas(campaign_id)
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for pk, poll_id, nominee_id, nominee_kind, selected, note in rows:
        poll = by_poll[poll_id]
        total = poll.members_total
        agree = counts[pk][Choice.AGREE]
        disagree = counts[pk][Choice.DISAGREE]
        outcome = Outcome(
            nominee=SimpleNamespace(pk=nominee_id, kind=nominee_kind),
            award_kind=poll.award_kind,
            votes_for=agree,
            votes_against=disagree,
            not_cast=max(total - agree - disagree, 0),
            percent_of_members=Decimal("0.00"),
            approved=needed[poll_id] is not None and agree >= needed[poll_id],
            rank=0,
            within_quota=False,
            tie_flag=False,
            chair_choice_note=note or "",
            poll_item=SimpleNamespace(pk=pk, poll_id=poll_id),
            nominee_kind=nominee_kind,
            members_total=total,
            chair_selected=selected,
        )
        groups[(poll.award_kind, nominee_kind)].append(outcome)
    ordered = []
    kind_order = {k: i for i, k in enumerate(AwardKind.values)}
    nominee_order = {NomineeKind.COLLECTIVE: 0, NomineeKind.INDIVIDUAL: 1}
    for key in sorted(groups, key=lambda k: (kind_order.get(k[0], 9), nominee_order.get(k[1], 9))):
        rank_group(groups[key], quotas.get(key))
        ordered.extend(groups[key])
    return ordered


def hydrate_outcomes(outcomes: list[Outcome]) -> None:
    """Complete light outcomes (the page shown, the tied ones): their poll item, nominee, percentages and
    recusals, in two queries whatever their number."""
    if not outcomes:
        return
    ids = [o.poll_item.pk for o in outcomes]
    items = {i.pk: i for i in _items_queryset(recusals=False).filter(pk__in=ids)}
    recusals: dict[int, list[str]] = defaultdict(list)
    for r in (
        Recusal.objects.filter(poll_item__in=ids)
        .select_related("member__official")
        .order_by("member__order", "pk")
    ):
        recusals[r.poll_item_id].append(
            f"{r.member.official.honorific} {r.member.official.full_name} ({r.reason})"
        )
    for outcome in outcomes:
        item = items[outcome.poll_item.pk]
        outcome.poll_item, outcome.nominee = item, item.nominee
        outcome.recusals = recusals.get(item.pk, [])
        total = outcome.members_total
        outcome.percent_of_members = percent(outcome.votes_for, total)
        outcome.percent_against = percent(outcome.votes_against, total)
        outcome.percent_not_cast = percent(outcome.not_cast, total)


def meeting_outcome_page(meeting: Meeting, page_number, per_page: int):
    """The meeting page's tally: every closed poll ranked from aggregates, full rows only for one page
    and for ties awaiting the chair. Returns (page of outcomes, pending ties). A fixed number of queries,
    and the work per request grows only with the small tuples of the ranking."""
    from django.core.paginator import Paginator

    polls = list(Poll.objects.filter(meeting=meeting, closed_at__isnull=False))
    outcomes = _light_outcomes(polls, meeting.campaign_id) if polls else []
    page = Paginator(outcomes, per_page).get_page(page_number)
    ties = pending_ties(outcomes)
    shown = {id(o): o for o in page.object_list}
    for _kind, _nominee_kind, group in ties:
        shown.update((id(o), o) for o in group)
    hydrate_outcomes(list(shown.values()))
    return page, ties


def meeting_outcome(meeting: Meeting) -> list[Outcome]:
    """The result of the meeting's CLOSED polls, one Outcome per nominee, grouped by award kind then nominee
    kind (collectives first), ranked by votes for. Empty while no poll is closed. A constant number of
    queries whatever the number of nominees."""
    polls = list(Poll.objects.filter(meeting=meeting, closed_at__isnull=False))
    if not polls:
        return []
    return poll_outcomes(polls, meeting.campaign_id)


def latest_closed_meeting(campaign: Campaign) -> Meeting | None:
    """The campaign's most recently closed council meeting (the one the decision is drafted from)."""
    return (
        Meeting.objects.filter(campaign=campaign, state=MeetingState.CLOSED)
        .select_related("campaign", "council")
        .order_by("-closed_at", "-pk")
        .first()
    )


def pending_ties(outcomes: list[Outcome]) -> list[tuple[str, str, list[Outcome]]]:
    """Tie groups at a quota boundary the chair has not settled: [(award kind, nominee kind, outcomes)]."""
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.tie_flag and outcome.chair_selected is None:
            groups[(outcome.award_kind, outcome.nominee_kind)].append(outcome)
    return [(k[0], k[1], v) for k, v in groups.items()]


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
    return list(Poll.objects.filter(meeting=meeting).select_related("verification").order_by("award_kind"))


def verification_states(polls: list[Poll]) -> list[tuple[Poll, bool, object]]:
    """[(closed poll, matches its SHA-256, checked at)] as last recorded (at closing, on the chair's choice, by
    verify_polls): the page does not recompute the hashes. A poll closed before the record existed is checked
    now (checked at = None)."""
    from .models import PollVerification
    from .tally import poll_verify

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


def voted_member_ids(meeting: Meeting) -> dict[int, set[int]]:
    """{poll id: {member ids who voted}}."""
    result: dict[int, set[int]] = defaultdict(set)
    for poll_id, member_id in VoterRecord.objects.filter(poll__meeting=meeting).values_list(
        "poll_id", "member_id"
    ):
        result[poll_id].add(member_id)
    return result


def ballot_items(poll: Poll) -> list[PollItem]:
    return list(_items_queryset().filter(poll=poll).order_by("order", "pk"))


def open_ballot_items(meeting: Meeting) -> list[PollItem]:
    """The items of every poll of the meeting still open, in one query (plus the recusals)."""
    return list(
        _items_queryset()
        .filter(poll__meeting=meeting, poll__closed_at__isnull=True)
        .order_by("poll__award_kind", "order", "pk")
    )


# ---- the counting committee and the paper ballots ----------------------------------------------------------------
def committee_of(meeting: Meeting) -> list:
    """The counting committee, head first."""
    from .models import CountingMember

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

    from .enums import PAPER_CHANNELS
    from .models import PaperTally
    from .tally import paper_counts_for_items

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
