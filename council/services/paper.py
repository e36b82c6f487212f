"""Paper ballots: the counting committee (ban kiểm phiếu), who voted on paper, and the committee's totals."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError

from ..enums import PAPER_CHANNELS, AttendanceStatus, VoteChannel
from ..models import (
    Attendance,
    CountingMember,
    Meeting,
    PaperCount,
    PaperTally,
    Poll,
    PollItem,
    Recusal,
    VoterRecord,
)
from .base import PaperTallyInvalid, lock_meeting, record_move, require_who


# ---- paper ballots: the counting committee ---------------------------------------------------------------------
def committee_set(*, meeting: Meeting, actor, head_id: int, member_ids) -> list[CountingMember]:
    """The counting committee (ban kiểm phiếu) the meeting chose (office): one head and members, all of them
    present. Draft or open meeting, before any paper total is entered. Replaces the previous choice.
    Side effects: audit row with the names."""
    require_who(actor, "committee_set", meeting)
    ids = {int(pk) for pk in member_ids} | {int(head_id)}
    with transaction.atomic():
        locked = lock_meeting(meeting, "committee_set")
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
        record_move(locked, "committee_set", actor, note=f"{_('Ban kiểm phiếu')}: {names}")
    return chosen


def paper_voters_record(*, meeting: Meeting, actor, member_ids) -> int:
    """Mark members as having voted on paper (office): present members (paper ballot) or members voting in
    writing (their written vote is counted with the paper ballots). Only WHO voted is recorded (a
    VoterRecord per open poll, channel paper/written); what they chose reaches the database only as the
    counting committee's totals. Refused for an absent member, a member who already voted, and once the
    committee has entered a poll's totals. Returns how many members were marked. Side effects: audit row."""
    require_who(actor, "paper_voters_record", meeting)
    ids = {int(pk) for pk in member_ids}
    if not ids:
        raise DomainError(_("Hãy chọn thành viên bỏ phiếu giấy."))
    with transaction.atomic():
        locked = lock_meeting(meeting, "paper_voters_record")
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
        record_move(
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


def _nominee_count_problems(counts: dict, *, valid: int, paper_voters: int, names: dict, recused: dict):
    """Per nominee: agree + disagree may not exceed the valid ballots, nor the paper voters allowed to vote
    on that nominee (the recused leave the row blank)."""
    problems: list[tuple[str | None, str]] = []
    for item_id, (agree, disagree) in counts.items():
        allowed = paper_voters - recused.get(item_id, 0)
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
    problems += _nominee_count_problems(
        counts, valid=valid, paper_voters=expected_issued, names=names, recused=recused
    )
    return problems


def _tally_save(poll: Poll, actor, clean: dict, *, issued: int, returned: int, valid: int, invalid: int):
    """Write (or correct) the poll's totals and each nominee's count."""
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
    return tally


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
    require_who(actor, "paper_tally_record", meeting)
    with transaction.atomic():
        locked = lock_meeting(meeting, "paper_tally_record")
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
        tally = _tally_save(
            poll, actor, clean, issued=issued, returned=returned, valid=valid, invalid=invalid
        )
        record_move(
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
