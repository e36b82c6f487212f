from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Actor(models.TextChoices):
    """Who may move a decision: the office words the draft, the chairman (or a vice-chairman) issues it."""

    OFFICE = "office", _("Phòng Văn hóa - Xã hội")
    SIGNER = "signer", _("Chủ tịch, hoặc Phó Chủ tịch ký thay")


D = DecisionStatus

# The only allowed moves: action -> (who, {from state: to state}). Issuing is final.
DECISION_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "update": (Actor.OFFICE, {D.DRAFT: D.DRAFT}),
    "issue": (Actor.SIGNER, {D.DRAFT: D.ISSUED}),
}


class SignerCapacity(models.TextChoices):
    """Who signs: the chairman himself, or a vice-chairman signing for him (KT. CHỦ TỊCH)."""

    CHAIRMAN = "chairman", _("Chủ tịch ký")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch ký thay (KT. CHỦ TỊCH)")


class NotAwardedReason(models.TextChoices):
    BELOW_THRESHOLD = "below_threshold", _("Không đạt số phiếu đồng ý cần thiết của Hội đồng")
    OUTSIDE_QUOTA = "outside_quota", _("Đạt số phiếu nhưng ngoài số lượng khen thưởng theo Kế hoạch")
    REJECTED_AT_REVIEW = "rejected_at_review", _("Hồ sơ không được tiếp nhận khi thẩm định")


class RewardSubject(models.TextChoices):
    """Who receives the money: the values of the first two match campaigns.enums.NomineeKind."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


DECISION_SYMBOL = "QĐ-UBND"
# The award register (sổ khen thưởng) numbers its entries per year with the same counter table.
AWARD_REGISTER_SYMBOL = "SKT"
# The office's tờ trình to the ward chairman has its own register, numbered per year.
SUBMISSION_SYMBOL = "TTr-VHXH"
