"""Writes of the council's meeting and vote. One transition service per step (enums.MEETING_TRANSITIONS):
each locks the meeting row, refuses what the state or the user does not allow with a DomainError
(Vietnamese), writes the audit row, and leaves mail to notify(), which sends after commit.

Secret ballot: nothing here logs or audits a member together with a choice.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.permissions import require_actor
from campaigns.enums import NomineeKind
from campaigns.errors import DomainError, IllegalTransition
from campaigns.models import Campaign
from nominations.rules import conflicting_unit_id
from organisation.enums import Role
from organisation.models import Council, CouncilMembership, RoleAssignment, User
from organisation.selectors import users_with_role
from organisation.text import nfc

from .enums import (
    ACTION_LABELS,
    MEETING_TRANSITIONS,
    PAPER_CHANNELS,
    AttendanceStatus,
    Choice,
    VoteChannel,
)
from .models import (
    Attendance,
    Ballot,
    ChairChoice,
    CountingMember,
    Meeting,
    OpenBallot,
    PaperCount,
    PaperTally,
    Poll,
    PollItem,
    Recusal,
    VoterRecord,
)
from .selectors import (
    accepted_nominees,
    council_for,
    nominees_by_award_kind,
    pending_ties,
    poll_outcomes,
    quorum_of,
)
from .tally import choice_seal, record_verification, result_hash

OFFICE_ONLY = gettext_lazy("Chỉ Phòng Văn hóa - Xã hội mới thực hiện được thao tác này.")
ALREADY_VOTED = gettext_lazy("Bạn đã bỏ phiếu ở cuộc họp này; mỗi thành viên chỉ bỏ phiếu một lần.")


class AlreadyVoted(DomainError):
    """A second ballot of a member whose vote was already counted. ``voted_at``: when the first one was."""

    def __init__(self, message, voted_at=None):
        super().__init__(message)
        self.voted_at = voted_at


def already_voted_message(voted_at) -> str:
    """What a member who sends a ballot again reads: it was not counted, and when the counted one was."""
    if voted_at is None:
        return _("Phiếu này không được tính: anh/chị đã bỏ phiếu ở cuộc họp này.")
    return _("Phiếu này không được tính: anh/chị đã bỏ phiếu lúc %(when)s.") % {
        "when": timezone.localtime(voted_at).strftime("%H:%M %d/%m/%Y")
    }


def first_vote_time(meeting: Meeting, member: CouncilMembership):
    from .selectors import voted_at_of

    return voted_at_of(meeting, member)


class PaperTallyInvalid(DomainError):
    """The committee's numbers do not add up: ``problems`` is [(field name or None, message)]."""

    def __init__(self, problems):
        super().__init__(" ".join(str(m) for _f, m in problems))
        self.problems = problems


# ---- helpers -------------------------------------------------------------------------------------------------
def _lock(meeting: Meeting, action: str) -> Meeting:
    """Lock the meeting row and refuse an action its state does not allow (enums.MEETING_TRANSITIONS)."""
    locked = Meeting.objects.select_for_update().select_related("campaign", "council").get(pk=meeting.pk)
    allowed, _to = MEETING_TRANSITIONS[action]
    if locked.state not in allowed:
        raise IllegalTransition(
            _("Không thể %(action)s khi cuộc họp đang ở trạng thái “%(state)s”.")
            % {"action": ACTION_LABELS[action], "state": locked.get_state_display()}
        )
    return locked


def _move(locked: Meeting, action: str, actor, *, note: str = "", fields: tuple[str, ...] = ()) -> None:
    _allowed, to_state = MEETING_TRANSITIONS[action]
    from_state = locked.state
    if to_state:
        locked.state = to_state
        locked.save(update_fields=["state", *fields])
    elif fields:
        locked.save(update_fields=list(fields))
    audit_record(
        actor=actor, action=action, target=locked, from_state=from_state, to_state=locked.state, note=note
    )


def _member_users(council_id: int) -> list[User]:
    return list(
        User.objects.filter(official__council_memberships__council_id=council_id, is_active=True)
        .select_related("official")
        .distinct()
        .order_by("pk")
    )


