"""Deadline extensions the office grants one unit."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.permissions import require_actor
from campaigns.models import Campaign
from organisation.models import Unit
from organisation.text import nfc

from ..errors import DomainError
from ..models import DeadlineExtension, Dossier
from .common import bump


def extension_grant(
    *, campaign: Campaign, unit: Unit, actor, new_deadline: date, reason: str, today: date | None = None
) -> DeadlineExtension:
    """The office lets one unit submit until `new_deadline` (replacing an earlier extension).

    Side effects: audit rows on the extension and, when the unit has a dossier, on the dossier.
    """
    require_actor(
        actor,
        "nominations.grant_extension",
        message=_("Chỉ Phòng Văn hóa - Xã hội mới thực hiện được thao tác này."),
    )
    reason = nfc(reason)
    today = today or timezone.localdate()
    if not reason:
        raise DomainError(_("Hãy ghi lý do gia hạn."))
    if new_deadline < today:
        raise DomainError(_("Hạn mới phải từ hôm nay trở đi."))
    if campaign.submission_deadline and new_deadline <= campaign.submission_deadline:
        raise DomainError(
            _("Hạn mới phải sau hạn nộp hồ sơ của phong trào (%(date)s).")
            % {"date": campaign.submission_deadline.strftime("%d/%m/%Y")}
        )
    if unit.parent_id is not None:
        raise DomainError(_("Gia hạn cho đơn vị thuộc phường, không cho tổ, bộ phận."))
    with transaction.atomic():
        extension, _created = DeadlineExtension.objects.update_or_create(
            campaign=campaign,
            unit=unit,
            defaults={"new_deadline": new_deadline, "reason": reason, "granted_by": actor},
        )
        note = _("Gia hạn đến %(date)s: %(reason)s") % {
            "date": new_deadline.strftime("%d/%m/%Y"),
            "reason": reason,
        }
        audit_record(actor=actor, action="extension_grant", target=extension, note=note)
        dossier = Dossier.objects.select_for_update().filter(campaign=campaign, unit=unit).first()
        if dossier is not None:
            bump(dossier)
            audit_record(actor=actor, action="extension_grant", target=dossier, note=note)
    return extension
