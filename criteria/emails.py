"""Mail sent by the criteria workflow: through notifications.notify() (the outbox), inside the
transition's transaction, so it goes once, after commit, even if the broker is down then."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.services import notify
from organisation.selectors import unit_heads

from .models import TargetResult


def notify_result_questioned(result: TargetResult) -> int:
    """Tell the unit's heads (in-app and by e-mail) that the office asks them to look again at a figure.
    Returns how many were told."""
    campaign = result.period.campaign
    link = reverse(
        "criteria:report",
        kwargs={"slug": campaign.slug, "unit": result.unit.code, "period": result.period_id},
    )
    subject = _("Đề nghị xem lại số liệu: %(target)s") % {"target": result.target.label}
    message = _(
        "Phòng Văn hóa - Xã hội đề nghị %(unit)s xem lại số liệu chỉ tiêu “%(target)s” "
        "(%(period)s, %(campaign)s).\n\nÝ kiến: %(comment)s\n\n"
        "Số liệu đã báo cáo: %(num)s / %(den)s. Hãy sửa và gửi lại."
    ) % {
        "unit": result.unit.name,
        "target": result.target.label,
        "period": result.period.name,
        "campaign": campaign.title,
        "comment": result.office_comment,
        "num": result.numerator,
        "den": result.denominator,
    }
    written = notify(
        recipients=unit_heads([result.unit_id])[result.unit_id],
        subject=subject,
        link=link,
        context={"message": message},
    )
    return len(written)
