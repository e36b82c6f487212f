from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organisation.text import nfc

from .enums import Comparator, Outcome


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