# ---- scheduling and attendance ---------------------------------------------------------------------------------
def meeting_create(
    *,
    campaign: Campaign,
    actor,
    held_at: datetime,
    place: str,
    agenda: str = "",
    secret_ballot: bool = True,
    number: str = "",
    council: Council | None = None,
) -> Meeting:
    """Schedule a council meeting (office). Side effects: an attendance row per member (absent until the
    office records who came), the audit row, and a notification (in-app and mail) to every member."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    council = council or council_for(timezone.localtime(held_at).date())
    if council is None:
        raise DomainError(_("Chưa có Hội đồng Thi đua - Khen thưởng đương nhiệm vào ngày họp."))
    members = list(CouncilMembership.objects.filter(council=council).order_by("order", "pk"))
    if not members:
        raise DomainError(_("Hội đồng chưa có thành viên."))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            campaign=campaign,
            council=council,
            held_at=held_at,
            place=nfc(place),
            agenda=nfc(agenda),
            secret_ballot=secret_ballot,
            number=number,
            created_by=actor,
        )
        Attendance.objects.bulk_create([Attendance(meeting=meeting, member=m) for m in members])
        audit_record(actor=actor, action="meeting_create", target=meeting, to_state=meeting.state)
        from notifications.services import notify

        when = timezone.localtime(held_at)
        notify(
            recipients=_member_users(council.pk),
            subject=_("Mời họp Hội đồng Thi đua - Khen thưởng phường"),
            context={
                "message": _(
                    "Hội đồng Thi đua - Khen thưởng phường họp lúc %(time)s ngày %(date)s tại %(place)s để xét "
                    "khen thưởng “%(campaign)s”. Nội dung: %(agenda)s"
                )
                % {
                    "time": when.strftime("%H:%M"),
                    "date": when.strftime("%d/%m/%Y"),
                    "place": meeting.place,
                    "campaign": campaign.title,
                    "agenda": meeting.agenda or _("xét, bỏ phiếu đề nghị khen thưởng"),
                }
            },
            link=reverse("council:detail", args=[meeting.pk]),
            dedupe_key=f"council.meeting:{meeting.pk}:scheduled",
        )
    return meeting


def attendance_record(*, meeting: Meeting, actor, statuses: dict[int, str]) -> Meeting:
    """Record who is present, absent, or voting in writing ({membership id: status}). Draft or open meeting.
    Refused: voting in writing when settings.COUNCIL_ALLOW_WRITTEN_VOTES is off; marking absent a member who
    already voted. Side effects: audit row listing the changes."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    with transaction.atomic():
        locked = _lock(meeting, "attendance_record")
        rows = {
            a.member_id: a
            for a in Attendance.objects.filter(meeting=locked).select_related("member__official")
        }
        voted = set(VoterRecord.objects.filter(poll__meeting=locked).values_list("member_id", flat=True))
        committee = set(CountingMember.objects.filter(meeting=locked).values_list("member_id", flat=True))
        changes = []
        for member_id, status in statuses.items():
            row = rows.get(int(member_id))
            if row is None or status not in AttendanceStatus.values or row.status == status:
                continue
            if status == AttendanceStatus.WRITTEN and not settings.COUNCIL_ALLOW_WRITTEN_VOTES:
                raise DomainError(_("Quy chế hiện hành không cho phép biểu quyết bằng văn bản."))
            if status == AttendanceStatus.ABSENT and row.member_id in voted:
                raise DomainError(
                    _("%(name)s đã bỏ phiếu, không thể ghi vắng mặt.")
                    % {"name": row.member.official.full_name}
                )
            if status != AttendanceStatus.PRESENT and row.member_id in committee:
                raise DomainError(
                    _("%(name)s ở trong Ban kiểm phiếu: thành viên Ban kiểm phiếu phải có mặt.")
                    % {"name": row.member.official.full_name}
                )
            row.status = status
            row.recorded_by = actor
            row.save(update_fields=["status", "recorded_by"])
            changes.append(f"{row.member.official.full_name}: {row.get_status_display()}")
        if changes:
            _move(locked, "attendance_record", actor, note="; ".join(changes))
    return locked


# ---- opening the vote ------------------------------------------------------------------------------------------
def _recusal_reasons(council_id: int) -> tuple[dict[int, dict[int, str]], dict[int, int]]:
    """({official id: {headed unit id: unit name}}, {official id: membership id}) for the council's members."""
    heads: dict[int, dict[int, str]] = defaultdict(dict)
    for official_id, unit_id, unit_name in RoleAssignment.objects.filter(
        role=Role.UNIT_HEAD, user__official__council_memberships__council_id=council_id, user__is_active=True
    ).values_list("user__official_id", "unit_id", "unit__name"):
        heads[official_id][unit_id] = unit_name
    members = dict(CouncilMembership.objects.filter(council_id=council_id).values_list("official_id", "pk"))
    return heads, members


