"""Achievement reports (báo cáo thành tích): saved as drafts, confirmed by the unit head."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from campaigns.enums import NomineeKind
from organisation.text import nfc

from ..errors import DomainError
from ..models import AchievementReport, Nominee, PriorAward
from .common import bump, clean_text, lock_editable

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
        locked = lock_editable(nominee.dossier, actor)
        nominee = Nominee.objects.select_related("official", "unit").get(pk=nominee.pk, dossier=locked)
        report, created = AchievementReport.objects.select_for_update().get_or_create(nominee=nominee)
        changed = []
        for name, value in fields.items():
            value = clean_text(value)
            if getattr(report, name) != value:
                setattr(report, name, value)
                changed.append(name)
        total, women = report.profile_staff_total, report.profile_staff_women
        if total is not None and women is not None and women > total:
            raise DomainError(_("Số cán bộ nữ không thể lớn hơn tổng số cán bộ, công chức."))
        if report.cv_birth_date and report.cv_birth_date >= timezone.localdate():
            raise DomainError(_("Ngày sinh phải trước ngày hôm nay."))
        awards_changed = prior_awards is not None and _replace_prior_awards(report, prior_awards)
        if changed or awards_changed or created:
            was_confirmed = report.is_confirmed
            report.updated_by = actor
            if was_confirmed and (changed or awards_changed):
                report.confirmed_at = None
                report.confirmed_by = None
                report.confirmed_by_name = ""
                report.confirmed_by_title = ""
            report.save()
            bump(locked)
            note = nominee.display_name
            if was_confirmed and (changed or awards_changed):
                note += " — " + _("báo cáo đã sửa, cần thủ trưởng xác nhận lại")
            audit_record(actor=actor, action="report_save", target=locked, note=note)
    return report


def _replace_prior_awards(report: AchievementReport, prior_awards: list[dict]) -> bool:
    """Table III (awards already received): replace the rows when they differ; True when they did."""
    rows = [
        (int(r["year"]), nfc(r["form"]), nfc(r.get("decision", "")))
        for r in prior_awards
        if r.get("year") and nfc(r.get("form", ""))
    ]
    current = [(a.year, a.form, a.decision) for a in report.prior_awards.order_by("order", "id")]
    if rows == current:
        return False
    report.prior_awards.all().delete()
    PriorAward.objects.bulk_create(
        PriorAward(report=report, year=y, form=f, decision=d, order=i) for i, (y, f, d) in enumerate(rows, 1)
    )
    return True


def report_confirm(*, nominee: Nominee, actor) -> AchievementReport:
    """The unit head confirms the report (plan III.4: "có xác nhận của thủ trưởng đơn vị").

    Refused while a required section is empty or a declaration is not affirmed. Side effects: audit row.
    """
    with transaction.atomic():
        locked = lock_editable(nominee.dossier, actor)
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
        bump(locked)
        audit_record(actor=actor, action="report_confirm", target=locked, note=nominee.display_name)
    return report
