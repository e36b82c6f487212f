"""Checks every write of the criteria app starts with."""

from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation.models import Unit


def _require_launched(campaign: Campaign) -> None:
    if campaign.status == CampaignStatus.DRAFT:
        raise DomainError(_("Phong trào chưa được phát động."))
    if campaign.status == CampaignStatus.CLOSED:
        raise DomainError(_("Phong trào đã kết thúc: không thể thay đổi số liệu."))


def _require_top_unit(unit: Unit) -> None:
    if unit.parent_id is not None or not unit.is_active:
        raise DomainError(
            _("Chỉ các phòng, đơn vị thuộc phường (không phải tổ, bộ phận) đăng ký và báo cáo.")
        )
