from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.dates import date_phrase
from organisation.models import Official, Unit
from organisation.text import nfc

from .enums import AwardKind, CampaignStatus, DeadlineKind, DossierComponentKind, NomineeKind, PlanSection


class Campaign(models.Model):
    """An emulation campaign and its plan document (Kế hoạch …/KH-UBND)."""

    slug = models.SlugField(_("mã rút gọn"), max_length=80, unique=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    # Document header
    doc_type = models.CharField(_("loại văn bản"), max_length=40, default="KẾ HOẠCH")
    number = models.CharField(_("số"), max_length=20, blank=True, help_text=_("Để trống khi chưa vào sổ."))
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, default="ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI")
    issuer_parent = models.CharField(_("cơ quan cấp trên"), max_length=200, blank=True)
    place = models.CharField(_("địa danh"), max_length=60, default="An Hải")
    issued_day = models.PositiveSmallIntegerField(_("ngày ban hành"), null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField(_("tháng ban hành"), null=True, blank=True)
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=400)
    preamble = models.TextField(_("căn cứ, mở đầu"), blank=True)
    period_start = models.DateField(_("thời gian thi đua từ"))
    period_end = models.DateField(_("đến"))
    participants = models.TextField(_("đối tượng thi đua"), blank=True)
    award_achievement = models.CharField(
        _("nội dung thành tích khen thưởng"),
        max_length=300,
        blank=True,
        help_text=_(
            "Dòng thành tích in trên Giấy khen, ví dụ: công tác Cải cách hành chính 6 tháng cuối năm 2025."
        ),
    )
    city_standard = models.TextField(_("tiêu chuẩn khen thưởng cấp thành phố"), blank=True)
    collective_standard_intro = models.TextField(_("điều kiện chung đối với tập thể"), blank=True)
    individual_standard_intro = models.TextField(_("điều kiện chung đối với cá nhân"), blank=True)
    quota_text = models.TextField(_("số lượng khen thưởng (văn bản)"), blank=True)
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nơi nhận hồ sơ"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    submission_text = models.TextField(_("thời gian đề nghị xét khen thưởng"), blank=True)
    funding_text = models.TextField(_("kinh phí khen thưởng"), blank=True)
    closing_text = models.TextField(_("câu kết"), blank=True)
    # Deadlines (the plan leaves them open; the office fixes them per campaign)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"), null=True, blank=True)
    criteria_report_deadline = models.DateField(_("hạn báo cáo kết quả tiêu chí"), null=True, blank=True)
    submission_deadline = models.DateField(_("hạn nộp hồ sơ"), null=True, blank=True)
    review_deadline = models.DateField(_("hạn thẩm định hồ sơ"), null=True, blank=True)
    council_meeting_date = models.DateField(_("ngày họp Hội đồng"), null=True, blank=True)
    # Signer block
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=80, default="TM. ỦY BAN NHÂN DÂN")
    signer_capacity = models.CharField(_("ký thay"), max_length=80, blank=True, default="KT. CHỦ TỊCH")
    signer_title = models.CharField(_("chức vụ người ký"), max_length=80, default="PHÓ CHỦ TỊCH")
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer = models.ForeignKey(
        Official,
        verbose_name=_("cán bộ ký"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        null=True,
        blank=True,
        related_name="copies",
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="campaign_period_order"
            ),
            models.CheckConstraint(
                condition=Q(issued_month__isnull=True) | Q(issued_month__gte=1, issued_month__lte=12),
                name="campaign_issued_month_range",
            ),
            models.CheckConstraint(
                condition=Q(issued_day__isnull=True) | Q(issued_day__gte=1, issued_day__lte=31),
                name="campaign_issued_day_range",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("title", "preamble", "participants", "award_achievement", "signer_name", "quota_text"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """ "Số: 05/KH-UBND", or "Số:     /KH-UBND" while the number is not yet assigned."""
        number = self.number
        if number.isdigit() and len(number) == 1:
            number = f"0{number}"
        blank = "\u00a0" * 6
        return f"{number or blank}/{self.symbol}"

    @property
    def issuer_phrase(self) -> str:
        """The issuer in running text: "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI" → "Ủy ban nhân dân phường An Hải"."""
        words = " ".join(self.issuer.split()).split(" ")
        for kind in ("PHƯỜNG", "XÃ", "THỊ TRẤN", "QUẬN", "HUYỆN", "THÀNH PHỐ", "THỊ XÃ", "TỈNH"):
            parts = kind.split(" ")
            for i in range(len(words) - len(parts) + 1):
                if [w.upper() for w in words[i : i + len(parts)]] == parts:
                    head = " ".join(words[: i + len(parts)]).lower()
                    name = " ".join(w.capitalize() for w in words[i + len(parts) :])
                    return f"{head[:1].upper()}{head[1:]} {name}".strip()
        return self.issuer

    @property
    def citation(self) -> str:
        """How other documents cite the plan: "Kế hoạch số 125/KH-UBND ngày 15/08/2025 của Ủy ban nhân dân
        phường An Hải" (the date as far as it is known). The one accessor other apps use for the plan's basis."""
        issued = self.issued_on
        if issued:
            when = f" ngày {issued:%d/%m/%Y}"
        elif self.issued_month and self.issued_year:
            when = f" tháng {self.issued_month:02d}/{self.issued_year}"
        else:
            when = ""
        kind = self.doc_type.strip().lower().capitalize() or "Kế hoạch"
        return f"{kind} số {self.reference}{when} của {self.issuer_phrase}"

    @property
    def issued_on(self) -> date | None:
        if self.issued_day and self.issued_month and self.issued_year:
            return date(self.issued_year, self.issued_month, self.issued_day)
        return None

    @property
    def date_line(self) -> str:
        """The italic date line: "An Hải, ngày 05 tháng 02 năm 2026", with blanks left open."""
        return f"{self.place}, {date_phrase(self.issued_day, self.issued_month, self.issued_year)}"

    @property
    def is_editable(self) -> bool:
        return self.status != CampaignStatus.CLOSED

    def deadlines(self) -> list[tuple[str, str, date | None]]:
        """(kind, label, date) for each deadline of the campaign, in workflow order."""
        pairs = [
            (DeadlineKind.REGISTRATION, self.registration_deadline),
            (DeadlineKind.CRITERIA_REPORT, self.criteria_report_deadline),
            (DeadlineKind.SUBMISSION, self.submission_deadline),
            (DeadlineKind.REVIEW, self.review_deadline),
            (DeadlineKind.COUNCIL_MEETING, self.council_meeting_date),
        ]
        return [(kind.value, kind.label, value) for kind, value in pairs]


class LegalBasis(models.Model):
    """One legal basis (căn cứ) of the plan, in order."""

    campaign = models.ForeignKey(Campaign, related_name="legal_bases", on_delete=models.CASCADE)
    text = models.TextField(_("căn cứ"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("căn cứ pháp lý")
        verbose_name_plural = _("căn cứ pháp lý")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:80]


class PlanItem(models.Model):
    """A paragraph of a plan section (purposes, requirements, contents, progress, duties, distribution)."""

    campaign = models.ForeignKey(Campaign, related_name="plan_items", on_delete=models.CASCADE)
    section = models.CharField(_("mục"), max_length=20, choices=PlanSection.choices)
    heading = models.CharField(
        _("tiêu đề nhóm"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: tên phòng, đơn vị được giao nhiệm vụ."),
    )
    number = models.CharField(_("số mục"), max_length=10, blank=True)
    text = models.TextField(_("nội dung"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")
        ordering = ["section", "order", "id"]
        indexes = [models.Index(fields=["campaign", "section", "order"])]

    def __str__(self):
        return f"{self.get_section_display()} {self.number} {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.text = nfc(self.text)
        self.heading = nfc(self.heading)
        super().save(*args, **kwargs)


class AwardForm(models.Model):
    """A form of award the campaign leads to (Giấy khen, or a proposal for Bằng khen)."""

    campaign = models.ForeignKey(Campaign, related_name="award_forms", on_delete=models.CASCADE)
    kind = models.CharField(_("hình thức"), max_length=20, choices=AwardKind.choices)
    description = models.TextField(_("nội dung trong kế hoạch"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="award_form_once_per_campaign")
        ]

    def __str__(self):
        return str(self.get_kind_display())


class Quota(models.Model):
    """How many collectives or individuals may receive an award form (III.3.2 c)."""

    award_form = models.ForeignKey(AwardForm, related_name="quotas", on_delete=models.CASCADE)
    nominee_kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    count = models.PositiveIntegerField(_("số lượng"))

    class Meta:
        verbose_name = _("số lượng khen thưởng")
        verbose_name_plural = _("số lượng khen thưởng")
        ordering = ["award_form", "nominee_kind"]
        constraints = [
            models.UniqueConstraint(fields=["award_form", "nominee_kind"], name="quota_once_per_kind")
        ]

    def __str__(self):
        return f"{self.award_form}: {self.count:02d} {self.get_nominee_kind_display().lower()}"


class Standard(models.Model):
    """One standard a collective or an individual may meet (III.3.2 a, b)."""

    campaign = models.ForeignKey(Campaign, related_name="standards", on_delete=models.CASCADE)
    nominee_kind = models.CharField(_("đối tượng"), max_length=20, choices=NomineeKind.choices)
    text = models.TextField(_("tiêu chuẩn"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chuẩn khen thưởng")
        verbose_name_plural = _("tiêu chuẩn khen thưởng")
        ordering = ["nominee_kind", "order", "id"]

    def __str__(self):
        return self.text[:80]


class DossierRequirement(models.Model):
    """A component the nomination dossier must contain (III.4)."""

    campaign = models.ForeignKey(Campaign, related_name="dossier_requirements", on_delete=models.CASCADE)
    kind = models.CharField(_("loại thành phần"), max_length=30, choices=DossierComponentKind.choices)
    text = models.TextField(_("thành phần hồ sơ"))
    required = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:80]
