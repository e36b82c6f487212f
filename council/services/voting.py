"""A member's own vote in the app: one voter record per poll and the anonymous ballots.

Secret ballot: nothing here logs or audits a member together with a choice."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from organisation.models import CouncilMembership

from ..enums import AttendanceStatus, Choice, VoteChannel
from ..models import Attendance, Ballot, Meeting, OpenBallot, Poll, PollItem, Recusal, VoterRecord
from .base import ALREADY_VOTED, AlreadyVoted, first_vote_time, lock_meeting


# ---- voting ----------------------------------------------------------------------------------------------------
def vote_cast(*, meeting: Meeting, member: CouncilMembership, choices: dict[int, str], actor) -> int:
    """One member's vote on every nominee of the meeting's open polls ({poll item id: "agree"|"disagree"}).

    Only the member votes here, in the app (present, or voting in writing). A member who votes on paper is
    only marked as having voted (paper_voters_record); the counting committee enters the paper totals
    (paper_tally_record): no record links a paper ballot to a member. Every item the member may vote on
    needs a choice; items they are recused from are ignored. For each poll: one VoterRecord (unique per poll
    and member) and the ballots, in one transaction, so a second submission makes no second set of ballots
    and raises AlreadyVoted (with the time of the counted vote). Returns the number of ballots written.
    Side effects: audit row naming the voter only.
    """
    try:
        with transaction.atomic():
            return _vote_cast(meeting=meeting, member=member, choices=choices, actor=actor)
    except IntegrityError as exc:
        if VoterRecord.objects.filter(poll__meeting=meeting, member=member).exists():
            raise AlreadyVoted(str(ALREADY_VOTED), first_vote_time(meeting, member)) from None
        if Poll.objects.filter(meeting=meeting, closed_at__isnull=False).exists():
            raise DomainError(_("Biểu quyết đã kết thúc: không nhận thêm phiếu.")) from None
        raise exc


def _has_voted(polls, member) -> bool:
    """The friendly early refusal; the unique VoterRecord constraint is what guarantees one vote."""
    return VoterRecord.objects.filter(poll__in=polls, member=member).exists()


def _choices_per_poll(polls, member, choices: dict) -> dict[int, list[tuple[PollItem, str]]]:
    """{poll id: [(item, choice)]} for every item the member may vote on; refuses a missing choice."""
    items = list(PollItem.objects.filter(poll__in=polls).select_related("nominee__official", "nominee__unit"))
    recused = set(
        Recusal.objects.filter(poll_item__in=items, member=member).values_list("poll_item_id", flat=True)
    )
    missing = []
    per_poll: dict[int, list[tuple[PollItem, str]]] = defaultdict(list)
    for item in items:
        if item.pk in recused:
            continue
        choice = choices.get(item.pk) or choices.get(str(item.pk))
        if choice not in Choice.values:
            missing.append(item.nominee.display_name)
            continue
        per_poll[item.poll_id].append((item, choice))
    if missing:
        raise DomainError(
            _("Hãy chọn “Đồng ý” hoặc “Không đồng ý” cho: %(names)s.") % {"names": ", ".join(missing)}
        )
    return per_poll


def _vote_cast(*, meeting: Meeting, member: CouncilMembership, choices: dict[int, str], actor) -> int:
    locked = lock_meeting(meeting, "vote_cast")
    if member.council_id != locked.council_id:
        raise DomainError(_("Người này không phải thành viên Hội đồng của cuộc họp."))
    attendance = Attendance.objects.get(meeting=locked, member=member)
    own = bool(
        actor and actor.is_authenticated and actor.official_id and actor.official_id == member.official_id
    )
    if attendance.status == AttendanceStatus.ABSENT:
        raise DomainError(
            _("Thành viên vắng mặt không biểu quyết (chưa được ghi nhận biểu quyết bằng văn bản).")
        )
    if attendance.status == AttendanceStatus.WRITTEN and not settings.COUNCIL_ALLOW_WRITTEN_VOTES:
        raise DomainError(_("Quy chế hiện hành không cho phép biểu quyết bằng văn bản."))
    if not own:
        raise DomainError(
            _(
                "Chỉ thành viên Hội đồng tự bỏ phiếu của mình. Phiếu giấy do Ban kiểm phiếu kiểm và nhập tổng "
                "số, không nhập theo tên thành viên."
            )
        )
    channel = VoteChannel.APP
    polls = list(Poll.objects.filter(meeting=locked, closed_at__isnull=True))
    if not polls:
        raise DomainError(_("Biểu quyết đã kết thúc: không nhận thêm phiếu."))
    if _has_voted(polls, member):
        raise AlreadyVoted(str(ALREADY_VOTED), first_vote_time(locked, member))
    per_poll = _choices_per_poll(polls, member, choices)
    written = 0
    for poll in polls:
        # The voter record first: a concurrent second vote fails here, before any ballot of its own.
        VoterRecord.objects.create(poll=poll, member=member, channel=channel, recorded_by=actor)
        rows = per_poll.get(poll.pk, [])
        random.SystemRandom().shuffle(rows)
        Ballot.objects.bulk_create(
            [Ballot(id=uuid.uuid4(), poll_item=item, choice=choice) for item, choice in rows]
        )
        if not poll.secret:
            OpenBallot.objects.bulk_create(
                [OpenBallot(poll_item=item, member=member, choice=choice) for item, choice in rows]
            )
        written += len(rows)
    # The audit row names who voted (as the voter records do), never what they chose.
    audit_record(
        actor=actor,
        action="vote_cast",
        target=locked,
        from_state=locked.state,
        to_state=locked.state,
        note=_("%(name)s đã bỏ phiếu (%(channel)s).")
        % {"name": member.official.full_name, "channel": VoteChannel(channel).label},
    )
    return written
