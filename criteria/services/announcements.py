"""Publicity announcements."""

from django.db import transaction
from django.utils.translation import gettext as _

from anhai_thidua.core.audit import audit_record
from anhai_thidua.core.domain import DomainError
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from organisation.text import nfc

from ..models import (
    Announcement,
)

# ---- Announcements ------------------------------------------------------------------------------------------


def announcement_publish(*, campaign: Campaign, actor, title: str, body: str) -> Announcement:
    """Publish an announcement on the campaign page and the public page. Side effects: audit row."""
    if campaign.status == CampaignStatus.DRAFT:
        raise DomainError(_("Phong trào chưa được phát động: chưa thể đăng thông báo."))
    title, body = nfc(title.strip()), nfc(body.strip())
    if not title or not body:
        raise DomainError(_("Hãy nhập tiêu đề và nội dung thông báo."))
    with transaction.atomic():
        announcement = Announcement.objects.create(campaign=campaign, title=title, body=body, author=actor)
        audit_record(actor=actor, action="announcement_publish", target=announcement, note=title)
    return announcement


def announcement_withdraw(*, announcement: Announcement, actor) -> None:
    """Take an announcement down. Side effects: audit row on the campaign."""
    with transaction.atomic():
        audit_record(
            actor=actor, action="announcement_withdraw", target=announcement.campaign, note=announcement.title
        )
        announcement.delete()
