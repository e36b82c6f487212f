"""The office's review of nomination dossiers (thẩm định hồ sơ): the checklist, the returns for
supplements with their reasons and due date, and the decision on each nominee.

The dossier's state lives in nominations.Dossier and moves only through nominations.services; this app
keeps what the review adds to it. Workflow lives in services.py, never in save() or signals (the only
receivers, in signals.py, keep the derived search key fresh).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import DossierRequirement
from nominations.models import Dossier, Nominee

from .enums import ItemAspect, ItemStatus


class DossierReview(models.Model):
    """The review side of one dossier: created with the dossier, one row each."""

    dossier = models.OneToOneField(Dossier, related_name="review", on_delete=models.CASCADE)
    # Optimistic concurrency of the review work (checklist, decisions): every review write bumps it.
    version = models.PositiveIntegerField(_("phiên bản thẩm định"), default=1)
    # Diacritic-free, lower-case text of the unit and every nominee's name (organisation.text.fold):
    # the inbox searches it with LIKE, so "nguyen van hung" finds "Nguyễn Văn Hùng".
    search_text = models.TextField(default="", blank=True, editable=False)
    received_at = models.DateTimeField(_("Phòng đã nhận lúc"), null=True, blank=True)
    # The submission the office acknowledged receiving (Dossier.submission_count): a resubmission is
    # received anew.
    received_submission = models.PositiveIntegerField(default=0)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    # The due date the office set for the supplements of the last return (None when never returned).
    supplement_due = models.DateField(_("hạn nộp bổ sung"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thẩm định hồ sơ")
        verbose_name_plural = _("thẩm định hồ sơ")

    def __str__(self):
        return f"{_('Thẩm định')}: {self.dossier_id}"


class ReviewItem(models.Model):
    """One line of the reviewer's checklist: a required component of the campaign, or one aspect of
    one nominee, with the reviewer's finding and comment."""

    review = models.ForeignKey(DossierReview, related_name="items", on_delete=models.CASCADE)
    aspect = models.CharField(_("nội dung kiểm tra"), max_length=20, choices=ItemAspect.choices)
    requirement = models.ForeignKey(
        DossierRequirement, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    nominee = models.ForeignKey(
        Nominee, null=True, blank=True, related_name="review_items", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("kết quả"), max_length=5, choices=ItemStatus.choices, default=ItemStatus.PENDING, blank=True
    )
    comment = models.TextField(_("nhận xét"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục kiểm tra")
        verbose_name_plural = _("mục kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(aspect="requirement", requirement__isnull=False, nominee__isnull=True)
                    | (~Q(aspect="requirement") & Q(nominee__isnull=False, requirement__isnull=True))
                ),
                name="review_item_requirement_xor_nominee",
            ),
            models.UniqueConstraint(
                fields=["review", "requirement"],
                condition=Q(requirement__isnull=False),
                name="review_item_requirement_once",
            ),
            models.UniqueConstraint(
                fields=["review", "nominee", "aspect"],
                condition=Q(nominee__isnull=False),
                name="review_item_nominee_aspect_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_aspect_display()}: {self.get_status_display()}"


class NomineeDecision(models.Model):
    """The office's decision on one nominee: put before the ward council (accepted) or not (rejected,
    with the reason). A nominee of an accepted dossier without a row counts as accepted
    (selectors.accepted_nominees)."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Tiếp nhận")
        REJECTED = "rejected", _("Không tiếp nhận")

    nominee = models.OneToOneField(Nominee, related_name="review_decision", on_delete=models.CASCADE)
    dossier = models.ForeignKey(Dossier, related_name="nominee_decisions", on_delete=models.CASCADE)
    decision = models.CharField(_("quyết định"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("lý do"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("thời điểm"))

    class Meta:
        verbose_name = _("quyết định đối với người được đề nghị")
        verbose_name_plural = _("quyết định đối với người được đề nghị")
        # A campaign's rejected nominees (the council's list, the decision's "not awarded" annex).
        indexes = [models.Index(fields=["dossier", "decision"], name="nominee_decision_dossier_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="accepted") | ~Q(reason=""), name="nominee_rejection_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.nominee_id}: {self.decision}"


class ReviewReturn(models.Model):
    """One return for supplements: the reasons the unit must fix and the new due date."""

    dossier = models.ForeignKey(Dossier, related_name="review_returns", on_delete=models.CASCADE)
    # The submission this return answers (Dossier.submission_count at the time).
    submission = models.PositiveIntegerField(_("lần nộp"))
    # [{"item": "Báo cáo thành tích – Ông Trần Ngọc Sơn", "text": "Bổ sung số liệu ..."}, ...]
    reasons = models.JSONField(_("nội dung cần bổ sung"), default=list)
    due_date = models.DateField(_("hạn nộp bổ sung"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.dossier_id} #{self.submission} → {self.due_date:%d/%m/%Y}"

    @property
    def reason_lines(self) -> list[str]:
        return [f"{r['item']}: {r['text']}" if r.get("item") else r["text"] for r in self.reasons]
