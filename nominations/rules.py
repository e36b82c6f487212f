"""Permission predicates on dossiers, reused by views, templates, services and tests.

A unit head sees and edits only the dossiers of the units they head; the office (and the administrator)
sees every dossier and reviews them. Everyone else sees none.
"""

import rules

from organisation.rules import is_admin, is_office

from .enums import DOSSIER_TRANSITIONS, EDITABLE_STATES


def conflict_unit_ids(dossier, nominee=None) -> list[int]:
    """The units whose head has a conflict of interest on this dossier (or on this nominee of it): the
    dossier's unit and the unit it belongs to; for a collective nominee also its own unit and top unit.
    The one rule behind the council's recusal and the office's review (issue 9)."""
    units = [dossier.unit_id]
    unit = getattr(dossier, "unit", None)
    if unit is not None and unit.parent_id:
        units.append(unit.parent_id)
    if nominee is not None and nominee.kind == "collective" and nominee.unit_id:
        units += [nominee.unit_id, nominee.unit.top_unit_id]
    return list(dict.fromkeys(units))


def conflicting_unit_id(headed_unit_ids, dossier, nominee=None) -> int | None:
    """The first unit of the dossier (or nominee) that one of ``headed_unit_ids`` is, else None."""
    headed = set(headed_unit_ids)
    return next((u for u in conflict_unit_ids(dossier, nominee) if u in headed), None)


@rules.predicate
def has_conflict_of_interest(user, dossier):
    """The user heads the dossier's unit (or the unit above it): they may not review, accept or return it,
    as a council member who heads a nominee's unit does not vote on it."""
    if not (user and user.is_authenticated) or dossier is None:
        return False
    return conflicting_unit_id(user.headed_unit_ids(), dossier) is not None


@rules.predicate
def heads_dossier_unit(user, dossier):
    if not (user and user.is_authenticated) or dossier is None:
        return False
    return dossier.unit_id in user.headed_unit_ids()


@rules.predicate
def dossier_is_editable(user, dossier):
    return dossier is not None and dossier.state in EDITABLE_STATES


def _state_allows(action):
    @rules.predicate(name=f"dossier_can_{action}")
    def predicate(user, dossier):
        return dossier is not None and dossier.state in DOSSIER_TRANSITIONS[action][1]

    return predicate


@rules.predicate
def never_submitted_draft(user, dossier):
    return dossier is not None and dossier.state == "draft" and not dossier.submission_count


@rules.predicate
def heads_any_unit(user):
    return bool(user and user.is_authenticated and user.headed_unit_ids())


@rules.predicate
def heads_top_unit(user, unit):
    """Only the head of a top unit opens its dossier (a team's is part of its unit's)."""
    return bool(
        user
        and user.is_authenticated
        and unit is not None
        and unit.parent_id is None
        and unit.pk in user.headed_unit_ids()
    )


can_review = is_office | is_admin

rules.add_perm("nominations.list_dossiers", can_review | heads_any_unit)
rules.add_perm("nominations.view_dossier", heads_dossier_unit | can_review)
rules.add_perm("nominations.create_dossier", heads_top_unit)
# The unit's side of the workflow (Actor.UNIT in DOSSIER_TRANSITIONS): whether the dossier's state allows
# the move is the service's to say, with its own message.
rules.add_perm("nominations.act_for_unit", heads_dossier_unit)
rules.add_perm("nominations.change_dossier", heads_dossier_unit & dossier_is_editable)
rules.add_perm("nominations.submit_dossier", heads_dossier_unit & _state_allows("submit"))
rules.add_perm(
    "nominations.withdraw_dossier", heads_dossier_unit & _state_allows("withdraw") & ~never_submitted_draft
)
rules.add_perm("nominations.discard_dossier", heads_dossier_unit & never_submitted_draft)
rules.add_perm("nominations.reopen_dossier", heads_dossier_unit & _state_allows("reopen"))
rules.add_perm("nominations.confirm_report", heads_dossier_unit & dossier_is_editable)
# The office's side (Actor.OFFICE): it returns, accepts or rejects a dossier only through its review
# (reviews.services), which calls dossier_return / dossier_accept / dossier_reject.
rules.add_perm("nominations.review_dossier", can_review)
rules.add_perm("nominations.grant_extension", can_review)
