"""Writes on dossiers. Every write locks the dossier row, refuses what the state or the user does not
allow with a DomainError (Vietnamese), bumps the dossier's version, writes the audit row, and schedules
side effects with transaction.on_commit."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.permissions import require_actor
from anhai_thidua.core.uploads import delete_stored_file, store_upload
from campaigns.enums import CampaignStatus, DossierComponentKind, NomineeKind
from campaigns.models import Campaign, DossierRequirement, Standard
from organisation.models import Official, Unit
from organisation.text import nfc

from .enums import DOSSIER_TRANSITIONS, EDITABLE_STATES, NOTE_REQUIRED_ACTIONS, Actor, DossierState
from .errors import DomainError, FieldError, IllegalTransition, IncompleteDossier, NotEditable, StaleDossier
from .models import (
    AchievementReport,
    Attachment,
    DeadlineExtension,
    Dossier,
    MinutesVote,
    Nominee,
    PriorAward,
    UnitMinutes,
)
from .selectors import (
    dossier_detail,
    dossier_missing,
    letter_date_problem,
    minutes_date_problem,
    submission_blockers,
)


# ---- helpers -------------------------------------------------------------------------------------------------
def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("campaign", "unit").get(pk=dossier.pk)


def _require(actor, who: str, dossier: Dossier) -> None:
    """The dossier's unit head for the unit's moves, the office for its own (nominations.rules)."""
    if who == Actor.UNIT:
        require_actor(
            actor,
            "nominations.act_for_unit",
            dossier,
            message=_("Chỉ thủ trưởng %(unit)s mới thực hiện được thao tác này.")
            % {"unit": dossier.unit.name},
        )
    else:
        require_actor(
            actor,
            "nominations.review_dossier",
            dossier,
            message=_("Chỉ Phòng Văn hóa - Xã hội mới thực hiện được thao tác này."),
        )


def _check_version(locked: Dossier, expected_version: int | None) -> None:
    if expected_version is not None and int(expected_version) != locked.version:
        raise StaleDossier(
            _(
                "Hồ sơ vừa được thay đổi ở nơi khác (có thể do bấm hai lần hoặc mở hai cửa sổ); hiện hồ sơ ở "
                "trạng thái “%(state)s”. Không có thao tác nào được thực hiện thêm: hãy xem lại hồ sơ."
            )
            % {"state": locked.get_state_display()}
        )


def _bump(locked: Dossier, *extra_fields: str) -> None:
    """Save the changed fields and the next version, only if nobody wrote in between.

    The row lock already serialises writers on PostgreSQL; the version compare-and-swap also holds
    where select_for_update is a no-op (SQLite), so two clicks can never both win.
    """
    values = {name: getattr(locked, name) for name in extra_fields}
    locked.updated_at = timezone.now()
    done = Dossier.objects.filter(pk=locked.pk, version=locked.version).update(
        version=locked.version + 1, updated_at=locked.updated_at, **values
    )
    if not done:
        current = Dossier.objects.get(pk=locked.pk)
        _check_version(current, locked.version)
    locked.version += 1


def _editable(dossier: Dossier, actor, expected_version: int | None = None) -> Dossier:
    """Lock the dossier for a content change by its unit head; call inside transaction.atomic()."""
    locked = _lock(dossier)
    _require(actor, Actor.UNIT, locked)
    _check_version(locked, expected_version)
    if locked.state not in EDITABLE_STATES:
        raise NotEditable(locked)
    return locked


def _clean_text(value) -> str:
    return nfc(value) if isinstance(value, str) else value


# ---- creation ------------------------------------------------------------------------------------------------
def dossier_create(*, campaign: Campaign, unit: Unit, actor) -> Dossier:
    """Open the unit's dossier for a launched campaign; returns the existing one if it is already open
    (a double click opens one dossier). Side effects: audit row."""
    if unit.parent_id is not None:
        raise DomainError(_("Hồ sơ được lập cho đơn vị thuộc phường, không lập riêng cho tổ, bộ phận."))
    require_actor(
        actor,
        "nominations.create_dossier",
        unit,
        message=_("Chỉ thủ trưởng %(unit)s mới lập được hồ sơ của đơn vị.") % {"unit": unit.name},
    )
    if campaign.status != CampaignStatus.LAUNCHED:
        raise DomainError(_("Phong trào chưa phát động hoặc đã kết thúc: không lập được hồ sơ."))
    existing = Dossier.objects.filter(campaign=campaign, unit=unit).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(campaign=campaign, unit=unit, created_by=actor)
            audit_record(actor=actor, action="dossier_create", target=dossier, to_state=dossier.state)
    except IntegrityError:
        return Dossier.objects.get(campaign=campaign, unit=unit)
    return dossier


# ---- transitions ---------------------------------------------------------------------------------------------
def _transition(
    *,
    dossier: Dossier,
    action: str,
    actor,
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> Dossier:
    who, moves = DOSSIER_TRANSITIONS[action]
    note = nfc(note)
    if action in NOTE_REQUIRED_ACTIONS and not note:
        raise DomainError(_("Hãy ghi rõ lý do."))
    with transaction.atomic():
        locked = _lock(dossier)
        _require(actor, who, locked)
        _check_version(locked, expected_version)
        if action == "withdraw" and locked.state == DossierState.DRAFT and not locked.submission_count:
            raise IllegalTransition(
                _("Hồ sơ chưa nộp lần nào nên không cần rút: dùng “Hủy hồ sơ” để bỏ bản đang soạn.")
            )
        if locked.state not in moves:
            raise IllegalTransition(
                _("Không thể “%(action)s” khi hồ sơ đang ở trạng thái “%(state)s”.")
                % {"action": _action_label(action), "state": locked.get_state_display()}
            )
        from_state, to_state = locked.state, moves[locked.state]
        fields = ["state"]
        now = timezone.now()
        if action == "submit":
            detail = dossier_detail(locked, with_history=False)
            problems = submission_blockers(detail, today=today) + dossier_missing(detail)
            if problems:
                raise IncompleteDossier(problems)
            locked.submitted_at = now
            locked.submission_count += 1
            fields += ["submitted_at", "submission_count"]
        if who == Actor.OFFICE:
            locked.last_note = note
            fields.append("last_note")
        if action in {"accept", "reject"}:
            locked.decided_at = now
            fields.append("decided_at")
        locked.state = to_state
        _bump(locked, *fields)
        audit_record(
            actor=actor,
            action=f"dossier_{action}",
            target=locked,
            from_state=from_state,
            to_state=to_state,
            note=note,
        )
        _notify(locked, action, note)
    return locked


_UNIT_SUBJECTS = {
    "return": _lazy("Hồ sơ đề nghị khen thưởng cần bổ sung: %(unit)s"),
    "accept": _lazy("Hồ sơ đề nghị khen thưởng đã được tiếp nhận: %(unit)s"),
    "reject": _lazy("Hồ sơ đề nghị khen thưởng không được tiếp nhận: %(unit)s"),
}


def _notify(locked: Dossier, action: str, note: str) -> None:
    """Notices through notifications.notify(), inside this transaction (so in its outbox, sent once after
    commit): the office hears that a dossier arrived (in-app and by e-mail, with the nominees; the
    receiving unit's mailbox too), once per submission; the unit's heads hear of the office's decision,
    with the reasons."""
    from django.urls import reverse

    from notifications.services import notify
    from organisation.selectors import office_users, unit_heads

    link = reverse("nominations:detail", args=[locked.pk])
    key = f"dossier:{locked.pk}:{action}:{locked.version}"
    if action == "submit":
        from .emails import TEMPLATE, receiving_mailbox, submitted_context, submitted_subject

        notify(
            recipients=office_users(),
            subject=submitted_subject(locked),
            template=TEMPLATE,
            context=submitted_context(locked),
            # The office acts on the review page (reviews app, above this one: by URL name only).
            link=reverse("reviews:review", args=[locked.pk]),
            # One per submission: a resubmission has a new version, hence a new mail.
            dedupe_key=key,
            addresses=receiving_mailbox(locked),
        )
    elif action in _UNIT_SUBJECTS:
        subject = str(_UNIT_SUBJECTS[action]) % {"unit": locked.unit.name}
        message = subject + (f"\n\n{_('Ý kiến của Phòng Văn hóa - Xã hội')}: {note}" if note else "")
        notify(
            recipients=unit_heads([locked.unit_id])[locked.unit_id],
            subject=subject,
            link=link,
            dedupe_key=key,
            context={"message": message},
        )


def _action_label(action: str) -> str:
    from .enums import ACTION_LABELS

    return str(ACTION_LABELS[action]).lower()


def dossier_submit(
    *, dossier: Dossier, actor, expected_version: int | None = None, today: date | None = None
) -> Dossier:
    """Draft → submitted, or returned → resubmitted, by the unit head.

    Refused (IncompleteDossier, listing every missing piece) unless the campaign is launched, the deadline
    (or the unit's extension) has not passed, and the dossier is complete. A stale `expected_version`
    (double click, second tab) is refused, so two clicks make one submission.
    Side effects: audit row; the office's notice and e-mail (notifications' outbox, sent after commit).
    """
    return _transition(
        dossier=dossier, action="submit", actor=actor, expected_version=expected_version, today=today
    )


def dossier_withdraw(
    *, dossier: Dossier, actor, note: str = "", expected_version: int | None = None
) -> Dossier:
    """The unit withdraws its dossier before acceptance. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="withdraw", actor=actor, note=note, expected_version=expected_version
    )


