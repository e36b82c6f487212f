"""Writes on registration, reporting periods, criteria results, announcements and background exports.

Every write checks the campaign is open, locks the row it changes, and writes the audit trail.
"""

from .announcements import announcement_publish, announcement_withdraw
from .exports import export_request
from .registration import period_save, registration_submit
from .results import evidence_attach, evidence_remove, result_transition, results_report, results_save

__all__ = [
    "announcement_publish",
    "announcement_withdraw",
    "evidence_attach",
    "evidence_remove",
    "export_request",
    "period_save",
    "registration_submit",
    "result_transition",
    "results_report",
    "results_save",
]
