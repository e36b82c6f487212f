"""Writes of the council's meeting and vote, by topic. One transition service per step
(enums.MEETING_TRANSITIONS): each locks the meeting row, refuses what the state or the user does not allow
with a DomainError (Vietnamese), writes the audit row, and leaves mail to notify(), which sends after commit.

Secret ballot: nothing here logs or audits a member together with a choice.

Callers import from `council.services`; the modules are:
  base      refusals, the meeting lock against the transition table, the audit of a move
  meetings  meeting_create, attendance_record, end_time_set, document_job_request (a large meeting's files)
  opening   meeting_open (quorum, polls, recusals)
  voting    vote_cast (a member's own vote)
  paper     committee_set, paper_voters_record, paper_tally_record (the counting committee)
  closing   poll_close, chair_tie_break
"""

from anhai_thidua.core.domain import DomainError, IllegalTransition

from .base import ALREADY_VOTED, OFFICE_ONLY, AlreadyVoted, PaperTallyInvalid, already_voted_message
from .closing import chair_tie_break, poll_close
from .meetings import attendance_record, document_job_request, end_time_set, meeting_create
from .opening import meeting_open, recusal_reason
from .paper import (
    committee_set,
    paper_issued,
    paper_recusals,
    paper_tally_problems,
    paper_tally_record,
    paper_voters_record,
)
from .voting import vote_cast

__all__ = [
    "ALREADY_VOTED",
    "OFFICE_ONLY",
    "AlreadyVoted",
    "DomainError",
    "IllegalTransition",
    "PaperTallyInvalid",
    "already_voted_message",
    "attendance_record",
    "document_job_request",
    "chair_tie_break",
    "committee_set",
    "end_time_set",
    "meeting_create",
    "meeting_open",
    "paper_issued",
    "paper_recusals",
    "paper_tally_problems",
    "paper_tally_record",
    "paper_voters_record",
    "poll_close",
    "recusal_reason",
    "vote_cast",
]