def dossier_discard(*, dossier: Dossier, actor, expected_version: int | None = None) -> None:
    """The unit head throws away a draft that was never submitted (Hủy hồ sơ): the dossier, its nominees,
    reports, minutes and files go; the unit may open a new one. A dossier submitted once is withdrawn
    instead (Rút hồ sơ), so the office keeps its record.

    Side effects: audit row (kept, naming the unit and campaign); the stored files are deleted after commit.
    """
    with transaction.atomic():
        locked = _lock(dossier)
        _require(actor, Actor.UNIT, locked)
        _check_version(locked, expected_version)
        if locked.state != DossierState.DRAFT or locked.submission_count:
            raise IllegalTransition(
                _("Chỉ hủy được hồ sơ đang soạn và chưa nộp lần nào; hồ sơ đã nộp thì dùng “Rút hồ sơ”.")
            )
        paths = list(Attachment.objects.filter(dossier=locked).values_list("file_path", flat=True))
        audit_record(
            actor=actor,
            action="dossier_discard",
            target=locked,
            from_state=locked.state,
            note=f"{locked.unit.name} — {locked.campaign.title}",
        )
        locked.delete()
        if paths:
            transaction.on_commit(lambda: [delete_stored_file(p) for p in paths])


def dossier_reopen(*, dossier: Dossier, actor, expected_version: int | None = None) -> Dossier:
    """Withdrawn → draft, so the unit can work on it again. Side effects: audit row."""
    return _transition(dossier=dossier, action="reopen", actor=actor, expected_version=expected_version)


