"""The council in office, a user's membership, and the quorum of a meeting's attendance."""

from __future__ import annotations

from dataclasses import dataclass

from organisation.models import Council, CouncilMembership

from ..enums import AttendanceStatus
from ..tally import quorum_required


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


def meeting_membership(user, meeting) -> CouncilMembership | None:
    """The user's membership of the meeting's council (its official loaded), or None. Asked more than once
    per page (the permission to view, to vote, the ballot itself): answered once per meeting object."""
    if not (user and user.is_authenticated and user.official_id) or meeting is None:
        return None
    answers = meeting.__dict__.setdefault("_membership_of", {})
    if user.official_id not in answers:
        answers[user.official_id] = membership_of(user, meeting.council_id)
    return answers[user.official_id]


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