def recusal_reason(nominee, official_id: int, heads: dict[int, dict[int, str]]) -> str:
    """Why a member (by official) may not vote on a nominee, or "" when they may."""
    if nominee.kind == NomineeKind.INDIVIDUAL and nominee.official_id == official_id:
        return _("là người được đề nghị khen thưởng")
    headed = heads.get(official_id, {})
    unit_id = conflicting_unit_id(headed, nominee.dossier, nominee)
    if unit_id is not None:
        return _("đồng thời là Thủ trưởng %(unit)s") % {"unit": headed[unit_id]}
    return ""


def meeting_open(*, meeting: Meeting, actor) -> Meeting:
    """Draft → open (office): refused without quorum (members present ≥ COUNCIL_QUORUM × all members) or
    without accepted nominees. Creates one poll per award form with every accepted nominee, and the
    recusals. Side effects: audit row."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    with transaction.atomic():
        locked = _lock(meeting, "meeting_open")
        quorum = quorum_of(Attendance.objects.filter(meeting=locked))
        if not quorum.reached:
            raise DomainError(
                _(
                    "Chưa đủ số thành viên có mặt để biểu quyết: có mặt %(present)s/%(total)s thành viên, cần ít "
                    "nhất %(required)s (hai phần ba tổng số thành viên Hội đồng)."
                )
                % {"present": quorum.present, "total": quorum.members_total, "required": quorum.required}
            )
        groups = nominees_by_award_kind(locked.campaign)
        if not groups:
            raise DomainError(
                _("Chưa có tập thể, cá nhân nào được Phòng Văn hóa - Xã hội tiếp nhận để đưa ra Hội đồng.")
            )
        heads, members = _recusal_reasons(locked.council_id)
        now = timezone.now()
        recusals = []
        for award_kind, _label, nominees in groups:
            poll = Poll.objects.create(
                meeting=locked,
                award_kind=award_kind,
                secret=locked.secret_ballot,
                members_total=quorum.members_total,
                opened_at=now,
            )
            for order, nominee in enumerate(nominees, 1):
                item = PollItem.objects.create(poll=poll, nominee=nominee, order=order)
                for official_id, member_id in members.items():
                    reason = recusal_reason(nominee, official_id, heads)
                    if reason:
                        recusals.append(Recusal(poll_item=item, member_id=member_id, reason=reason))
        Recusal.objects.bulk_create(recusals)
        locked.opened_at = now
        _move(
            locked,
            "meeting_open",
            actor,
            note=_("Có mặt %(present)s/%(total)s thành viên.")
            % {"present": quorum.present, "total": quorum.members_total},
            fields=("opened_at",),
        )
    return locked


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


def _vote_cast(*, meeting: Meeting, member: CouncilMembership, choices: dict[int, str], actor) -> int:
    locked = _lock(meeting, "vote_cast")
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


# ---- paper ballots: the counting committee ---------------------------------------------------------------------
def committee_set(*, meeting: Meeting, actor, head_id: int, member_ids) -> list[CountingMember]:
    """The counting committee (ban kiểm phiếu) the meeting chose (office): one head and members, all of them
    present. Draft or open meeting, before any paper total is entered. Replaces the previous choice.
    Side effects: audit row with the names."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    ids = {int(pk) for pk in member_ids} | {int(head_id)}
    with transaction.atomic():
        locked = _lock(meeting, "committee_set")
        if PaperTally.objects.filter(poll__meeting=locked).exists():
            raise DomainError(
                _("Ban kiểm phiếu đã nhập kết quả phiếu giấy: không thay đổi thành phần Ban kiểm phiếu được.")
            )
        rows = {
            a.member_id: a
            for a in Attendance.objects.filter(meeting=locked, member_id__in=ids).select_related(
                "member__official"
            )
        }
        if set(rows) != ids:
            raise DomainError(_("Thành viên Ban kiểm phiếu phải là thành viên Hội đồng của cuộc họp."))
        absent = [a.member.official.full_name for a in rows.values() if a.status != AttendanceStatus.PRESENT]
        if absent:
            raise DomainError(
                _("Ban kiểm phiếu chọn trong số thành viên có mặt; chưa có mặt: %(names)s.")
                % {"names": ", ".join(absent)}
            )
        CountingMember.objects.filter(meeting=locked).delete()
        chosen = [
            CountingMember(meeting=locked, member_id=pk, head=pk == int(head_id))
            for pk in sorted(ids, key=lambda pk: (pk != int(head_id), rows[pk].member.order, pk))
        ]
        CountingMember.objects.bulk_create(chosen)
        names = ", ".join(
            rows[c.member_id].member.official.full_name + (f" ({_('trưởng ban')})" if c.head else "")
            for c in chosen
        )
        _move(locked, "committee_set", actor, note=f"{_('Ban kiểm phiếu')}: {names}")
    return chosen


