from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.enums import Role


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã kết thúc")


# The only allowed moves: action -> (who, {from state: to state}). The office launches, closes and reopens.
CAMPAIGN_TRANSITIONS: dict[str, tuple[str, dict[str, str]]] = {
    "launch": (Role.OFFICE, {CampaignStatus.DRAFT: CampaignStatus.LAUNCHED}),
    "close": (Role.OFFICE, {CampaignStatus.LAUNCHED: CampaignStatus.CLOSED}),
    "reopen": (Role.OFFICE, {CampaignStatus.CLOSED: CampaignStatus.LAUNCHED}),
}
EDITABLE_STATES = {CampaignStatus.DRAFT, CampaignStatus.LAUNCHED}


class PlanSection(models.TextChoices):
    """Lists of text the plan holds, each rendered in its place in the document."""

    PURPOSE = "purpose", _("Mục đích")
    REQUIREMENT = "requirement", _("Yêu cầu")
    CONTENT = "content", _("Nội dung phong trào thi đua")
    PROGRESS = "progress", _("Tiến độ thực hiện")
    RESPONSIBILITY = "responsibility", _("Tổ chức thực hiện")
    DISTRIBUTION = "distribution", _("Nơi nhận")


class AwardKind(models.TextChoices):
    GIAY_KHEN = "giay_khen", _("Giấy khen của Chủ tịch UBND phường")
    BANG_KHEN = "bang_khen", _("Bằng khen của Chủ tịch UBND thành phố (đề nghị)")


class NomineeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class DossierComponentKind(models.TextChoices):
    COVER_LETTER = "to_trinh", _("Tờ trình kèm danh sách")
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", _("Báo cáo thành tích")
    UNIT_MINUTES = "bien_ban", _("Biên bản họp Hội đồng TĐKT của đơn vị")
    OTHER = "khac", _("Tài liệu khác")


class DeadlineKind(models.TextChoices):
    REGISTRATION = "registration", _("Hạn đăng ký thi đua")
    CRITERIA_REPORT = "criteria_report", _("Hạn báo cáo kết quả tiêu chí")
    SUBMISSION = "submission", _("Hạn nộp hồ sơ đề nghị khen thưởng")
    REVIEW = "review", _("Hạn thẩm định hồ sơ")
    COUNCIL_MEETING = "council_meeting", _("Họp Hội đồng TĐKT phường")