def dossier_return(*, dossier: Dossier, actor, note: str, expected_version: int | None = None) -> Dossier:
    """The office returns a submitted dossier for supplements, with the reasons. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="return", actor=actor, note=note, expected_version=expected_version
    )


def dossier_accept(
    *, dossier: Dossier, actor, note: str = "", expected_version: int | None = None
) -> Dossier:
    """The office accepts a submitted dossier. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="accept", actor=actor, note=note, expected_version=expected_version
    )


def dossier_reject(*, dossier: Dossier, actor, note: str, expected_version: int | None = None) -> Dossier:
    """The office refuses a submitted dossier, with the reason. Side effects: audit row."""
    return _transition(
        dossier=dossier, action="reject", actor=actor, note=note, expected_version=expected_version
    )


# ---- nominees ------------------------------------------------------------------------------------------------
def _check_nominee_choices(
    locked: Dossier, *, award_kind: str, standards, evidence: str, kind: str
) -> list[Standard]:
    if not locked.campaign.award_forms.filter(kind=award_kind).exists():
        raise DomainError(_("Hình thức khen thưởng này không có trong kế hoạch của phong trào."))
    standards = list(standards or [])
    if not standards:
        raise DomainError(_("Hãy chọn ít nhất một tiêu chuẩn khen thưởng đạt được."))
    if any(s.campaign_id != locked.campaign_id or s.nominee_kind != kind for s in standards):
        raise DomainError(_("Tiêu chuẩn đã chọn không thuộc kế hoạch này hoặc không dành cho đối tượng này."))
    if not nfc(evidence):
        raise DomainError(_("Hãy ghi minh chứng, thành tích tiêu biểu."))
    return standards