def paper_voters_record(*, meeting: Meeting, actor, member_ids) -> int:
    """Mark members as having voted on paper (office): present members (paper ballot) or members voting in
    writing (their written vote is counted with the paper ballots). Only WHO voted is recorded (a
    VoterRecord per open poll, channel paper/written); what they chose reaches the database only as the
    counting committee's totals. Refused for an absent member, a member who already voted, and once the
    committee has entered a poll's totals. Returns how many members were marked. Side effects: audit row."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    ids = {int(pk) for pk in member_ids}
    if not ids:
        raise DomainError(_("Hãy chọn thành viên bỏ phiếu giấy."))
    with transaction.atomic():
        locked = _lock(meeting, "paper_voters_record")
        polls = list(Poll.objects.filter(meeting=locked, closed_at__isnull=True))
        if not polls:
            raise DomainError(_("Biểu quyết đã kết thúc: không nhận thêm phiếu."))
        if PaperTally.objects.filter(poll__in=polls).exists():
            raise DomainError(
                _(
                    "Ban kiểm phiếu đã nhập kết quả phiếu giấy: không ghi thêm người bỏ phiếu giấy được (số phiếu "
                    "phát ra đã chốt)."
                )
            )
        rows = list(
            Attendance.objects.filter(meeting=locked, member_id__in=ids).select_related("member__official")
        )
        if len(rows) != len(ids):
            raise DomainError(_("Người này không phải thành viên Hội đồng của cuộc họp."))
        voted = set(VoterRecord.objects.filter(poll__in=polls).values_list("member_id", flat=True))
        records, names = [], []
        for row in rows:
            name = row.member.official.full_name
            if row.status == AttendanceStatus.ABSENT:
                raise DomainError(_("%(name)s vắng mặt: không có phiếu biểu quyết.") % {"name": name})
            if row.status == AttendanceStatus.WRITTEN and not settings.COUNCIL_ALLOW_WRITTEN_VOTES:
                raise DomainError(_("Quy chế hiện hành không cho phép biểu quyết bằng văn bản."))
            if row.member_id in voted:
                raise DomainError(_("%(name)s đã bỏ phiếu.") % {"name": name})
            channel = VoteChannel.WRITTEN if row.status == AttendanceStatus.WRITTEN else VoteChannel.PAPER
            records += [
                VoterRecord(poll=poll, member=row.member, channel=channel, recorded_by=actor)
                for poll in polls
            ]
            names.append(name)
        VoterRecord.objects.bulk_create(records)
        _move(
            locked,
            "paper_voters_record",
            actor,
            note=_("Bỏ phiếu giấy: %(names)s.") % {"names": ", ".join(names)},
        )
    return len(rows)


def paper_issued(poll: Poll) -> int:
    """Paper ballots issued for a poll: members marked as voting on paper plus written votes of absent
    members (counted with the paper ballots)."""
    return VoterRecord.objects.filter(poll=poll, channel__in=PAPER_CHANNELS).count()


def paper_recusals(poll: Poll) -> dict[int, int]:
    """{item id: number of members voting on paper who may not vote on that nominee}."""
    paper_members = VoterRecord.objects.filter(poll=poll, channel__in=PAPER_CHANNELS).values("member_id")
    result: dict[int, int] = defaultdict(int)
    for item_id in Recusal.objects.filter(poll_item__poll=poll, member_id__in=paper_members).values_list(
        "poll_item_id", flat=True
    ):
        result[item_id] += 1
    return dict(result)


def paper_tally_problems(
    *,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    counts: dict,
    expected_issued: int,
    names: dict,
    recused: dict | None = None,
) -> list[tuple[str | None, str]]:
    """Every way the committee's numbers fail to add up, as (form field or None, Vietnamese message).
    counts: {item id: (agree, disagree)}; names: {item id: nominee name}; recused: {item id: how many of
    the paper voters may not vote on it} (their ballot leaves that row blank)."""
    recused = recused or {}
    problems: list[tuple[str | None, str]] = []
    if issued != expected_issued:
        problems.append(
            (
                "issued",
                _(
                    "Số phiếu phát ra (%(issued)s) phải bằng số thành viên được ghi nhận bỏ phiếu giấy hoặc "
                    "biểu quyết bằng văn bản (%(expected)s)."
                )
                % {"issued": issued, "expected": expected_issued},
            )
        )
    if returned > issued:
        problems.append(
            (
                "returned",
                _("Số phiếu thu về (%(returned)s) không được lớn hơn số phiếu phát ra (%(issued)s).")
                % {"returned": returned, "issued": issued},
            )
        )
    if valid + invalid != returned:
        problems.append(
            (
                "invalid",
                _(
                    "Số phiếu hợp lệ (%(valid)s) cộng số phiếu không hợp lệ (%(invalid)s) phải bằng số phiếu thu "
                    "về (%(returned)s)."
                )
                % {"valid": valid, "invalid": invalid, "returned": returned},
            )
        )
    for item_id, (agree, disagree) in counts.items():
        allowed = expected_issued - recused.get(item_id, 0)
        if recused.get(item_id) and agree + disagree > min(valid, allowed):
            problems.append(
                (
                    f"agree_{item_id}",
                    _(
                        "%(name)s: %(n)s thành viên bỏ phiếu giấy không tham gia biểu quyết đối với trường hợp này, "
                        "nên số phiếu đồng ý cộng không đồng ý không được lớn hơn %(max)s."
                    )
                    % {"name": names.get(item_id, ""), "n": recused[item_id], "max": min(valid, allowed)},
                )
            )
        elif agree + disagree > valid:
            problems.append(
                (
                    f"agree_{item_id}",
                    _(
                        "%(name)s: số phiếu đồng ý (%(agree)s) cộng không đồng ý (%(disagree)s) không được lớn "
                        "hơn số phiếu hợp lệ (%(valid)s)."
                    )
                    % {"name": names.get(item_id, ""), "agree": agree, "disagree": disagree, "valid": valid},
                )
            )
    return problems


def paper_tally_record(
    *,
    meeting: Meeting,
    poll: Poll,
    actor,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    counts: dict[int, tuple[int, int]],
) -> PaperTally:
    """The counting committee's count of a poll's paper ballots (a member of the committee, or the office
    typing it for them): ballots issued, returned, valid, invalid, and per nominee the totals “đồng ý” and
    “không đồng ý”. Checked: issued = members marked as voting on paper (+ written votes), returned ≤
    issued, valid + invalid = returned, each nominee's agree + disagree ≤ valid (PaperTallyInvalid lists
    every violation). May be corrected until the vote closes. Side effects: audit row with the totals."""
    require_actor(
        actor,
        "council.enter_paper_tally",
        meeting,
        message=_("Chỉ Ban kiểm phiếu (hoặc Phòng Văn hóa - Xã hội nhập thay) nhập kết quả phiếu giấy."),
    )
    with transaction.atomic():
        locked = _lock(meeting, "paper_tally_record")
        poll = Poll.objects.select_for_update().get(pk=poll.pk, meeting=locked)
        if poll.is_closed:
            raise DomainError(_("Biểu quyết đã kết thúc: không nhận thêm phiếu."))
        if not CountingMember.objects.filter(meeting=locked, head=True).exists():
            raise DomainError(_("Hội đồng chưa chọn Ban kiểm phiếu (trưởng ban và thành viên)."))
        items = {
            i.pk: i
            for i in PollItem.objects.filter(poll=poll).select_related("nominee__official", "nominee__unit")
        }
        clean = {int(k): (int(a or 0), int(d or 0)) for k, (a, d) in counts.items() if int(k) in items}
        for item_id in items:
            clean.setdefault(item_id, (0, 0))
        problems = paper_tally_problems(
            issued=issued,
            returned=returned,
            valid=valid,
            invalid=invalid,
            counts=clean,
            expected_issued=paper_issued(poll),
            names={pk: i.nominee.display_name for pk, i in items.items()},
            recused=paper_recusals(poll),
        )
        if problems:
            raise PaperTallyInvalid(problems)
        now = timezone.now()
        tally, _created = PaperTally.objects.update_or_create(
            poll=poll,
            defaults={
                "issued": issued,
                "returned": returned,
                "valid": valid,
                "invalid": invalid,
                "entered_by": actor,
                "entered_at": now,
            },
        )
        for item_id, (agree, disagree) in clean.items():
            PaperCount.objects.update_or_create(
                poll_item_id=item_id, defaults={"agree": agree, "disagree": disagree}
            )
        _move(
            locked,
            "paper_tally_record",
            actor,
            note=_(
                "%(poll)s: phát ra %(issued)s, thu về %(returned)s, hợp lệ %(valid)s, không hợp lệ %(invalid)s."
            )
            % {
                "poll": poll.get_award_kind_display(),
                "issued": issued,
                "returned": returned,
                "valid": valid,
                "invalid": invalid,
            },
        )
    return tally


# ---- closing ---------------------------------------------------------------------------------------------------
def _shuffle_ballots(poll: Poll) -> None:
    """Re-insert every ballot of the poll in random order with new random keys, so no physical order or
    transaction id of a ballot row follows the order in which members voted."""
    rows = list(Ballot.objects.filter(poll_item__poll=poll).values_list("poll_item_id", "choice"))
    Ballot.objects.filter(poll_item__poll=poll).delete()
    random.SystemRandom().shuffle(rows)
    Ballot.objects.bulk_create(
        [Ballot(id=uuid.uuid4(), poll_item_id=item, choice=choice) for item, choice in rows]
    )


def poll_close(*, meeting: Meeting, actor) -> Meeting:
    """Open → closed (office): ends the vote on every poll of the meeting. Each poll's ballots are shuffled,
    closed_at is set and the SHA-256 of its result stored; from then on the database refuses any change to
    the poll, its attendance and committee (council/dbguard.py). A closed meeting never reopens.
    Refused before the day the meeting is held, and while members marked as voting on paper wait for the
    counting committee's totals (or the totals' "issued" no longer matches them). The meeting's end time
    (minutes) is the closing time unless the office entered one. Side effects: audit row; a notification
    to the office and the chairman that the tally is ready."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    with transaction.atomic():
        locked = _lock(meeting, "poll_close")
        now = timezone.now()
        held_day = timezone.localtime(locked.held_at).date()
        if timezone.localdate(now) < held_day:
            raise DomainError(
                _("Cuộc họp được tổ chức ngày %(day)s: chưa thể kết thúc biểu quyết trước ngày họp.")
                % {"day": held_day.strftime("%d/%m/%Y")}
            )
        polls = list(Poll.objects.select_for_update().filter(meeting=locked, closed_at__isnull=True))
        tallies = {t.poll_id: t for t in PaperTally.objects.filter(poll__in=polls)}
        for poll in polls:
            expected = paper_issued(poll)
            tally = tallies.get(poll.pk)
            if expected and tally is None:
                raise DomainError(
                    _(
                        "%(n)s thành viên bỏ phiếu giấy (%(poll)s): Ban kiểm phiếu chưa nhập kết quả kiểm phiếu giấy."
                    )
                    % {"n": expected, "poll": poll.get_award_kind_display()}
                )
            if tally is not None and tally.issued != expected:
                raise DomainError(
                    _(
                        "Số phiếu giấy phát ra Ban kiểm phiếu đã nhập (%(issued)s) khác số thành viên bỏ phiếu giấy "
                        "(%(expected)s) (%(poll)s): Ban kiểm phiếu cần nhập lại."
                    )
                    % {"issued": tally.issued, "expected": expected, "poll": poll.get_award_kind_display()}
                )
        for poll in polls:
            _shuffle_ballots(poll)
            poll.closed_at = now
            poll.result_hash = result_hash(poll)
            Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
                closed_at=now, result_hash=poll.result_hash
            )
            record_verification(poll)  # the page shows this answer; verify_polls checks again
        locked.closed_at = now
        fields = ("closed_at",)
        if locked.ended_at is None:
            locked.ended_at = now
            fields = ("closed_at", "ended_at")
        voters = VoterRecord.objects.filter(poll__meeting=locked).values("member").distinct().count()
        _move(
            locked,
            "poll_close",
            actor,
            note=_("%(n)s thành viên đã bỏ phiếu.") % {"n": voters},
            fields=fields,
        )
        from notifications.services import notify

        recipients = users_with_role(Role.OFFICE, Role.CHAIRMAN)
        notify(
            recipients=recipients,
            subject=_("Đã có kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng"),
            context={
                "message": _(
                    "Hội đồng đã kết thúc biểu quyết “%(campaign)s”. Xem kết quả kiểm phiếu và xếp hạng."
                )
                % {"campaign": locked.campaign.title}
            },
            link=reverse("council:detail", args=[locked.pk]),
            dedupe_key=f"council.meeting:{locked.pk}:closed",
            email=False,
        )
    return locked


