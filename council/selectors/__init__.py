"""Reads of the council's meetings and votes, by topic.

The interface other apps rely on (docs/council.md), kept stable:

- ``accepted_nominees(campaign)``: the nominees the office put before the council;
- ``meeting_outcome(meeting) -> list[Outcome]``: the result of every closed poll of the meeting;
- ``latest_closed_meeting(campaign)``: the meeting whose result the decision is drafted from.
"""

from .members import Quorum, council_for, meeting_membership, membership_of, quorum_of
from .nominees import accepted_nominees, nominee_page, nominees_by_award_kind
from .outcomes import (
    Outcome,
    hydrate_outcomes,
    latest_closed_meeting,
    meeting_outcome,
    meeting_outcome_page,
    pending_tie,
    pending_ties,
    poll_items_queryset,
    poll_outcomes,
    rank_group,
    tie_choice_labels,
    tie_places,
)
from .pages import (
    BallotState,
    PaperPoll,
    Voters,
    attendance_rows,
    ballot_items,
    ballot_state,
    committee_of,
    contacts_for,
    document_version,
    meeting_detail,
    meeting_list_for_user,
    meeting_rows,
    meeting_voters,
    member_has_voted,
    open_ballot_items,
    paper_polls,
    paper_status,
    polls_of,
    verification_states,
    voted_at_of,
    voted_member_ids,
)

__all__ = [
    "BallotState",
    "ballot_state",
    "Voters",
    "meeting_voters",
    "paper_status",
    "Outcome",
    "PaperPoll",
    "Quorum",
    "accepted_nominees",
    "attendance_rows",
    "document_version",
    "ballot_items",
    "committee_of",
    "contacts_for",
    "council_for",
    "hydrate_outcomes",
    "latest_closed_meeting",
    "meeting_detail",
    "meeting_list_for_user",
    "meeting_membership",
    "meeting_outcome",
    "meeting_outcome_page",
    "meeting_rows",
    "member_has_voted",
    "membership_of",
    "nominee_page",
    "nominees_by_award_kind",
    "open_ballot_items",
    "paper_polls",
    "pending_tie",
    "pending_ties",
    "tie_choice_labels",
    "tie_places",
    "poll_items_queryset",
    "poll_outcomes",
    "polls_of",
    "quorum_of",
    "rank_group",
    "verification_states",
    "voted_at_of",
    "voted_member_ids",
]
