"""Permission predicates for registration, criteria results, the dashboard, reports and announcements.

Object-level checks take a Unit (the unit pages) or a Campaign; views, templates and tests reuse them.
"""

import rules

from organisation.rules import heads_unit, is_admin, is_office, is_publicity, is_signer

can_manage = is_office | is_admin
# The office and the ward's leaders see the whole campaign; a unit head only the own unit.
sees_whole_campaign = is_office | is_admin | is_signer


@rules.predicate
def heads_top_unit(user, unit):
    """The user heads this top-level unit (registration and results are per top unit)."""
    return unit is not None and unit.parent_id is None and heads_unit(user, unit)


rules.add_perm("criteria.view_dashboard", sees_whole_campaign)
rules.add_perm("criteria.view_registrations", sees_whole_campaign)
rules.add_perm("criteria.view_unit", sees_whole_campaign | heads_top_unit)
rules.add_perm("criteria.register_unit", heads_top_unit)
rules.add_perm("criteria.report_results", heads_top_unit)
rules.add_perm("criteria.review_results", can_manage)
rules.add_perm("criteria.manage_periods", can_manage)
rules.add_perm("criteria.view_reports", sees_whole_campaign)
rules.add_perm("criteria.post_announcement", is_publicity | can_manage)
