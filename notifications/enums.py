from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")


class ReminderKind(models.TextChoices):
    """What a reminder is about; each kind has one "who still owes what" provider (registry.py)."""

    REGISTRATION = "registration", _("Đăng ký thi đua")
    CRITERIA_REPORT = "criteria_report", _("Báo cáo kết quả tiêu chí")
    SUBMISSION = "submission", _("Nộp hồ sơ đề nghị khen thưởng")
    RETURNED_DOSSIER = "returned_dossier", _("Bổ sung hồ sơ bị trả lại")
    COUNCIL_MEETING = "council_meeting", _("Họp Hội đồng Thi đua - Khen thưởng")
    REVIEW_LIMIT = "review_limit", _("Thời hạn thẩm định hồ sơ")


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("Trước hạn")
    ON_DAY = "on_day", _("Đúng ngày")
    AFTER = "after", _("Quá hạn")
    ESCALATION = "escalation", _("Báo Phòng VH-XH")
    MANUAL = "manual", _("Phòng nhắc ngay")


@dataclass(frozen=True)
class KindPolicy:
    """Which stages a kind goes through, and the campaign field holding its deadline (None: per object)."""

    deadline_field: str | None
    after: bool = True
    escalate: bool = True


KIND_POLICY: dict[str, KindPolicy] = {
    ReminderKind.REGISTRATION: KindPolicy("registration_deadline"),
    ReminderKind.CRITERIA_REPORT: KindPolicy("criteria_report_deadline"),
    ReminderKind.SUBMISSION: KindPolicy("submission_deadline"),
    ReminderKind.RETURNED_DOSSIER: KindPolicy(None),
    # A meeting is attended, not owed: no "late" reminder, nothing to escalate.
    ReminderKind.COUNCIL_MEETING: KindPolicy("council_meeting_date", after=False, escalate=False),
    # The office itself is reminded; escalating to the office again makes no sense.
    ReminderKind.REVIEW_LIMIT: KindPolicy(None, escalate=False),
}

# object_ref of the office's summary reminder, so it never collides with a unit's own reminder.
ESCALATION_REF = "escalation"
