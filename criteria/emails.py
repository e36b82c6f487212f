"""Mail sent by the criteria workflow (called on commit, with ids)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from organisation.enums import Role
from organisation.models import User

from .models import TargetResult


def unit_head_emails(unit_id: int) -> list[str]:
    emails = User.objects.filter(
        is_active=True, role_assignments__role=Role.UNIT_HEAD, role_assignments__unit_id=unit_id
    ).values_list("email", flat=True)
    return sorted({e for e in emails if e})


def send_result_questioned(result_id: int) -> int:
    """Tell the unit's heads that the office asks them to look again at a figure."""
    result = TargetResult.objects.select_related("period__campaign", "unit", "target").get(pk=result_id)
    recipients = unit_head_emails(result.unit_id)
    if not recipients:
        return 0
    campaign = result.period.campaign
    url = settings.SITE_URL + reverse(
        "criteria:report",
        kwargs={"slug": campaign.slug, "unit": result.unit.code, "period": result.period_id},
    )
    subject = _("[Thi đua] Đề nghị xem lại số liệu: %(target)s") % {"target": result.target.label}
    body = _(
        "Phòng Văn hóa - Xã hội đề nghị %(unit)s xem lại số liệu chỉ tiêu “%(target)s” "
        "(%(period)s, %(campaign)s).\n\nÝ kiến: %(comment)s\n\n"
        "Số liệu đã báo cáo: %(num)s / %(den)s.\nSửa và gửi lại tại: %(url)s\n"
    ) % {
        "unit": result.unit.name,
        "target": result.target.label,
        "period": result.period.name,
        "campaign": campaign.title,
        "comment": result.office_comment,
        "num": result.numerator,
        "den": result.denominator,
        "url": url,
    }
    return send_mail(subject, body, None, recipients)
