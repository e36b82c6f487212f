from django.db import models
from django.utils.translation import gettext_lazy as _


class Comparator(models.TextChoices):
    AT_LEAST = "gte", _("từ … trở lên (≥)")
    EXACTLY_ALL = "all", _("đạt 100%")


class Outcome(models.TextChoices):
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Chưa đạt")
    NOT_APPLICABLE = "n_a", _("Không phát sinh")
