from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last time a Celery worker ran the heartbeat task; /healthz reads it."""

    name = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"


class AuditEntry(models.Model):
    """One step of any workflow: who, when, what, on which object, with an optional note.

    Entries form a chain: `seal` is an HMAC (settings.AUDIT_HMAC_KEY) over the entry's content and the
    previous entry's seal (`previous_seal`), so an edited, inserted or deleted row breaks the chain
    (`manage.py verify_audit`). Written only through `audit.audit_record`.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # the actor's id and name as written: kept when the account is deleted, so the trail still says who
    actor_ref = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    actor_name = models.CharField(_("tên người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=60)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    previous_seal = models.CharField(max_length=64, blank=True, editable=False)
    seal = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    @property
    def actor_label(self) -> str:
        """The actor's name now, or as it was written when the account no longer exists."""
        if self.actor_id and self.actor is not None:
            return str(getattr(self.actor, "display_name", "") or self.actor)
        return self.actor_name


class AuditChainHead(models.Model):
    """The last link of the audit chain, sealed, so a deleted last entry is noticed too.

    One row (pk=1). Appending locks it (SELECT ... FOR UPDATE), which serialises writers on PostgreSQL and
    keeps the chain linear under concurrency.
    """

    last_entry_id = models.BigIntegerField(null=True)
    last_seal = models.CharField(max_length=64, blank=True)
    count = models.BigIntegerField(default=0)
    seal = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")

    def __str__(self):
        return f"{self.count} @ #{self.last_entry_id}"


class FileJobState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


FILE_JOB_UNFINISHED = (FileJobState.QUEUED, FileJobState.RUNNING)


class FileJob(models.Model):
    """A file made in the background (Celery) for a user: a report, a workbook, a certificates bundle.

    The kind says which builder makes it (anhai_thidua.core.jobs registry, filled by the apps from their
    AppConfig.ready()); params are what the builder needs (ids, options). The file is kept through Django's
    default storage and served only through the job's download view, to the people the kind allows.
    """

    kind = models.CharField(_("loại"), max_length=40, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=FileJobState.choices, default=FileJobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    file = models.FileField(upload_to="jobs/%Y/%m/", max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    # The job this one replaced in an app's former job table ("criteria.exportjob:12"): old links redirect.
    legacy_ref = models.CharField(max_length=60, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp tạo ngầm")
        verbose_name_plural = _("tệp tạo ngầm")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="file_job_progress_range"),
        ]

    def __str__(self):
        return f"{self.kind} · {self.get_state_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in {FileJobState.DONE, FileJobState.FAILED}