def nominee_add(
    *,
    dossier: Dossier,
    actor,
    kind: str,
    award_kind: str,
    standards,
    evidence: str,
    official: Official | None = None,
    unit: Unit | None = None,
) -> Nominee:
    """Add a collective (the unit or one of its teams) or an individual (an official of the unit).

    Side effects: audit row on the dossier.
    """
    with transaction.atomic():
        locked = _editable(dossier, actor)
        standards = _check_nominee_choices(
            locked, award_kind=award_kind, standards=standards, evidence=evidence, kind=kind
        )
        if kind == NomineeKind.INDIVIDUAL:
            if official is None:
                raise DomainError(_("Hãy chọn cán bộ, công chức được đề nghị."))
            official_unit = official.unit
            if official_unit.pk != locked.unit_id and official_unit.parent_id != locked.unit_id:
                raise DomainError(_("Chỉ đề nghị được cán bộ, công chức của đơn vị mình."))
            if not official.is_active:
                raise DomainError(_("Cán bộ này không còn công tác tại đơn vị."))
            if locked.nominees.filter(official=official).exists():
                raise DomainError(_("%(name)s đã có trong hồ sơ.") % {"name": official.full_name})
            unit = None
        elif kind == NomineeKind.COLLECTIVE:
            if unit is None:
                raise DomainError(_("Hãy chọn tập thể được đề nghị."))
            if unit.pk != locked.unit_id and unit.parent_id != locked.unit_id:
                raise DomainError(_("Chỉ đề nghị được chính đơn vị mình hoặc tổ, bộ phận thuộc đơn vị."))
            if locked.nominees.filter(unit=unit).exists():
                raise DomainError(_("%(name)s đã có trong hồ sơ.") % {"name": unit.name})
            official = None
        else:
            raise DomainError(_("Đối tượng đề nghị không hợp lệ."))
        order = locked.nominees.filter(kind=kind).count() + 1
        nominee = Nominee.objects.create(
            dossier=locked,
            kind=kind,
            official=official,
            unit=unit,
            award_kind=award_kind,
            evidence=nfc(evidence),
            order=order,
        )
        nominee.standards.set(standards)
        _bump(locked)
        audit_record(actor=actor, action="nominee_add", target=locked, note=nominee.display_name)
    return nominee


def nominee_update(*, nominee: Nominee, actor, award_kind: str, standards, evidence: str) -> Nominee:
    """Change what is proposed for a nominee and why. Side effects: audit row on the dossier."""
    with transaction.atomic():
        locked = _editable(nominee.dossier, actor)
        nominee = Nominee.objects.select_for_update().get(pk=nominee.pk, dossier=locked)
        standards = _check_nominee_choices(
            locked, award_kind=award_kind, standards=standards, evidence=evidence, kind=nominee.kind
        )
        nominee.award_kind = award_kind
        nominee.evidence = nfc(evidence)
        nominee.save(update_fields=["award_kind", "evidence"])
        nominee.standards.set(standards)
        _bump(locked)
        audit_record(actor=actor, action="nominee_update", target=locked, note=nominee.display_name)
    return nominee


