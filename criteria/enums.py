from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.enums import Role


class Comparator(models.TextChoices):
    AT_LEAST = "gte", _("từ … trở lên (≥)")
    EXACTLY_ALL = "all", _("đạt 100%")


class Outcome(models.TextChoices):
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Chưa đạt")
    NOT_APPLICABLE = "n_a", _("Không phát sinh")


class ResultStatus(models.TextChoices):
    """Where a unit's value for one target in one reporting period stands."""

    DRAFT = "draft", _("Đang nhập")
    REPORTED = "reported", _("Đã báo cáo, chờ thẩm định")
    VALIDATED = "validated", _("Đã thẩm định")
    QUESTIONED = "questioned", _("Đề nghị đơn vị xem lại")


# The only allowed moves of a TargetResult: action -> (who, {from state: to state}). The unit's head reports;
# the office validates or questions.
RESULT_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "report": (
        Role.UNIT_HEAD,
        {ResultStatus.DRAFT: ResultStatus.REPORTED, ResultStatus.QUESTIONED: ResultStatus.REPORTED},
    ),
    "validate": (Role.OFFICE, {ResultStatus.REPORTED: ResultStatus.VALIDATED}),
    "question": (Role.OFFICE, {ResultStatus.REPORTED: ResultStatus.QUESTIONED}),
    # The office may take back a validation (a mistake found later): the unit then corrects and re-reports.
    "reopen": (Role.OFFICE, {ResultStatus.VALIDATED: ResultStatus.QUESTIONED}),
}
# The unit may change its figures and evidence only in these states.
RESULT_EDITABLE_STATES = {ResultStatus.DRAFT, ResultStatus.QUESTIONED}
# Figures the office has not yet accepted or questioned.
RESULT_PENDING_STATES = {ResultStatus.REPORTED}


class ExportKind(models.TextChoices):
    SUMMARY_PDF = "summary_pdf", _("Báo cáo tổng kết (PDF)")
    CRITERIA_XLSX = "criteria_xlsx", _("Kết quả tiêu chí theo đơn vị (Excel)")
    DOSSIERS_XLSX = "dossiers_xlsx", _("Hồ sơ đề nghị khen thưởng (Excel)")


EXPORT_FILES = {
    # kind -> (file name stem, extension, content type)
    ExportKind.SUMMARY_PDF: ("bao-cao-tong-ket", "pdf", "application/pdf"),
    ExportKind.CRITERIA_XLSX: (
        "ket-qua-tieu-chi",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ExportKind.DOSSIERS_XLSX: (
        "ho-so-de-nghi-khen-thuong",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
