from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.models import Unit
from organisation.text import nfc

from .enums import RESULT_EDITABLE_STATES, Comparator, Outcome, ResultStatus


class Criterion(models.Model):
    """An emulation criterion of the plan (III.1: 1.1 … 1.6)."""

    campaign = models.ForeignKey(Campaign, related_name="criteria", on_delete=models.CASCADE)
    number = models.CharField(_("số hiệu"), max_length=10)
    text = models.TextField(_("nội dung tiêu chí"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="criterion_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.text = nfc(self.text)
        super().save(*args, **kwargs)


class Target(models.Model):
    """A measurable target inside a criterion (chỉ tiêu), judged on a count of a total.

    The threshold is data: another campaign may set other figures.
    """

    criterion = models.ForeignKey(Criterion, related_name="targets", on_delete=models.CASCADE)
    code = models.SlugField(_("mã"), max_length=60)
    label = models.CharField(_("chỉ tiêu"), max_length=300)
    numerator_label = models.CharField(_("số đạt (tử số)"), max_length=200)
    denominator_label = models.CharField(_("tổng số (mẫu số)"), max_length=200)
    comparator = models.CharField(
        _("cách so sánh"), max_length=5, choices=Comparator.choices, default=Comparator.AT_LEAST
    )
    threshold = models.DecimalField(
        _("ngưỡng (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "code"], name="target_code_unique"),
            models.CheckConstraint(
                condition=Q(threshold__gte=0, threshold__lte=100), name="target_threshold_range"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.threshold_display})"

    @property
    def threshold_display(self) -> str:
        value = self.threshold.normalize()
        text = f"{value:f}".replace(".", ",")
        if self.comparator == Comparator.EXACTLY_ALL or self.threshold == 100:
            return f"{text}%"
        return f"≥ {text}%"

    @staticmethod
    def percentage(numerator: int, denominator: int) -> Decimal | None:
        """numerator / denominator as a percentage with two decimals; None when nothing happened (0 of 0)."""
        if denominator == 0:
            return None
        return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    def evaluate(self, numerator: int, denominator: int) -> tuple[Decimal | None, str]:
        """The percentage and whether it meets the target; judged on exact fractions, not rounded ones."""
        if numerator < 0 or denominator < 0 or numerator > denominator:
            raise ValueError("numerator must be between 0 and denominator")
        if denominator == 0:
            return None, Outcome.NOT_APPLICABLE
        met = Decimal(numerator) * 100 >= self.threshold * Decimal(denominator)
        return self.percentage(numerator, denominator), Outcome.MET if met else Outcome.NOT_MET


class Registration(models.Model):
    """A unit's registration for a campaign (đăng ký thi đua), with one commitment per criterion."""

    campaign = models.ForeignKey(Campaign, related_name="registrations", on_delete=models.CASCADE)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), related_name="registrations", on_delete=models.PROTECT
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng ký"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    registered_at = models.DateTimeField(_("thời điểm đăng ký"), default=timezone.now)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["unit__order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="registration_once_per_unit")
        ]

    def __str__(self):
        return f"{self.unit} — {self.campaign}"


class RegistrationCommitment(models.Model):
    """What the unit commits to for one criterion."""

    registration = models.ForeignKey(Registration, related_name="commitments", on_delete=models.CASCADE)
    criterion = models.ForeignKey(Criterion, related_name="commitments", on_delete=models.CASCADE)
    text = models.TextField(_("nội dung cam kết"))

    class Meta:
        verbose_name = _("cam kết theo tiêu chí")
        verbose_name_plural = _("cam kết theo tiêu chí")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "criterion"], name="commitment_once_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion.number}: {self.text[:60]}"


class ReportingPeriod(models.Model):
    """A period for which units report their criteria values (set per campaign by the office)."""

    campaign = models.ForeignKey(Campaign, related_name="reporting_periods", on_delete=models.CASCADE)
    name = models.CharField(_("tên kỳ báo cáo"), max_length=120)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn báo cáo"))

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["campaign", "start", "id"], name="period_campaign_start")]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="period_name_unique"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="period_order"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class TargetResult(models.Model):
    """A unit's counts for one target in one reporting period; the percentage and outcome are computed."""

    period = models.ForeignKey(ReportingPeriod, related_name="results", on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, related_name="target_results", on_delete=models.PROTECT)
    target = models.ForeignKey(Target, related_name="results", on_delete=models.CASCADE)
    numerator = models.PositiveIntegerField(_("số đạt"))
    denominator = models.PositiveIntegerField(_("tổng số"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ResultStatus.choices, default=ResultStatus.DRAFT
    )
    unit_note = models.TextField(_("giải trình của đơn vị"), blank=True)
    office_comment = models.TextField(_("ý kiến của Phòng VH-XH"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    reported_at = models.DateTimeField(_("thời điểm báo cáo"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    validated_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        ordering = ["period", "unit", "target__criterion__order", "target__order"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "target"], name="result_once_per_target"),
            models.CheckConstraint(
                condition=Q(numerator__lte=models.F("denominator")), name="result_numerator_within_total"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "status"]),
            # a unit's own page: its figures of every period
            models.Index(fields=["unit", "period"], name="result_unit_period"),
            # the dashboard's counts per unit in one period: read from the index alone, in unit order
            models.Index(
                fields=["period", "unit", "target", "status", "numerator", "denominator"],
                name="result_period_unit_counts",
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.target.code} · {self.numerator}/{self.denominator}"

    @property
    def evaluation(self) -> tuple[Decimal | None, str]:
        return self.target.evaluate(self.numerator, self.denominator)

    @property
    def percent(self) -> Decimal | None:
        return self.evaluation[0]

    @property
    def outcome(self) -> str:
        return self.evaluation[1]

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label

    @property
    def is_editable(self) -> bool:
        return self.status in RESULT_EDITABLE_STATES


class EvidenceFile(models.Model):
    """A file a unit attaches as evidence of a result (stored outside public folders)."""

    result = models.ForeignKey(TargetResult, related_name="evidence", on_delete=models.CASCADE)
    file_path = models.CharField(max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class Announcement(models.Model):
    """A publicity announcement about a campaign (plain text, shown escaped)."""

    campaign = models.ForeignKey(Campaign, related_name="announcements", on_delete=models.CASCADE)
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    published_at = models.DateTimeField(_("thời điểm đăng"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-published_at", "-id"]
        indexes = [
            # a campaign's announcements, newest first (the public page uses published_at's own index)
            models.Index(fields=["campaign", "-published_at", "-id"], name="announcement_campaign_pub"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.body = nfc(self.body)
        super().save(*args, **kwargs)