def nominee_remove(*, nominee: Nominee, actor) -> None:
    """Remove a nominee with its report, vote and scans. Side effects: audit row; files deleted after commit."""
    with transaction.atomic():
        locked = _editable(nominee.dossier, actor)
        nominee = Nominee.objects.get(pk=nominee.pk, dossier=locked)
        paths = list(nominee.attachments.values_list("file_path", flat=True))
        name = nominee.display_name
        nominee.delete()
        _bump(locked)
        audit_record(actor=actor, action="nominee_remove", target=locked, note=name)
        transaction.on_commit(lambda: [delete_stored_file(p) for p in paths])


# ---- achievement report --------------------------------------------------------------------------------------
REPORT_FIELDS = (
    *AchievementReport.TEXT_FIELDS,
    "cv_birth_date",
    "cv_gender",
    "cv_years_of_service",
    "profile_staff_total",
    "profile_staff_women",
    *AchievementReport.DECLARATION_FIELDS,
)


def report_initial(nominee: Nominee) -> dict:
    """Values a new report starts from: what the directory already knows about the nominee."""
    if nominee.kind == NomineeKind.INDIVIDUAL and nominee.official_id:
        o = nominee.official
        return {
            "cv_full_name": o.full_name,
            "cv_birth_date": o.date_of_birth,
            "cv_gender": o.gender,
            "cv_position": o.position,
            "cv_unit_name": o.unit.name,
        }
    if nominee.unit_id:
        return {"profile_staff_total": nominee.unit.officials.filter(is_active=True).count() or None}
    return {}


def report_save(
    *, nominee: Nominee, actor, fields: dict, prior_awards: list[dict] | None = None
) -> AchievementReport:
    """Save the report as it is (a draft: empty fields allowed). A change after the head's confirmation
    clears the confirmation. `prior_awards`, when given, replaces the table III rows.

    Side effects: audit row on the dossier.
    """
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _editable(nominee.dossier, actor)
        nominee = Nominee.objects.select_related("official", "unit").get(pk=nominee.pk, dossier=locked)
        report, created = AchievementReport.objects.select_for_update().get_or_create(nominee=nominee)
        changed = []
        for name, value in fields.items():
            value = _clean_text(value)
            if getattr(report, name) != value:
                setattr(report, name, value)
                changed.append(name)
        total, women = report.profile_staff_total, report.profile_staff_women
        if total is not None and women is not None and women > total:
            raise DomainError(_("Số cán bộ nữ không thể lớn hơn tổng số cán bộ, công chức."))
        if report.cv_birth_date and report.cv_birth_date >= timezone.localdate():
            raise DomainError(_("Ngày sinh phải trước ngày hôm nay."))
        awards_changed = False
        if prior_awards is not None:
            rows = [
                (int(r["year"]), nfc(r["form"]), nfc(r.get("decision", "")))
                for r in prior_awards
                if r.get("year") and nfc(r.get("form", ""))
            ]
            current = [(a.year, a.form, a.decision) for a in report.prior_awards.order_by("order", "id")]
            if rows != current:
                awards_changed = True
                report.prior_awards.all().delete()
                PriorAward.objects.bulk_create(
                    PriorAward(report=report, year=y, form=f, decision=d, order=i)
                    for i, (y, f, d) in enumerate(rows, 1)
                )
        if changed or awards_changed or created:
            was_confirmed = report.is_confirmed
            report.updated_by = actor
            if was_confirmed and (changed or awards_changed):
                report.confirmed_at = None
                report.confirmed_by = None
                report.confirmed_by_name = ""
                report.confirmed_by_title = ""
            report.save()
            _bump(locked)
            note = nominee.display_name
            if was_confirmed and (changed or awards_changed):
                note += " — " + _("báo cáo đã sửa, cần thủ trưởng xác nhận lại")
            audit_record(actor=actor, action="report_save", target=locked, note=note)
    return report


