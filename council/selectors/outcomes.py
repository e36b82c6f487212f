"""The council's result per nominee (the interface for awards): counts, ranks within the quota, ties."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign, Quota
from nominations.models import Nominee

from ..enums import Choice, MeetingState
from ..models import ChairChoice, Meeting, Poll, PollItem, Recusal
from ..tally import ballot_counts_for_polls, counts_for_items, is_approved, percent


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


def poll_items_queryset(*, recusals: bool = True):
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


def _recusal_lines(recusals) -> dict[int, list[str]]:
    """{item id: ["Ông Nguyễn Văn A (reason)", …]} for the given recusals, in one query."""
    lines: dict[int, list[str]] = defaultdict(list)
    for r in recusals.select_related("member__official").order_by("member__order", "pk"):
        lines[r.poll_item_id].append(
            f"{r.member.official.honorific} {r.member.official.full_name} ({r.reason})"
        )
    return lines


def poll_outcomes(polls: list[Poll], campaign_id: int) -> list[Outcome]:
    """Outcomes of the given polls (closed or not: the tally so far), ranked per group."""
    items = list(
        poll_items_queryset(recusals=False).filter(poll__in=polls).order_by("poll__award_kind", "order", "pk")
    )
    by_poll = {p.pk: p for p in polls}
    counts = counts_for_items(i.pk for i in items)
    # One query for every recusal (a prefetch would clone a queryset per item: most of the time at scale).
    recusals = _recusal_lines(Recusal.objects.filter(poll_item__poll__in=polls))
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
    Outcome's nominee and poll_item are light objects carrying only their keys (and the nominee's kind), without
    percentages or recusals; hydrate_outcomes completes the ones a page shows. Four queries whatever the
    number of items, and no model instance per item."""
    from types import SimpleNamespace

    from ..tally import votes_needed

    rows = list(
        PollItem.objects.filter(poll__in=polls)
        .order_by("poll__award_kind", "order", "pk")
        .values_list(
            "pk",
            "poll_id",
            "nominee_id",
            "nominee__kind",
            "chair_choice__selected",
            "chair_choice__note",
            "paper_count__agree",
            "paper_count__disagree",
            # the names a tie-break form shows (name_tied)
            "nominee__official_id",
            "nominee__official__gender",
            "nominee__official__full_name",
            "nominee__unit_id",
            "nominee__unit__name",
        )
    )
    by_poll = {p.pk: p for p in polls}
    # approved ⇔ votes for > threshold × members ⇔ votes for ≥ votes_needed(members) (is_approved)
    needed = {p.pk: votes_needed(p.members_total) if p.members_total > 0 else None for p in polls}
    counts = ballot_counts_for_polls(by_poll)  # the paper totals came with the rows
    quotas = _quotas(campaign_id)
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for pk, poll_id, nominee_id, nominee_kind, selected, note, paper_agree, paper_disagree, *names in rows:
        poll = by_poll[poll_id]
        total = poll.members_total
        agree = counts[pk][Choice.AGREE] + (paper_agree or 0)
        disagree = counts[pk][Choice.DISAGREE] + (paper_disagree or 0)
        outcome = Outcome(
            nominee=SimpleNamespace(pk=nominee_id, kind=nominee_kind, names=names),
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
    items = {i.pk: i for i in poll_items_queryset(recusals=False).filter(pk__in=ids)}
    recusals = _recusal_lines(Recusal.objects.filter(poll_item__in=ids))
    for outcome in outcomes:
        item = items[outcome.poll_item.pk]
        outcome.poll_item, outcome.nominee = item, item.nominee
        outcome.recusals = recusals.get(item.pk, [])
        total = outcome.members_total
        outcome.percent_of_members = percent(outcome.votes_for, total)
        outcome.percent_against = percent(outcome.votes_against, total)
        outcome.percent_not_cast = percent(outcome.not_cast, total)


def meeting_outcome_page(
    meeting: Meeting,
    page_number,
    per_page: int,
    polls: list[Poll] | None = None,
    name_ties_up_to: int | None = None,
):
    """The meeting page's tally: every closed poll ranked from aggregates, full rows only for one page
    and for ties awaiting the chair. Returns (page of outcomes, pending ties). A fixed number of queries,
    and the work per request grows only with the small tuples of the ranking. `polls`: the meeting's polls
    when the caller has them already (polls_of). name_ties_up_to: only the tie groups of at most that many
    nominees get their names (a larger one is settled on its own page, pending_tie)."""
    from django.core.paginator import Paginator

    if polls is None:
        polls = list(Poll.objects.filter(meeting=meeting))
    polls = [p for p in polls if p.closed_at is not None]
    outcomes = _light_outcomes(polls, meeting.campaign_id) if polls else []
    page = Paginator(outcomes, per_page).get_page(page_number)
    ties = pending_ties(outcomes)
    hydrate_outcomes(page.object_list)
    shown = {id(o) for o in page.object_list}
    name_tied(
        [
            o
            for _kind, _nominee_kind, group in ties
            if name_ties_up_to is None or len(group) <= name_ties_up_to
            for o in group
            if id(o) not in shown
        ]
    )
    return page, ties


def _named(nominee_id: int, kind: str, names) -> Nominee:
    from organisation.models import Official, Unit

    official_id, gender, full_name, unit_id, unit_name = names
    return Nominee(
        pk=nominee_id,
        kind=kind,
        official=Official(pk=official_id, gender=gender, full_name=full_name) if official_id else None,
        unit=Unit(pk=unit_id, name=unit_name) if unit_id else None,
    )


def name_tied(outcomes: list[Outcome]) -> None:
    """Give light outcomes of a pending tie outside the page the nominee the tie-break form shows (its
    formal name), from the names _light_outcomes read with the ranking: no query and no full row per item
    (a city poll's tie at the quota boundary can hold thousands of nominees)."""
    for outcome in outcomes:
        light = outcome.nominee
        outcome.nominee = _named(light.pk, light.kind, light.names)


def tie_choice_labels(choices) -> list[tuple[int, str]]:
    """[(poll item id, formal name)] for some of pending_tie's choices (a page of them, the chosen ones)."""
    return [(pk, _named(*light).formal_name) for pk, light in choices]


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


def tie_places(group: list[Outcome]) -> int:
    """How many of a pending tie group the chair selects: the quota less those ranked above the tie (the
    tied share their competition rank, so rank - 1 nominees have more votes, all of them within the quota)."""
    return max((group[0].quota or 0) - (group[0].rank - 1), 0)


def tie_group(polls: list[Poll], campaign_id: int, award_kind: str, nominee_kind: str) -> list[Outcome]:
    """The light outcomes (_light_outcomes: keys, votes, ranks, quota and tie marks, the nominee's kind and
    light names) of the tie of (award kind, nominee kind) awaiting the chair among the given polls; [] when
    there is none. Four queries whatever the number of nominees, no model instance per nominee."""
    outcomes = _light_outcomes(polls, campaign_id) if polls else []
    return next((g for k, nk, g in pending_ties(outcomes) if k == award_kind and nk == nominee_kind), [])


def pending_tie(meeting: Meeting, award_kind: str, nominee_kind: str) -> dict | None:
    """One tie awaiting the chair, for its own page: {"tied", "places", "votes_for", "choices": [(poll item
    id, the nominee's light name tuple)]} in the ranking's order (tie_choice_labels names the ones a page
    shows), or None when that tie is not pending."""
    polls = list(Poll.objects.filter(meeting=meeting, closed_at__isnull=False))
    group = tie_group(polls, meeting.campaign_id, award_kind, nominee_kind)
    if not group:
        return None
    return {
        "tied": len(group),
        "places": tie_places(group),
        "votes_for": group[0].votes_for,
        "choices": [(o.poll_item.pk, (o.nominee.pk, o.nominee.kind, tuple(o.nominee.names))) for o in group],
    }


def pending_ties(outcomes: list[Outcome]) -> list[tuple[str, str, list[Outcome]]]:
    """Tie groups at a quota boundary the chair has not settled: [(award kind, nominee kind, outcomes)]."""
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.tie_flag and outcome.chair_selected is None:
            groups[(outcome.award_kind, outcome.nominee_kind)].append(outcome)
    return [(k[0], k[1], v) for k, v in groups.items()]
