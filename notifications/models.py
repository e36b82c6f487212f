from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import EmailStatus, ReminderKind, ReminderStage


class Notification(models.Model):
    """One message to one user, shown in the in-app list; its email (if any) is an OutboundEmail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    # Optional idempotency key: notify() with the same key never notifies the same person twice.
    dedupe_key = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
            # The list's exact order (newest first, id as the tie-break): a page is an index range scan.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutboundEmail(models.Model):
    """The transactional outbox: every email is a row first, written in the caller's transaction.

    A beat task sends pending rows, claiming each with a conditional UPDATE (pending -> sending),
    so a row is sent by one worker only, and a message queued while the broker was down still leaves.
    The table doubles as the log of sent mail (development outbox page).
    """

    notification = models.ForeignKey(
        Notification, null=True, blank=True, related_name="emails", on_delete=models.SET_NULL
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    to = models.EmailField(_("địa chỉ nhận"))
    from_email = models.CharField(_("người gửi"), max_length=254)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    # Empty while `deferred` holds what the body is rendered from; filled when the outbox sends the row.
    body_text = models.TextField(_("nội dung (văn bản)"), blank=True)
    body_html = models.TextField(_("nội dung (HTML)"), blank=True)
    # A bulk writer (the reminder tick) leaves the rendering to the sender: the template pair, the greeting
    # name, the link and a JSON context (emails.defer / emails.render_deferred). Empty for rendered rows.
    deferred = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư điện tử đi")
        verbose_name_plural = _("thư điện tử đi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbound_due_idx")]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def message_id(self) -> str:
        """Stable Message-ID: if a crash makes us send a row twice, mail servers can drop the copy."""
        domain = self.from_email.rsplit("@", 1)[-1].strip(">") or "localhost"
        return f"<thidua-outbound-{self.pk}@{domain}>"


def validate_offsets(value: str) -> None:
    try:
        days = parse_offsets(value)
    except ValueError:
        raise ValidationError(
            _("Hãy nhập các số ngày nguyên dương, cách nhau bằng dấu phẩy, ví dụ: 7,3,1.")
        ) from None
    if any(d > 90 for d in days):
        raise ValidationError(_("Không nhắc trước quá 90 ngày."))


def parse_offsets(value: str) -> list[int]:
    """ "7, 3,1" -> [7, 3, 1] (distinct, largest first). Raises ValueError on anything else."""
    days = {int(part) for part in value.replace(";", ",").split(",") if part.strip()}
    if not days or any(d <= 0 for d in days):
        raise ValueError(value)
    return sorted(days, reverse=True)


class ReminderSettings(models.Model):
    """The office's choice of reminder days for one campaign (defaults: settings.REMINDER_OFFSETS_DAYS)."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", related_name="reminder_settings", on_delete=models.CASCADE
    )
    offsets = models.CharField(
        _("nhắc trước hạn (số ngày)"),
        max_length=60,
        default="7,3,1",
        validators=[validate_offsets],
        help_text=_("Các số ngày trước hạn, cách nhau bằng dấu phẩy, ví dụ: 7,3,1."),
    )
    after_days = models.PositiveSmallIntegerField(
        _("nhắc lại sau hạn (số ngày)"),
        default=1,
        help_text=_("Nhắc một lần sau hạn chừng này ngày; 0 là không nhắc sau hạn."),
    )
    escalate = models.BooleanField(
        _("báo Phòng Văn hóa - Xã hội"),
        default=True,
        help_text=_("Sau lần nhắc quá hạn, gửi Phòng danh sách đơn vị còn thiếu."),
    )
    enabled = models.BooleanField(_("gửi nhắc hạn"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("cấu hình nhắc hạn")
        verbose_name_plural = _("cấu hình nhắc hạn")

    def __str__(self):
        return f"{self.campaign}: {self.offsets}"

    @property
    def offset_days(self) -> list[int]:
        return parse_offsets(self.offsets)


class Reminder(models.Model):
    """One reminder sent to one person. The row is inserted BEFORE the message is written, in the same
    transaction; the unique constraint makes the database refuse a second row, so the same reminder
    (recipient, kind, campaign, object, deadline, offset) goes out exactly once, whatever the workers do."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), related_name="+", on_delete=models.CASCADE
    )
    kind = models.CharField(_("loại"), max_length=30, choices=ReminderKind.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign", verbose_name=_("phong trào"), related_name="reminders", on_delete=models.CASCADE
    )
    # What the reminder is about beyond the campaign: "unit:5", "nominations.dossier:12", "council:1",
    # "escalation". Never NULL: NULLs are distinct in a unique constraint and would let duplicates in.
    object_ref = models.CharField(_("đối tượng"), max_length=100, default="", blank=True)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    deadline = models.DateField(_("hạn"))
    # Days before the deadline; 0 on the day; negative after it.
    offset = models.SmallIntegerField(_("số ngày trước hạn"))
    stage = models.CharField(_("đợt nhắc"), max_length=12, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    notification = models.OneToOneField(
        Notification, null=True, blank=True, related_name="reminder", on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("lượt nhắc hạn")
        verbose_name_plural = _("lượt nhắc hạn")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "campaign", "object_ref", "deadline", "offset"],
                name="reminder_exactly_once",
            )
        ]
        indexes = [models.Index(fields=["campaign", "-sent_at"], name="reminder_campaign_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.deadline:%d/%m/%Y} ({self.offset:+d}) → {self.recipient_id}"