def report_confirm(*, nominee: Nominee, actor) -> AchievementReport:
    """The unit head confirms the report (plan III.4: "có xác nhận của thủ trưởng đơn vị").

    Refused while a required section is empty or a declaration is not affirmed. Side effects: audit row.
    """
    with transaction.atomic():
        locked = _editable(nominee.dossier, actor)
        nominee = Nominee.objects.select_related("official", "unit").get(pk=nominee.pk, dossier=locked)
        report = AchievementReport.objects.select_for_update().filter(nominee=nominee).first()
        if report is None:
            raise DomainError(_("Chưa có báo cáo thành tích để xác nhận."))
        report.nominee = nominee
        problems = []
        missing = report.missing_fields()
        if missing:
            problems.append(_("còn thiếu: %(fields)s") % {"fields": ", ".join(missing)})
        if not report.declarations_affirmed:
            problems.append(_("chưa cam kết đủ các nội dung theo Điều 4 Nghị định 152/2025/NĐ-CP"))
        if problems:
            raise DomainError(
                _("Chưa thể xác nhận báo cáo: %(problems)s.") % {"problems": "; ".join(problems)}
            )
        official = getattr(actor, "official", None)
        report.confirmed_by = actor
        report.confirmed_by_name = official.full_name if official else actor.get_full_name() or actor.username
        report.confirmed_by_title = (official.position if official else "") or _("Thủ trưởng đơn vị")
        report.confirmed_at = timezone.now()
        report.save(update_fields=["confirmed_by", "confirmed_by_name", "confirmed_by_title", "confirmed_at"])
        _bump(locked)
        audit_record(actor=actor, action="report_confirm", target=locked, note=nominee.display_name)
    return report


# ---- minutes -------------------------------------------------------------------------------------------------
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
        locked = _editable(dossier, actor)
        locked.letter_number, locked.letter_date = number, letter_date
        _bump(locked, "letter_number", "letter_date")
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
        locked = _editable(dossier, actor)
        values = {k: _clean_text(v) for k, v in fields.items()}
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
        _bump(locked)
        audit_record(actor=actor, action="minutes_save", target=locked)
    return minutes


# ---- attachments ---------------------------------------------------------------------------------------------
def _check_dossier_quota(
    dossier: Dossier, file, *, kind: str, nominee: Nominee | None, replace: bool
) -> None:
    """Refuse a file that would take the dossier's files past settings.DOSSIER_UPLOAD_MAX_BYTES."""
    kept = Attachment.objects.filter(dossier=dossier)
    if replace:
        kept = kept.exclude(kind=kind, nominee=nominee)
    used = kept.aggregate(total=Sum("size"))["total"] or 0
    size = getattr(file, "size", 0) or 0
    limit = settings.DOSSIER_UPLOAD_MAX_BYTES
    if used + size > limit:
        raise DomainError(
            _(
                "Không tải lên được tệp “%(name)s” (%(size)s): các tệp của hồ sơ đã chiếm %(used)s, "
                "tổng dung lượng tối đa của một hồ sơ là %(limit)s. Hãy xóa bớt tệp không cần hoặc nén nhỏ tệp."
            )
            % {
                "name": getattr(file, "name", ""),
                "size": filesizeformat(size),
                "used": filesizeformat(used),
                "limit": filesizeformat(limit),
            }
        )


