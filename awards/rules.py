"""Permission predicates on award decisions, reused by views, templates, services and tests.

The office (Phòng VH-XH) drafts and words the decision; the chairman, or a vice-chairman signing for him,
issues it. Unit heads and council members see neither the draft nor its buttons.
"""

import rules

from organisation.rules import is_admin, is_office, is_signer

from .enums import DecisionStatus


@rules.predicate
def decision_is_draft(user, decision):
    return decision is not None and decision.status == DecisionStatus.DRAFT


@rules.predicate
def decision_is_issued(user, decision):
    return decision is not None and decision.status == DecisionStatus.ISSUED


can_draft = is_office | is_admin
can_view = is_office | is_admin | is_signer

rules.add_perm("awards.draft_decision", can_draft)
rules.add_perm("awards.view_decision", can_view)
rules.add_perm("awards.edit_decision", can_draft & decision_is_draft)
rules.add_perm("awards.sign_decision", is_signer)
rules.add_perm("awards.issue_decision", is_signer & decision_is_draft)
rules.add_perm("awards.print_certificates", can_view & decision_is_issued)
rules.add_perm("awards.view_proposal", can_view)
# The dated money rows (base salary, coefficients) are kept by the office or an administrator.
rules.add_perm("awards.manage_rates", can_draft)
