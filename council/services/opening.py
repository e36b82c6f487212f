"""Opening the vote: quorum, one poll per award form, and who may not vote on whom (recusals)."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from campaigns.enums import NomineeKind
from nominations.rules import conflicting_unit_id
from organisation.enums import Role
from organisation.models import CouncilMembership, RoleAssignment

from ..models import Attendance, Meeting, Poll, PollItem, Recusal
from ..selectors import nominees_by_award_kind, quorum_of
from .base import lock_meeting, record_move, require_who


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
    require_who(actor, "meeting_open", meeting)
    with transaction.atomic():
        locked = lock_meeting(meeting, "meeting_open")
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
        record_move(
            locked,
            "meeting_open",
            actor,
            note=_("Có mặt %(present)s/%(total)s thành viên.")
            % {"present": quorum.present, "total": quorum.members_total},
            fields=("opened_at",),
        )
    return locked
