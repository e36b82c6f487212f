"""The award decision (Quyết định khen thưởng), its awards with their register numbers (sổ khen thưởng),
the document number counters and the background jobs that print the certificates.

Workflow lives in services.py; a decision is locked once issued (services refuse, and the database refuses
an issued decision without its number and date)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.money import vnd
from campaigns.enums import AwardKind, NomineeKind
from campaigns.models import Campaign

from .enums import (
    DECISION_SYMBOL,
    SUBMISSION_SYMBOL,
    DecisionStatus,
    RewardSubject,
    SignerCapacity,
)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class DocumentRegister(models.Model):
    """The ward's document register: the last number used per year and symbol ("QĐ-UBND", "SKT")."""

    year = models.PositiveSmallIntegerField(_("năm"))
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol"], name="register_once_per_year_symbol")
        ]

    def __str__(self):
        return f"{self.symbol} {self.year}: {self.last_number}"


def format_number(number: int | None) -> str:
    """ "05": a leading zero below 10, as NĐ 30 writes document numbers."""
    if number is None:
        return ""
    return f"{number:02d}"


class BaseSalary(models.Model):
    """The base salary (lương cơ sở) from a date on, and the decree that set it. A decision uses the row in
    force on its date; the office or an administrator keeps the rows (awards:rates)."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    decree = models.CharField(_("văn bản quy định"), max_length=200)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive")]

    def __str__(self):
        return f"{self.amount_display} đ từ {self.valid_from:%d/%m/%Y}"

    @property
    def amount_display(self) -> str:
        return f"{self.amount:,}".replace(",", ".")


class AwardCoefficient(models.Model):
    """The coefficient of one award form for one kind of subject (e.g. Giấy khen, cá nhân: 0,3 lần mức lương
    cơ sở) from a date on, and the decree that set it."""

    valid_from = models.DateField(_("áp dụng từ ngày"))
    award_kind = models.CharField(
        _("hình thức khen thưởng"), max_length=20, choices=AwardKind.choices, default=AwardKind.GIAY_KHEN
    )
    subject = models.CharField(_("đối tượng"), max_length=20, choices=RewardSubject.choices)
    value = models.DecimalField(_("hệ số (lần mức lương cơ sở)"), max_digits=6, decimal_places=3)
    decree = models.CharField(_("văn bản quy định"), max_length=200)

    class Meta:
        verbose_name = _("hệ số tiền thưởng")
        verbose_name_plural = _("hệ số tiền thưởng")
        ordering = ["-valid_from", "award_kind", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["valid_from", "award_kind", "subject"],
                name="coefficient_once_per_day_kind_subject",
                violation_error_message=_("Đã có hệ số cho hình thức, đối tượng và ngày áp dụng này."),
            ),
            models.CheckConstraint(condition=Q(value__gt=0), name="coefficient_positive"),
        ]

    def __str__(self):
        return f"{self.get_award_kind_display()} · {self.get_subject_display()}: {self.value}"


class Submission(models.Model):
    """The tờ trình of Phòng Văn hóa - Xã hội to the ward chairman proposing the awards the council
    approved (own register "TTr-VHXH", numbered per year). The decision cites it."""

    campaign = models.OneToOneField(Campaign, related_name="award_submission", on_delete=models.PROTECT)
    meeting_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, default=SUBMISSION_SYMBOL)
    year = models.PositiveSmallIntegerField(_("năm"))
    submission_date = models.DateField(_("ngày tờ trình"))
    place = models.CharField(_("địa danh"), max_length=60, default="An Hải")
    signer_name = models.CharField(_("Trưởng phòng ký"), max_length=120)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        constraints = [
            models.UniqueConstraint(fields=["year", "symbol", "number"], name="submission_number_once")
        ]

    def __str__(self):
        return f"{_('Tờ trình')} {self.reference}"

    @property
    def reference(self) -> str:
        """ "05/TTr-VHXH"."""
        return f"{format_number(self.number)}/{self.symbol}"


class Decision(models.Model):
    """The award decision of a campaign: a draft the office words, then issued (numbered, locked)."""

    campaign = models.ForeignKey(Campaign, related_name="award_decisions", on_delete=models.PROTECT)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default=DECISION_SYMBOL)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    decision_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=60, default="An Hải")
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI")
    title = models.CharField(_("trích yếu"), max_length=400)
    legal_bases = models.TextField(_("căn cứ (mỗi dòng một căn cứ)"))
    achievement = models.CharField(_("thành tích (ghi trên Giấy khen)"), max_length=400)
    article1_intro = models.TextField(_("Điều 1"))
    article2_text = models.TextField(_("Điều 2"))
    article3_text = models.TextField(_("Điều 3"))
    recipients = models.TextField(_("nơi nhận (mỗi dòng một nơi)"))
    # The council meeting whose result the decision follows (its id; the result itself is sealed in council).
    meeting_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # Money, fixed when the decision is drafted and recomputed on the decision date at issue.
    base_salary = models.PositiveIntegerField(_("lương cơ sở"), default=0)
    individual_amount = models.PositiveIntegerField(_("mức tiền thưởng cá nhân"), default=0)
    collective_amount = models.PositiveIntegerField(_("mức tiền thưởng tập thể"), default=0)
    # The rows the amounts come from (awards.BaseSalary, awards.AwardCoefficient), as they stood at issue.
    base_salary_decree = models.CharField(_("văn bản quy định lương cơ sở"), max_length=200, blank=True)
    individual_coefficient = models.DecimalField(
        _("hệ số cá nhân"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    collective_coefficient = models.DecimalField(
        _("hệ số tập thể"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    coefficient_decree = models.CharField(_("văn bản quy định hệ số"), max_length=200, blank=True)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, related_name="decisions", on_delete=models.PROTECT
    )
    signer_capacity = models.CharField(
        _("người ký"), max_length=20, choices=SignerCapacity.choices, blank=True
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=120, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-year", "-number", "-id"]
        indexes = [
            # the public page: issued decisions, newest first
            models.Index(fields=["status", "-decision_date", "-id"], name="decision_status_date"),
            # a campaign's decision (issued before draft)
            models.Index(fields=["campaign", "status"], name="decision_campaign_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DecisionStatus.DRAFT)
                | Q(
                    number__isnull=False, year__isnull=False, decision_date__isnull=False, signer_name__gt=""
                ),
                name="decision_issued_has_number_date_signer",
            ),
            models.UniqueConstraint(
                fields=["year", "symbol", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_once",
            ),
            models.UniqueConstraint(
                fields=["campaign"],
                condition=Q(status=DecisionStatus.DRAFT),
                name="decision_one_draft_per_campaign",
            ),
        ]

    def __str__(self):
        return f"{_('Quyết định')} {self.reference}"

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    @property
    def reference(self) -> str:
        """ "05/QĐ-UBND", or blanks before the number is assigned."""
        number = format_number(self.number) or "\u00a0" * 6
        return f"{number}/{self.symbol}"

    def legal_basis_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]

    def recipient_list(self) -> list[str]:
        return [line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip()]


class Award(models.Model):
    """One Giấy khen in a decision: the awardee as printed, the money and the register number."""

    decision = models.ForeignKey(Decision, related_name="awards", on_delete=models.CASCADE)
    nominee = models.ForeignKey(
        "nominations.Nominee", related_name="awards", on_delete=models.PROTECT, null=True, blank=True
    )
    award_kind = models.CharField(
        _("hình thức"), max_length=20, choices=AwardKind.choices, default=AwardKind.GIAY_KHEN
    )
    kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    # What the documents print, copied at drafting so that later edits of the directory do not change them.
    name = models.CharField(_("họ tên / tên tập thể"), max_length=200)
    honorific = models.CharField(_("danh xưng"), max_length=10, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"), default=0)
    order = models.PositiveIntegerField(default=0)
    register_year = models.PositiveSmallIntegerField(_("năm vào sổ"), null=True, blank=True)
    register_number = models.PositiveIntegerField(_("số vào sổ khen thưởng"), null=True, blank=True)
    verify_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["decision", "order", "id"]
        # A decision's awards in Article 1's order, a page at a time (the decision and public pages).
        indexes = [models.Index(fields=["decision", "order", "id"], name="award_decision_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_number"],
                condition=Q(register_number__isnull=False),
                name="award_register_number_once",
            ),
            models.UniqueConstraint(
                fields=["decision", "nominee"], condition=Q(nominee__isnull=False), name="award_nominee_once"
            ),
        ]

    def __str__(self):
        return self.formal_name

    @property
    def is_individual(self) -> bool:
        return self.kind == NomineeKind.INDIVIDUAL

    @property
    def formal_name(self) -> str:
        """ "Bà Lê Thị Thu Hà" or the collective's name."""
        return f"{self.honorific} {self.name}".strip() if self.is_individual else self.name

    @property
    def amount_display(self) -> str:
        return vnd(self.amount)

    @property
    def register_reference(self) -> str:
        if self.register_number is None:
            return ""
        return f"{format_number(self.register_number)}/{self.register_year}"

    @property
    def article_line(self) -> str:
        """Article 1's line: "Bà Lê Thị Thu Hà, Chuyên viên, Phòng Văn hóa - Xã hội" or the collective."""
        if not self.is_individual:
            return self.name
        return ", ".join(x for x in (self.formal_name, self.position, self.unit_name) if x)


