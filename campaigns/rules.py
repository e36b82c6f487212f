"""Permission predicates on campaigns."""

import rules

from organisation.rules import is_admin, is_office

from .enums import CampaignStatus

can_manage = is_office | is_admin


@rules.predicate
def campaign_is_visible(user, campaign):
    """Drafts are the office's (and the admin's); launched and closed campaigns everyone's."""
    if campaign is None:
        return True
    return campaign.status != CampaignStatus.DRAFT or can_manage.test(user)


@rules.predicate
def campaign_is_editable(user, campaign):
    return campaign is None or campaign.is_editable


rules.add_perm("campaigns.view_campaign", rules.is_authenticated & campaign_is_visible)
rules.add_perm("campaigns.view_drafts", can_manage)
rules.add_perm("campaigns.add_campaign", can_manage)
rules.add_perm("campaigns.change_campaign", can_manage & campaign_is_editable)
rules.add_perm("campaigns.launch_campaign", can_manage)
rules.add_perm("campaigns.close_campaign", can_manage)
rules.add_perm("campaigns.copy_campaign", can_manage)
rules.add_perm("campaigns.export_campaign", can_manage)
