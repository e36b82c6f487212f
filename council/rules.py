"""Permission predicates of the council's pages: the office manages meetings, council members vote,
the chairman (and vice-chairman) see the results; everyone else gets 403."""

import rules

from organisation.rules import is_admin, is_chairman, is_council_member, is_office, is_vice_chairman

from .enums import MeetingState


@rules.predicate
def is_member_of_meeting_council(user, meeting):
    from .selectors import meeting_membership

    # Answered once per meeting object, with the membership the ballot page uses (no second query).
    return meeting_membership(user, meeting) is not None


@rules.predicate
def is_counting_member(user, meeting):
    """A member of the meeting's counting committee (ban kiểm phiếu)."""
    if not (user and user.is_authenticated and user.official_id) or meeting is None:
        return False
    return meeting.counting_members.filter(member__official_id=user.official_id).exists()


@rules.predicate
def meeting_is_open(user, meeting):
    return meeting is not None and meeting.state == MeetingState.OPEN


can_manage = is_office | is_admin
can_see = can_manage | is_chairman | is_vice_chairman

rules.add_perm("council.list_meetings", can_see | is_council_member)
rules.add_perm("council.manage_meeting", can_manage)
rules.add_perm("council.view_meeting", can_see | is_member_of_meeting_council)
rules.add_perm("council.manage_committee", can_manage)
rules.add_perm("council.view_result", can_see | is_member_of_meeting_council)
rules.add_perm("council.vote", is_member_of_meeting_council)
# The meeting's state first: on a closed meeting the page asks without a query.
rules.add_perm("council.record_paper_voters", meeting_is_open & can_manage)
rules.add_perm("council.count_paper", meeting_is_open & (can_manage | is_counting_member))
# The service's check: the committee (or the office typing for it) enters the totals; the meeting's state is
# checked on the locked row with its own message.
rules.add_perm("council.enter_paper_tally", can_manage | is_counting_member)
rules.add_perm("council.break_tie", can_manage | is_chairman)
rules.add_perm("council.download_documents", can_see)
