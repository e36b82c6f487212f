"""Published announcements."""

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign

from ..models import Announcement


def announcement_list(*, campaign: Campaign | None = None) -> QuerySet[Announcement]:
    """Published announcements, newest first; the public page shows those of launched and closed campaigns."""
    qs = Announcement.objects.filter(published_at__lte=timezone.now()).select_related(
        "campaign", "author", "author__official"
    )
    if campaign is not None:
        return qs.filter(campaign=campaign)
    return qs.exclude(campaign__status=CampaignStatus.DRAFT)