# ---- the chair's choice on a tie -------------------------------------------------------------------------------
def chair_tie_break(
    *, meeting: Meeting, actor, award_kind: str, nominee_kind: str, selected_item_ids, note: str
) -> list[ChairChoice]:
    """Record the chair's choice among nominees tied at the quota boundary (office or chairman): exactly as
    many as the free places are selected, with the chair's note. Final once recorded. Side effects: audit."""
    require_actor(
        actor,
        "council.break_tie",
        meeting,
        message=_("Chỉ Chủ tịch Hội đồng hoặc Phòng Văn hóa - Xã hội ghi nhận được lựa chọn này."),
    )
    note = nfc(note or "").strip()
    if not note:
        raise DomainError(_("Hãy ghi ý kiến, lý do lựa chọn của Chủ tịch Hội đồng."))
    selected = {int(pk) for pk in selected_item_ids}
    with transaction.atomic():
        locked = _lock(meeting, "chair_tie_break")
        outcomes = poll_outcomes(list(Poll.objects.filter(meeting=locked)), locked.campaign_id)
        group = next(
            (g for k, nk, g in pending_ties(outcomes) if k == award_kind and nk == nominee_kind), None
        )
        if not group:
            raise DomainError(_("Không có trường hợp bằng phiếu nào đang chờ Chủ tịch Hội đồng lựa chọn."))
        above = sum(
            1
            for o in outcomes
            if o.award_kind == award_kind and o.nominee_kind == nominee_kind and o.within_quota
        )
        slots = (group[0].quota or 0) - above
        ids = {o.poll_item.pk for o in group}
        if not selected <= ids or len(selected) != slots:
            raise DomainError(
                _("Hãy chọn đúng %(slots)s trong số %(tied)s tập thể, cá nhân bằng phiếu.")
                % {"slots": slots, "tied": len(group)}
            )
        now = timezone.now()
        hashes = dict(Poll.objects.filter(meeting=locked).values_list("pk", "result_hash"))
        choices = [
            ChairChoice(
                poll_item=o.poll_item,
                selected=o.poll_item.pk in selected,
                note=note,
                decided_by=actor,
                decided_at=now,
                seal=choice_seal(
                    hashes[o.poll_item.poll_id], o.poll_item.pk, o.poll_item.pk in selected, note, now
                ),
            )
            for o in group
        ]
        ChairChoice.objects.bulk_create(choices)
        for poll_id in {o.poll_item.poll_id for o in group}:
            record_verification(Poll(pk=poll_id))  # the new seals are part of what the page reports
        names = ", ".join(o.nominee.display_name for o in group if o.poll_item.pk in selected)
        _move(locked, "chair_tie_break", actor, note=f"{_('Chọn')}: {names}. {note}")
    return choices


def end_time_set(*, meeting: Meeting, actor, ended_at: datetime) -> Meeting:
    """The time the meeting ended, for the minutes (office), when it was not the closing of the vote.
    Refused before the vote closed or before the meeting began. Side effects: audit row."""
    require_actor(actor, "council.manage_meeting", message=str(OFFICE_ONLY))
    with transaction.atomic():
        locked = _lock(meeting, "end_time_set")
        if ended_at < locked.held_at or (locked.closed_at and ended_at < locked.closed_at):
            raise DomainError(
                _("Giờ kết thúc cuộc họp phải sau giờ bắt đầu và sau khi kết thúc biểu quyết (%(closed)s).")
                % {"closed": timezone.localtime(locked.closed_at).strftime("%H:%M %d/%m/%Y")}
            )
        locked.ended_at = ended_at
        _move(
            locked,
            "end_time_set",
            actor,
            note=timezone.localtime(ended_at).strftime("%H:%M %d/%m/%Y"),
            fields=("ended_at",),
        )
    return locked


def accepted_count(campaign: Campaign) -> int:
    return accepted_nominees(campaign).count()
