"""Counting a poll, ranking within the quota, and the SHA-256 that seals a closed poll's result.

Pure functions over rows already read, plus the few queries that read them; no writes.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import UTC
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import Count

from .enums import Choice
from .models import (
    Attendance,
    Ballot,
    ChairChoice,
    CountingMember,
    OpenBallot,
    PaperCount,
    PaperTally,
    Poll,
    VoterRecord,
)


def setting_fraction(value) -> Fraction:
    """A share setting ("0.6667", "0.5") as the fraction it stands for (2/3, 1/2): denominators up to 100,
    so that 0.6667 of 9 members is 6, not 6.0003 rounded up to 7."""
    return Fraction(str(value)).limit_denominator(100)


def quorum_required(members_total: int) -> int:
    """Members who must be present for voting to open (settings.COUNCIL_QUORUM of all members)."""
    share = setting_fraction(settings.COUNCIL_QUORUM)
    needed = share * members_total
    return int(needed) if needed.denominator == 1 else int(needed) + 1


def is_approved(votes_for: int, members_total: int) -> bool:
    """Strictly more than settings.COUNCIL_THRESHOLD of ALL members (not of those present)."""
    return (
        members_total > 0
        and Fraction(votes_for) > setting_fraction(settings.COUNCIL_THRESHOLD) * members_total
    )


def votes_needed(members_total: int) -> int:
    """The smallest number of votes for that is approved."""
    share = setting_fraction(settings.COUNCIL_THRESHOLD) * members_total
    return int(share) + 1


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def counts_for_items(item_ids, *, paper: bool = True) -> dict[int, dict[str, int]]:
    """{item id: {"agree": n, "disagree": m}}: the ballots cast in the app plus the counting committee's
    paper totals (PaperCount), in two aggregate queries. ``paper=False``: the app's ballots only."""
    item_ids = list(item_ids)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {Choice.AGREE: 0, Choice.DISAGREE: 0})
    rows = (
        Ballot.objects.filter(poll_item_id__in=item_ids)
        .values_list("poll_item_id", "choice")
        .annotate(n=Count("*"))  # COUNT(*): the (item, choice) index answers alone
        .order_by()
    )
    for item_id, choice, n in rows:
        counts[item_id][choice] = n
    if paper:
        for item_id, agree, disagree in PaperCount.objects.filter(poll_item_id__in=item_ids).values_list(
            "poll_item_id", "agree", "disagree"
        ):
            counts[item_id][Choice.AGREE] += agree
            counts[item_id][Choice.DISAGREE] += disagree
    return counts


