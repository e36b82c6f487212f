"""Council pages. Thin: permission → form → one service or selector → message and redirect."""

from .documents import minutes_pdf_view, tally_xlsx_view, vote_count_pdf_view
from .meetings import (
    attendance_view,
    end_time_view,
    meeting_create_view,
    meeting_detail_view,
    meeting_list,
    meeting_open_view,
    poll_close_view,
    tie_break_view,
    tie_list_view,
)
from .voting import ballot_view, committee_view, paper_tally_view, paper_voters_view

__all__ = [
    "attendance_view",
    "ballot_view",
    "committee_view",
    "end_time_view",
    "meeting_create_view",
    "meeting_detail_view",
    "meeting_list",
    "meeting_open_view",
    "minutes_pdf_view",
    "paper_tally_view",
    "paper_voters_view",
    "poll_close_view",
    "tally_xlsx_view",
    "tie_break_view",
    "tie_list_view",
    "vote_count_pdf_view",
]
