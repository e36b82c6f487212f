"""What every council service shares: the refusals, locking the meeting row against
enums.MEETING_TRANSITIONS, and the audit row of a move."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anhai_thidua.core import versions
from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError, IllegalTransition
from anhai_thidua.core.permissions import require_actor
from organisation.models import CouncilMembership, User

from .. import scopes
from ..enums import ACTION_LABELS, MEETING_TRANSITIONS, Actor
from ..models import Meeting

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
    from ..selectors import voted_at_of

    return voted_at_of(meeting, member)


class PaperTallyInvalid(DomainError):
    """The committee's numbers do not add up: ``problems`` is [(field name or None, message)]."""

    def __init__(self, problems):
        super().__init__(" ".join(str(m) for _f, m in problems))
        self.problems = problems


# Who may take an action (enums.MEETING_TRANSITIONS[action][0]): the permission (council/rules.py) and the
# refusal. A member's own vote is checked by vote_cast itself (the member, not a permission).
PERMISSIONS = {
    Actor.OFFICE: ("council.manage_meeting", OFFICE_ONLY),
    Actor.COUNTER: (
        "council.enter_paper_tally",
        gettext_lazy("Chỉ Ban kiểm phiếu (hoặc Phòng Văn hóa - Xã hội nhập thay) nhập kết quả phiếu giấy."),
    ),
    Actor.CHAIR: (
        "council.break_tie",
        gettext_lazy("Chỉ Chủ tịch Hội đồng hoặc Phòng Văn hóa - Xã hội ghi nhận được lựa chọn này."),
    ),
}


def require_who(actor, action: str, meeting: Meeting) -> None:
    """Refuse (DomainError) an actor who is not who the transition table names for the action."""
    perm, message = PERMISSIONS[MEETING_TRANSITIONS[action][0]]
    require_actor(actor, perm, meeting, message=str(message))


def lock_meeting(meeting: Meeting, action: str) -> Meeting:
    """Lock the meeting row and refuse an action its state does not allow (enums.MEETING_TRANSITIONS).

    Every service that writes a meeting's rows starts here, so the meeting's cached parts are made stale here
    (council/scopes.py): now and again when the transaction commits, which covers its bulk writes too
    (bulk_create, queryset update and delete send no signal)."""
    locked = Meeting.objects.select_for_update().select_related("campaign", "council").get(pk=meeting.pk)
    versions.bump(scopes.meeting(locked.pk))
    if locked.state not in MEETING_TRANSITIONS[action][1]:
        raise IllegalTransition(
            _("Không thể %(action)s khi cuộc họp đang ở trạng thái “%(state)s”.")
            % {"action": ACTION_LABELS[action], "state": locked.get_state_display()}
        )
    return locked


def record_move(locked: Meeting, action: str, actor, *, note: str = "", fields: tuple[str, ...] = ()) -> None:
    """Save the state the table gives the action (and `fields`), and write the audit row."""
    from_state = locked.state
    to_state = MEETING_TRANSITIONS[action][1][from_state]
    if to_state != from_state:
        locked.state = to_state
        locked.save(update_fields=["state", *fields])
    elif fields:
        locked.save(update_fields=list(fields))
    audit_record(
        actor=actor, action=action, target=locked, from_state=from_state, to_state=locked.state, note=note
    )


def member_users(council_id: int) -> list[User]:
    return list(
        User.objects.filter(official__council_memberships__council_id=council_id, is_active=True)
        .select_related("official")
        .distinct()
        .order_by("pk")
    )
