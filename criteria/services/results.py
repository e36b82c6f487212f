"""Criteria results: the unit's counts, its report, the office's validation, evidence files.

The moves of a TargetResult go through one transition service (`result_transition`) reading
RESULT_TRANSITIONS in criteria/enums.py.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError, IllegalTransition
from organisation.models import Unit
from organisation.text import nfc

from ..enums import RESULT_TRANSITIONS
from ..models import (
    EvidenceFile,
    ReportingPeriod,
    Target,
    TargetResult,
)
from ._guards import _require_launched, _require_top_unit

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
            result = _result_write(
                locked.get(target_id),
                period=period,
                unit=unit,
                target=target,
                actor=actor,
                counts=(numerator, denominator),
                note=note,
            )
            saved.append(result)
    return saved


def _result_write(
    result: TargetResult | None,
    *,
    period: ReportingPeriod,
    unit: Unit,
    target: Target,
    actor,
    counts: tuple[int | None, int | None],
    note: str,
) -> TargetResult:
    """Create the unit's draft figure for `target`, or change the locked `result` while it is editable;
    an audit row when anything was written."""
    numerator, denominator = counts
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
    elif (result.numerator, result.denominator, result.unit_note) != (numerator, denominator, note):
        if not result.is_editable:
            raise DomainError(
                _("Chỉ tiêu “%(target)s” đã gửi báo cáo (%(status)s): không thể sửa số liệu.")
                % {"target": target.label, "status": result.get_status_display()}
            )
        result.numerator, result.denominator, result.unit_note = numerator, denominator, note
        result.save(update_fields=["numerator", "denominator", "unit_note", "updated_at"])
    else:
        return result
    audit_record(
        actor=actor,
        action="result_save",
        target=result,
        to_state=result.status,
        note=f"{numerator}/{denominator}",
    )
    return result


def result_transition(*, result: TargetResult, action: str, actor, comment: str = "") -> TargetResult:
    """Move one result along RESULT_TRANSITIONS: report (unit), validate / question / reopen (office).

    Questioning needs a comment; it sends the figure back to the unit to correct and report again.
    Side effects: audit row; on "question" and "reopen", a notice and mail to the unit's heads
    (notifications' outbox, sent after commit).
    """
    _who, moves = RESULT_TRANSITIONS[action]
    comment = nfc(comment.strip())
    if action in {"question", "reopen"} and not comment:
        raise DomainError(_("Hãy ghi rõ nội dung đề nghị đơn vị xem lại."))
    with transaction.atomic():
        locked = (
            TargetResult.objects.select_for_update()
            .select_related("period__campaign", "target", "unit")
            .get(pk=result.pk)
        )
        _require_launched(locked.period.campaign)
        if locked.status not in moves:
            raise IllegalTransition(
                _("Không thể thực hiện thao tác này khi số liệu đang ở trạng thái “%(state)s”.")
                % {"state": locked.get_status_display()}
            )
        from_state = locked.status
        to_state = moves[from_state]
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
            from ..emails import notify_result_questioned

            notify_result_questioned(locked)
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
