"""The review's choices and its transition table.

The review has no states of its own: it moves the dossier, through nominations.services, along the office's
rows of DOSSIER_TRANSITIONS. Its table has the form of every workflow's (action -> who, {from: to}) so that
the one place to read what the office may do on the review page is here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.enums import DOSSIER_TRANSITIONS, PENDING_REVIEW_STATES, Actor


class ItemAspect(models.TextChoices):
    REQUIREMENT = "requirement", _("Thành phần hồ sơ")
    STANDARD = "standard", _("Đạt tiêu chuẩn khen thưởng")
    DECLARATIONS = "declarations", _("Cam kết theo Điều 4 NĐ 152/2025/NĐ-CP")
    REPORT = "report", _("Báo cáo thành tích đầy đủ, có xác nhận")


NOMINEE_ASPECTS = (ItemAspect.STANDARD, ItemAspect.DECLARATIONS, ItemAspect.REPORT)


class ItemStatus(models.TextChoices):
    PENDING = "", _("Chưa kiểm tra")
    OK = "ok", _("Đạt")
    FIX = "fix", _("Cần bổ sung")


# action -> (who, {from state: to state}). Saving the checklist leaves the dossier where it is; the page's
# "decide" ends in "accept" when at least one nominee is accepted, else in "reject".
REVIEW_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "save": (Actor.OFFICE, {state: state for state in PENDING_REVIEW_STATES}),
    "return": DOSSIER_TRANSITIONS["return"],
    "accept": DOSSIER_TRANSITIONS["accept"],
    "reject": DOSSIER_TRANSITIONS["reject"],
}
