"""Scheduling a meeting, recording who attends, and the end time for the minutes (office)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import require_actor
from campaigns.models import Campaign
from organisation.models import Council, CouncilMembership
from organisation.text import nfc

from ..enums import AttendanceStatus
from ..models import Attendance, CountingMember, Meeting, VoterRecord
from ..selectors import council_for
from .base import OFFICE_ONLY, lock_meeting, member_users, record_move, require_who


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
            recipients=member_users(council.pk),
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
    require_who(actor, "attendance_record", meeting)
    with transaction.atomic():
        locked = lock_meeting(meeting, "attendance_record")
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
            record_move(locked, "attendance_record", actor, note="; ".join(changes))
    return locked


def end_time_set(*, meeting: Meeting, actor, ended_at: datetime) -> Meeting:
    """The time the meeting ended, for the minutes (office), when it was not the closing of the vote.
    Refused before the vote closed or before the meeting began. Side effects: audit row."""
    require_who(actor, "end_time_set", meeting)
    with transaction.atomic():
        locked = lock_meeting(meeting, "end_time_set")
        if ended_at < locked.held_at or (locked.closed_at and ended_at < locked.closed_at):
            raise DomainError(
                _("Giờ kết thúc cuộc họp phải sau giờ bắt đầu và sau khi kết thúc biểu quyết (%(closed)s).")
                % {"closed": timezone.localtime(locked.closed_at).strftime("%H:%M %d/%m/%Y")}
            )
        locked.ended_at = ended_at
        record_move(
            locked,
            "end_time_set",
            actor,
            note=timezone.localtime(ended_at).strftime("%H:%M %d/%m/%Y"),
            fields=("ended_at",),
        )
    return locked


def document_job_request(*, meeting: Meeting, actor, kind: str, version: str):
    """A large meeting's minutes, vote-count report or tally workbook (council.jobs kinds) made in a Celery
    worker: one job per meeting version (selectors.document_version), whoever asks; a finished one is given
    again until the meeting's record changes. Side effects: at most one FileJob and its task after commit."""
    from anhai_thidua.core.jobs import job_request

    require_actor(actor, "council.download_documents", meeting)
    return job_request(
        kind=kind,
        owner=actor,
        params={"meeting_id": meeting.pk, "version": version},
        per_owner=False,
        reuse_done=True,
    )
