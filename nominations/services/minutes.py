"""The unit council's minutes with its votes, and the cover letter's (tờ trình) number and date."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record

from ..errors import DomainError, FieldError
from ..models import Dossier, MinutesVote, UnitMinutes
from ..selectors import letter_date_problem, minutes_date_problem
from .common import bump, clean_text, lock_editable

MINUTES_FIELDS = (
    "meeting_date",
    "start_time",
    "end_time",
    "meeting_place",
    "chair_name",
    "secretary_name",
    "members_total",
    "members_present",
    "content",
)


def dossier_letter_save(*, dossier: Dossier, actor, number: str, letter_date: date | None) -> Dossier:
    """The unit head records the tờ trình's number and date (blank date: the submission day is printed).

    Refused (FieldError) for a number that is not digits and for a date after today, since the dossier cannot
    be submitted before today (dossier_submit checks it again). Side effects: audit row on the dossier."""
    number = (number or "").strip()
    if number and not number.isdigit():
        raise FieldError(_("Số tờ trình chỉ gồm chữ số, ví dụ 05."), field="number")
    problem = letter_date_problem(letter_date, timezone.localdate())
    if problem:
        raise FieldError(problem, field="letter_date")
    with transaction.atomic():
        locked = lock_editable(dossier, actor)
        locked.letter_number, locked.letter_date = number, letter_date
        bump(locked, "letter_number", "letter_date")
        audit_record(
            actor=actor,
            action="letter_save",
            target=locked,
            note=f"{number or '…'}/{letter_date:%d/%m/%Y}" if letter_date else (number or ""),
        )
    return locked


def minutes_save(*, dossier: Dossier, actor, fields: dict, votes: dict[int, tuple[int, int]]) -> UnitMinutes:
    """Save the unit council's minutes and its vote on each nominee ({nominee id: (agree, total)}).

    Side effects: audit row on the dossier.
    """
    unknown = set(fields) - set(MINUTES_FIELDS)
    if unknown:
        raise ValueError(f"unknown minutes fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = lock_editable(dossier, actor)
        values = {k: clean_text(v) for k, v in fields.items()}
        problem = minutes_date_problem(values.get("meeting_date"), timezone.localdate())
        if problem:
            raise FieldError(problem, field="meeting_date")
        start, end = values.get("start_time"), values.get("end_time")
        if start is not None and end is not None and end <= start:
            raise FieldError(
                _("Giờ kết thúc cuộc họp (%(end)s) phải sau giờ bắt đầu (%(start)s).")
                % {"end": end.strftime("%H:%M"), "start": start.strftime("%H:%M")},
                field="end_time",
            )
        present, total = values.get("members_present"), values.get("members_total")
        if present is None or total is None or present > total:
            raise DomainError(_("Số thành viên có mặt không thể lớn hơn tổng số thành viên."))
        nominee_ids = set(locked.nominees.values_list("pk", flat=True))
        for nominee_id, (agree, cast) in votes.items():
            if nominee_id not in nominee_ids:
                raise DomainError(_("Kết quả biểu quyết ghi cho người không có trong hồ sơ."))
            if agree > cast:
                raise DomainError(_("Số phiếu đồng ý không thể lớn hơn tổng số phiếu."))
            if cast > present:
                raise DomainError(_("Tổng số phiếu không thể lớn hơn số thành viên có mặt."))
        minutes, _created = UnitMinutes.objects.update_or_create(
            dossier=locked, defaults={**values, "updated_by": actor}
        )
        for nominee_id, (agree, cast) in votes.items():
            MinutesVote.objects.update_or_create(
                nominee_id=nominee_id, defaults={"minutes": minutes, "votes_for": agree, "votes_total": cast}
            )
        bump(locked)
        audit_record(actor=actor, action="minutes_save", target=locked)
    return minutes