def ballot_counts_for_polls(poll_ids) -> dict[int, dict[str, int]]:
    """{item id: {"agree": n, "disagree": m}}: the app's ballots of every item of the given polls, in one
    aggregate joined on the poll (no list of item ids in the query: a city poll has thousands of items)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {Choice.AGREE: 0, Choice.DISAGREE: 0})
    rows = (
        Ballot.objects.filter(poll_item__poll_id__in=list(poll_ids))
        .values_list("poll_item_id", "choice")
        .annotate(n=Count("*"))
        .order_by()
    )
    for item_id, choice, n in rows:
        counts[item_id][choice] = n
    return counts


def paper_counts_for_items(item_ids) -> dict[int, tuple[int, int]]:
    """{item id: (paper agree, paper disagree)} as the counting committee entered them."""
    return {
        item_id: (agree, disagree)
        for item_id, agree, disagree in PaperCount.objects.filter(
            poll_item_id__in=list(item_ids)
        ).values_list("poll_item_id", "agree", "disagree")
    }


def _closed_at_text(poll: Poll) -> str:
    return poll.closed_at.astimezone(UTC).isoformat(timespec="microseconds") if poll.closed_at else ""


def result_payload(poll: Poll) -> str:
    """The canonical text of a poll's result: per item the votes for and against, who voted, the open
    ballots' names (open polls only), and the closing time. Read fresh from the database.

    Version 2 (every poll closed since migration 0003) also covers the meeting's attendance, the counting
    committee, how each voter voted (app, paper, written), the paper tally and the paper totals per item;
    version 1 is the payload polls closed before were sealed with (poll.hash_version)."""
    items = list(poll.items.order_by("pk").values_list("pk", "nominee_id"))
    counts = counts_for_items(pk for pk, _n in items)
    voters = sorted(VoterRecord.objects.filter(poll=poll).values_list("member_id", flat=True))
    if poll.hash_version >= 2:
        return _payload_v2(poll, items, counts)
    open_rows = sorted(
        OpenBallot.objects.filter(poll_item__poll=poll).values_list("poll_item_id", "member_id", "choice")
    )
    payload = {
        "poll": poll.pk,
        "award_kind": poll.award_kind,
        "secret": poll.secret,
        "members_total": poll.members_total,
        "closed_at": _closed_at_text(poll),
        "items": [
            [pk, nominee, counts[pk][Choice.AGREE], counts[pk][Choice.DISAGREE]] for pk, nominee in items
        ],
        "voters": voters,
        "open_ballots": [list(row) for row in open_rows],
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _payload_v2(poll: Poll, items, counts) -> str:
    item_ids = [pk for pk, _n in items]
    paper = paper_counts_for_items(item_ids)
    tally = PaperTally.objects.filter(poll=poll).values_list("issued", "returned", "valid", "invalid").first()
    payload = {
        "version": 2,
        "poll": poll.pk,
        "meeting": poll.meeting_id,
        "award_kind": poll.award_kind,
        "secret": poll.secret,
        "members_total": poll.members_total,
        "closed_at": _closed_at_text(poll),
        "items": [
            [pk, nominee, counts[pk][Choice.AGREE], counts[pk][Choice.DISAGREE], *paper.get(pk, (0, 0))]
            for pk, nominee in items
        ],
        "voters": sorted(VoterRecord.objects.filter(poll=poll).values_list("member_id", "channel")),
        "open_ballots": sorted(
            OpenBallot.objects.filter(poll_item__poll=poll).values_list("poll_item_id", "member_id", "choice")
        ),
        "attendance": sorted(
            Attendance.objects.filter(meeting_id=poll.meeting_id).values_list("member_id", "status")
        ),
        "committee": sorted(
            CountingMember.objects.filter(meeting_id=poll.meeting_id).values_list("member_id", "head")
        ),
        "paper_tally": list(tally) if tally else None,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=list)


def result_hash(poll: Poll) -> str:
    return hashlib.sha256(result_payload(poll).encode()).hexdigest()


def choice_seal(poll_hash: str, poll_item_id: int, selected: bool, note: str, decided_at) -> str:
    """The seal of the chair's choice on a tied nominee, chained onto the closed poll's result hash."""
    text = json.dumps(
        [
            poll_hash,
            poll_item_id,
            bool(selected),
            note,
            decided_at.astimezone(UTC).isoformat(timespec="microseconds"),
        ],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode()).hexdigest()


def poll_verify(poll: Poll) -> bool:
    """True when the closed poll's ballots, voters, attendance, paper totals and closing time still give the
    stored SHA-256, and every choice of the chair on a tie still matches its seal.

    False for a poll that is not closed (nothing sealed yet) or whose rows were changed behind the
    application's back (e.g. with the database triggers dropped)."""
    poll = Poll.objects.get(pk=poll.pk)
    if poll.closed_at is None or not poll.result_hash:
        return False
    if result_hash(poll) != poll.result_hash:
        return False
    for item_id, selected, note, decided_at, seal in ChairChoice.objects.filter(
        poll_item__poll=poll
    ).values_list("poll_item_id", "selected", "note", "decided_at", "seal"):
        if (
            poll.hash_version >= 2
            and choice_seal(poll.result_hash, item_id, selected, note, decided_at) != seal
        ):
            return False
    return True


def record_verification(poll: Poll) -> bool:
    """poll_verify, and its answer stored for the meeting page (PollVerification)."""
    from django.utils import timezone

    from .models import PollVerification

    ok = poll_verify(poll)
    PollVerification.objects.update_or_create(
        poll_id=poll.pk, defaults={"ok": ok, "checked_at": timezone.now()}
    )
    return ok
