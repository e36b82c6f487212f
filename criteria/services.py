"""Writes on registration, reporting periods, criteria results and announcements.

Every write checks the campaign is open, locks the row it changes, and writes the audit trail. The moves of a
TargetResult go through one transition service (`result_transition`) reading RESULT_TRANSITIONS.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from campaigns.enums import CampaignStatus
from campaigns.errors import DomainError, IllegalTransition
from campaigns.models import Campaign
from organisation.models import Unit
from organisation.text import nfc

from .enums import RESULT_TRANSITIONS, ExportKind
from .models import (
    Announcement,
    Criterion,
    EvidenceFile,
    ExportJob,
    Registration,
    RegistrationCommitment,
    ReportingPeriod,
    Target,
    TargetResult,
)


def _require_launched(campaign: Campaign) -> None:
    if campaign.status == CampaignStatus.DRAFT:
        raise DomainError(_("Phong trào chưa được phát động."))
    if campaign.status == CampaignStatus.CLOSED:
        raise DomainError(_("Phong trào đã kết thúc: không thể thay đổi số liệu."))


def _require_top_unit(unit: Unit) -> None:
    if unit.parent_id is not None or not unit.is_active:
        raise DomainError(
            _("Chỉ các phòng, đơn vị thuộc phường (không phải tổ, bộ phận) đăng ký và báo cáo.")
        )


# ---- Registration -------------------------------------------------------------------------------------------


def registration_submit(
    *,
    campaign: Campaign,
    unit: Unit,
    actor,
    commitments: dict[int, str],
    note: str = "",
    today: date | None = None,
) -> Registration:
    """Register `unit` for `campaign` with one commitment per criterion, or update its commitments.

    One registration per campaign and unit (a unique constraint): submitting again updates it, until the
    registration deadline; after it, refused. Side effects: audit row ("registration_submit" or
    "registration_update").
    """
    _require_launched(campaign)
    _require_top_unit(unit)
    today = today or timezone.localdate()
    deadline = campaign.registration_deadline
    if deadline and today > deadline:
        raise DomainError(
            _("Đã hết hạn đăng ký thi đua (hạn cuối %(date)s). Hãy liên hệ Phòng Văn hóa - Xã hội.")
            % {"date": date_format(deadline, "d/m/Y")}
        )
    criteria = list(Criterion.objects.filter(campaign=campaign).order_by("order", "id"))
    texts = {c.pk: nfc((commitments.get(c.pk) or "").strip()) for c in criteria}
    missing = [c.number for c in criteria if not texts[c.pk]]
    if missing:
        raise DomainError(
            _("Hãy ghi nội dung cam kết cho tiêu chí: %(numbers)s.") % {"numbers": ", ".join(missing)}
        )
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
        created = registration is None
        if created:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        campaign=campaign, unit=unit, registered_by=actor, note=nfc(note.strip())
                    )
            except IntegrityError:
                # Someone registered the same unit a moment ago: update theirs instead.
                registration = Registration.objects.select_for_update().get(campaign=campaign, unit=unit)
                created = False
        if not created:
            registration.note = nfc(note.strip())
            registration.save(update_fields=["note", "updated_at"])
        existing = {c.criterion_id: c for c in registration.commitments.all()}
        for criterion in criteria:
            row = existing.get(criterion.pk)
            if row is None:
                RegistrationCommitment.objects.create(
                    registration=registration, criterion=criterion, text=texts[criterion.pk]
                )
            elif row.text != texts[criterion.pk]:
                row.text = texts[criterion.pk]
                row.save(update_fields=["text"])
        audit_record(
            actor=actor,
            action="registration_submit" if created else "registration_update",
            target=registration,
            note=unit.name,
        )
    return registration


# ---- Reporting periods --------------------------------------------------------------------------------------


def period_save(
    *,
    campaign: Campaign,
    actor,
    name: str,
    start: date,
    end: date,
    due_date: date,
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    """Create a reporting period of `campaign`, or change `period`. Side effects: audit row."""
    if not campaign.is_editable:
        raise DomainError(_("Phong trào đã kết thúc: không thể sửa kỳ báo cáo."))
    name = nfc(name.strip())
    if end < start:
        raise DomainError(_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."))
    if due_date < start:
        raise DomainError(_("Hạn báo cáo không thể trước ngày bắt đầu kỳ."))
    clash = ReportingPeriod.objects.filter(campaign=campaign, name=name)
    if period is not None:
        clash = clash.exclude(pk=period.pk)
    if clash.exists():
        raise DomainError(_("Đã có kỳ báo cáo tên “%(name)s” trong phong trào này.") % {"name": name})
    with transaction.atomic():
        if period is None:
            period = ReportingPeriod.objects.create(
                campaign=campaign, name=name, start=start, end=end, due_date=due_date
            )
            audit_record(actor=actor, action="period_create", target=period, note=name)
        else:
            period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
            period.name, period.start, period.end, period.due_date = name, start, end, due_date
            period.save(update_fields=["name", "start", "end", "due_date"])
            audit_record(actor=actor, action="period_update", target=period, note=name)
    return period


# ---- Criteria results ---------------------------------------------------------------------------------------


def _check_counts(target: Target, numerator, denominator) -> None:
    if numerator is None or denominator is None:
        raise DomainError(_("Chỉ tiêu “%(target)s”: hãy nhập cả hai số.") % {"target": target.label})
    if numerator < 0 or denominator < 0:
        raise DomainError(_("Chỉ tiêu “%(target)s”: số liệu không được âm.") % {"target": target.label})
    if numerator > denominator:
        raise DomainError(
            _("Chỉ tiêu “%(target)s”: “%(num)s” không được lớn hơn “%(den)s”.")
            % {"target": target.label, "num": target.numerator_label, "den": target.denominator_label}
        )


def results_save(
    *,
    period: ReportingPeriod,
    unit: Unit,
    actor,
    values: dict[int, tuple[int | None, int | None]],
    notes: dict[int, str] | None = None,
) -> list[TargetResult]:
    """Save the unit's counts for the targets in `values` (target id -> (numerator, denominator)) as drafts.

    Targets left blank are skipped. A figure already reported or validated cannot change (the office must
    question it first). Side effects: one audit row per changed result.
    """
    campaign = period.campaign
    _require_launched(campaign)
    _require_top_unit(unit)
    notes = notes or {}
    targets = {t.pk: t for t in Target.objects.filter(criterion__campaign=campaign, pk__in=list(values))}
    saved = []
    with transaction.atomic():
        locked = {
            r.target_id: r
            for r in TargetResult.objects.select_for_update().filter(
                period=period, unit=unit, target__in=targets
            )
        }
        for target_id, (numerator, denominator) in values.items():
            target = targets.get(target_id)
            if target is None:
                raise DomainError(_("Chỉ tiêu không thuộc phong trào này."))
            if numerator is None and denominator is None:
                continue
            _check_counts(target, numerator, denominator)
            note = nfc((notes.get(target_id) or "").strip())
            result = locked.get(target_id)
            if result is None:
                result = TargetResult.objects.create(
                    period=period,
                    unit=unit,
                    target=target,
                    numerator=numerator,
                    denominator=denominator,
                    unit_note=note,
                    reported_by=actor,
                )
                audit_record(
                    actor=actor,
                    action="result_save",
                    target=result,
                    to_state=result.status,
                    note=f"{numerator}/{denominator}",
                )
            elif (result.numerator, result.denominator, result.unit_note) != (numerator, denominator, note):
                if not result.is_editable:
                    raise DomainError(
                        _("Chỉ tiêu “%(target)s” đã gửi báo cáo (%(status)s): không thể sửa số liệu.")
                        % {"target": target.label, "status": result.get_status_display()}
                    )
                result.numerator, result.denominator, result.unit_note = numerator, denominator, note
                result.save(update_fields=["numerator", "denominator", "unit_note", "updated_at"])
                audit_record(
                    actor=actor,
                    action="result_save",
                    target=result,
                    to_state=result.status,
                    note=f"{numerator}/{denominator}",
                )
            saved.append(result)
    return saved


def result_transition(*, result: TargetResult, action: str, actor, comment: str = "") -> TargetResult:
    """Move one result along RESULT_TRANSITIONS: report (unit), validate / question / reopen (office).

    Questioning needs a comment; it sends the figure back to the unit to correct and report again.
    Side effects: audit row; on "question" and "reopen", a mail to the unit's heads (on commit).
    """
    allowed_from, to_state = RESULT_TRANSITIONS[action]
    comment = nfc(comment.strip())
    if action in {"question", "reopen"} and not comment:
        raise DomainError(_("Hãy ghi rõ nội dung đề nghị đơn vị xem lại."))
    with transaction.atomic():
        locked = (
            TargetResult.objects.select_for_update()
            .select_related("period__campaign", "target")
            .get(pk=result.pk)
        )
        _require_launched(locked.period.campaign)
        if locked.status not in allowed_from:
            raise IllegalTransition(
                _("Không thể thực hiện thao tác này khi số liệu đang ở trạng thái “%(state)s”.")
                % {"state": locked.get_status_display()}
            )
        from_state = locked.status
        locked.status = to_state
        fields = ["status", "updated_at"]
        now = timezone.now()
        if action == "report":
            locked.reported_by, locked.reported_at = actor, now
            fields += ["reported_by", "reported_at"]
        elif action == "validate":
            locked.validated_by, locked.validated_at = actor, now
            fields += ["validated_by", "validated_at"]
            if comment:
                locked.office_comment = comment
                fields.append("office_comment")
        else:
            locked.office_comment = comment
            locked.validated_by, locked.validated_at = None, None
            fields += ["office_comment", "validated_by", "validated_at"]
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=f"result_{action}",
            target=locked,
            from_state=from_state,
            to_state=to_state,
            note=comment,
        )
        if action in {"question", "reopen"}:
            from .emails import send_result_questioned

            transaction.on_commit(lambda: send_result_questioned(locked.pk))
    return locked


def results_report(*, period: ReportingPeriod, unit: Unit, actor) -> list[TargetResult]:
    """Send every draft or questioned figure of the unit for the period to the office.

    Refused while a target of the campaign has no figure (enter 0 of 0 when nothing happened).
    Side effects: those of `result_transition` for each figure.
    """
    _require_launched(period.campaign)
    targets = list(
        Target.objects.filter(criterion__campaign=period.campaign).order_by("criterion__order", "order")
    )
    results = {r.target_id: r for r in TargetResult.objects.filter(period=period, unit=unit)}
    missing = [t.label for t in targets if t.pk not in results]
    if missing:
        raise DomainError(
            _("Còn chỉ tiêu chưa nhập số liệu: %(targets)s. Nếu không phát sinh, hãy nhập 0 trên 0.")
            % {"targets": "; ".join(missing)}
        )
    to_send = [r for r in results.values() if r.is_editable]
    if not to_send:
        raise DomainError(_("Không có số liệu mới nào cần gửi báo cáo."))
    with transaction.atomic():
        return [result_transition(result=r, action="report", actor=actor) for r in to_send]


def evidence_attach(*, result: TargetResult, actor, upload) -> EvidenceFile:
    """Attach one evidence file to a result the unit may still change. Side effects: the stored file, audit row."""
    from anhai_thidua.core.uploads import store_upload

    if not result.is_editable:
        raise DomainError(_("Số liệu đã gửi báo cáo: không thể thêm minh chứng."))
    _require_launched(result.period.campaign)
    try:
        stored = store_upload(upload, folder=f"criteria/{result.period.campaign_id}/{result.unit_id}")
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        evidence = EvidenceFile.objects.create(result=result, uploaded_by=actor, **stored.as_fields())
        audit_record(actor=actor, action="evidence_attach", target=result, note=evidence.original_name)
    return evidence


def evidence_remove(*, evidence: EvidenceFile, actor) -> None:
    """Remove an evidence file from a result the unit may still change.

    Side effects: audit row; the stored file is deleted on commit.
    """
    from anhai_thidua.core.uploads import delete_stored_file

    result = evidence.result
    if not result.is_editable:
        raise DomainError(_("Số liệu đã gửi báo cáo: không thể xóa minh chứng."))
    with transaction.atomic():
        audit_record(actor=actor, action="evidence_remove", target=result, note=evidence.original_name)
        path = evidence.file_path
        evidence.delete()
        transaction.on_commit(lambda: delete_stored_file(path))


# ---- Announcements ------------------------------------------------------------------------------------------


def announcement_publish(*, campaign: Campaign, actor, title: str, body: str) -> Announcement:
    """Publish an announcement on the campaign page and the public page. Side effects: audit row."""
    if campaign.status == CampaignStatus.DRAFT:
        raise DomainError(_("Phong trào chưa được phát động: chưa thể đăng thông báo."))
    title, body = nfc(title.strip()), nfc(body.strip())
    if not title or not body:
        raise DomainError(_("Hãy nhập tiêu đề và nội dung thông báo."))
    with transaction.atomic():
        announcement = Announcement.objects.create(campaign=campaign, title=title, body=body, author=actor)
        audit_record(actor=actor, action="announcement_publish", target=announcement, note=title)
    return announcement


def announcement_withdraw(*, announcement: Announcement, actor) -> None:
    """Take an announcement down. Side effects: audit row on the campaign."""
    with transaction.atomic():
        audit_record(
            actor=actor, action="announcement_withdraw", target=announcement.campaign, note=announcement.title
        )
        announcement.delete()


# ---- Background exports -------------------------------------------------------------------------------------


def export_request(
    *, campaign: Campaign, kind: str, actor, period: ReportingPeriod | None = None
) -> ExportJob:
    """Queue a report or workbook to be made by the worker; an identical unfinished request is reused.

    Side effects: the Celery task "criteria.run_export" on commit.
    """
    from .enums import ExportStatus
    from .tasks import run_export

    if kind not in ExportKind.values:
        raise DomainError(_("Loại báo cáo không hợp lệ."))
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update()
            .filter(
                campaign=campaign,
                kind=kind,
                period=period,
                requested_by=actor,
                status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING],
            )
            .first()
        )
        if job is None:
            job = ExportJob.objects.create(campaign=campaign, kind=kind, period=period, requested_by=actor)
            job_id = job.pk
            transaction.on_commit(lambda: run_export.delay(job_id))
    return job