def attachment_add(
    *,
    dossier: Dossier,
    actor,
    file,
    kind: str,
    nominee: Nominee | None = None,
    requirement: DossierRequirement | None = None,
    description: str = "",
    replace: bool = False,
) -> Attachment:
    """Check and store an uploaded file (core.uploads) and attach it to the dossier. With `replace`, the
    earlier files of the same kind (and nominee) are removed.

    The files of one dossier together stay under settings.DOSSIER_UPLOAD_MAX_BYTES (checked before the file
    is stored, and again under the row lock).

    Side effects: audit row; replaced files deleted from disk after commit.
    """
    if kind not in DossierComponentKind.values:
        raise DomainError(_("Loại tài liệu không hợp lệ."))
    # Check permission, state and the dossier's quota before writing anything to disk.
    with transaction.atomic():
        _check_dossier_quota(_editable(dossier, actor), file, kind=kind, nominee=nominee, replace=replace)
    try:
        stored = store_upload(file, folder=f"nominations/{dossier.campaign_id}/{dossier.pk}")
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    try:
        with transaction.atomic():
            locked = _editable(dossier, actor)
            if nominee is not None and nominee.dossier_id != locked.pk:
                raise DomainError(_("Tài liệu phải thuộc người/tập thể trong hồ sơ này."))
            if requirement is not None and requirement.campaign_id != locked.campaign_id:
                raise DomainError(_("Yêu cầu hồ sơ không thuộc phong trào này."))
            _check_dossier_quota(locked, file, kind=kind, nominee=nominee, replace=replace)
            old_paths: list[str] = []
            if replace:
                old = Attachment.objects.filter(dossier=locked, kind=kind, nominee=nominee)
                old_paths = list(old.values_list("file_path", flat=True))
                old.delete()
            attachment = Attachment.objects.create(
                dossier=locked,
                kind=kind,
                nominee=nominee,
                requirement=requirement,
                description=nfc(description),
                uploaded_by=actor,
                **stored.as_fields(),
            )
            _bump(locked)
            audit_record(actor=actor, action="attachment_add", target=locked, note=stored.original_name)
            if old_paths:
                transaction.on_commit(lambda: [delete_stored_file(p) for p in old_paths])
    except Exception:
        delete_stored_file(stored.path)
        raise
    return attachment


def attachment_remove(*, attachment: Attachment, actor) -> None:
    """Remove a file from the dossier. Side effects: audit row; the file is deleted after commit."""
    with transaction.atomic():
        locked = _editable(attachment.dossier, actor)
        attachment = Attachment.objects.get(pk=attachment.pk, dossier=locked)
        path, name = attachment.file_path, attachment.original_name
        attachment.delete()
        _bump(locked)
        audit_record(actor=actor, action="attachment_remove", target=locked, note=name)
        transaction.on_commit(lambda: delete_stored_file(path))


# ---- deadline extension --------------------------------------------------------------------------------------
def extension_grant(
    *, campaign: Campaign, unit: Unit, actor, new_deadline: date, reason: str, today: date | None = None
) -> DeadlineExtension:
    """The office lets one unit submit until `new_deadline` (replacing an earlier extension).

    Side effects: audit rows on the extension and, when the unit has a dossier, on the dossier.
    """
    require_actor(
        actor,
        "nominations.grant_extension",
        message=_("Chỉ Phòng Văn hóa - Xã hội mới thực hiện được thao tác này."),
    )
    reason = nfc(reason)
    today = today or timezone.localdate()
    if not reason:
        raise DomainError(_("Hãy ghi lý do gia hạn."))
    if new_deadline < today:
        raise DomainError(_("Hạn mới phải từ hôm nay trở đi."))
    if campaign.submission_deadline and new_deadline <= campaign.submission_deadline:
        raise DomainError(
            _("Hạn mới phải sau hạn nộp hồ sơ của phong trào (%(date)s).")
            % {"date": campaign.submission_deadline.strftime("%d/%m/%Y")}
        )
    if unit.parent_id is not None:
        raise DomainError(_("Gia hạn cho đơn vị thuộc phường, không cho tổ, bộ phận."))
    with transaction.atomic():
        extension, _created = DeadlineExtension.objects.update_or_create(
            campaign=campaign,
            unit=unit,
            defaults={"new_deadline": new_deadline, "reason": reason, "granted_by": actor},
        )
        note = _("Gia hạn đến %(date)s: %(reason)s") % {
            "date": new_deadline.strftime("%d/%m/%Y"),
            "reason": reason,
        }
        audit_record(actor=actor, action="extension_grant", target=extension, note=note)
        dossier = Dossier.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
        if dossier is not None:
            _bump(dossier)
            audit_record(actor=actor, action="extension_grant", target=dossier, note=note)
    return extension


__all__ = [
    "DossierState",
    "attachment_add",
    "attachment_remove",
    "dossier_accept",
    "dossier_create",
    "dossier_reject",
    "dossier_reopen",
    "dossier_return",
    "dossier_submit",
    "dossier_withdraw",
    "extension_grant",
    "minutes_save",
    "nominee_add",
    "nominee_remove",
    "nominee_update",
    "report_confirm",
    "report_save",
]
