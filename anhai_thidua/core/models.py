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