# ---- Digitally signed decisions (awards/signing) ------------------------------------------------------------

from .signing.enums import AgencyStatus, SignatureKind  # noqa: E402


class SignedDecision(models.Model):
    """The document of record of an issued decision: the issued PDF with its empty signature field (what the
    office downloads to sign), then the signed file the office uploaded (digital) or the scan of the signed
    paper, with the validation report, and the agency's signature added by the app."""

    decision = models.OneToOneField(Decision, related_name="signed_record", on_delete=models.PROTECT)
    issued_path = models.CharField(max_length=300)
    issued_sha256 = models.CharField(max_length=64)
    issued_size = models.PositiveIntegerField(default=0)
    # Where the signer's field sits: page index and box (x1, y1, x2, y2) in PDF points.
    field_page = models.IntegerField(default=0)
    field_box = models.JSONField(default=list)
    kind = models.CharField(_("hình thức ký"), max_length=10, choices=SignatureKind.choices, blank=True)
    signed_path = models.CharField(max_length=300, blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)
    signed_filename = models.CharField(max_length=200, blank=True)
    signer_name = models.CharField(_("người ký số"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    report = models.JSONField(_("kết quả xác thực"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(null=True, blank=True)
    agency_status = models.CharField(max_length=10, choices=AgencyStatus.choices, default=AgencyStatus.NONE)
    agency_path = models.CharField(max_length=300, blank=True)
    agency_sha256 = models.CharField(max_length=64, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    agency_signed_at = models.DateTimeField(null=True, blank=True)
    agency_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định đã ký")
        verbose_name_plural = _("quyết định đã ký")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="") | Q(signed_path__gt="", signed_sha256__gt=""),
                name="signed_decision_has_file",
            )
        ]

    def __str__(self):
        return f"{self.decision} · {self.get_kind_display() or _('chưa ký')}"

    @property
    def is_digital(self) -> bool:
        return self.kind == SignatureKind.DIGITAL

    @property
    def is_scan(self) -> bool:
        return self.kind == SignatureKind.SCAN

    @property
    def is_published(self) -> bool:
        return bool(self.kind)

    @property
    def final_path(self) -> str:
        """The file the public gets: with the agency's signature when the app added it."""
        return self.agency_path or self.signed_path

    @property
    def final_sha256(self) -> str:
        return self.agency_sha256 or self.signed_sha256


class DecisionSignatureUpload(models.Model):
    """Every file the office uploaded for a decision, accepted or refused, with the reason and the report."""

    decision = models.ForeignKey(Decision, related_name="signature_uploads", on_delete=models.CASCADE)
    kind = models.CharField(_("hình thức ký"), max_length=10, choices=SignatureKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    accepted = models.BooleanField(default=False)
    reason = models.TextField(_("lý do từ chối"), blank=True)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("lần tải lên quyết định đã ký")
        verbose_name_plural = _("các lần tải lên quyết định đã ký")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return f"{self.decision} · {self.original_name}"
