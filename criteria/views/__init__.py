"""Pages for registration, criteria results, the dashboard, reports and announcements.

Each view: permission (rules) -> form -> one service or selector -> message and redirect.
"""

from .announcements import announcement_delete, announcements, public
from .campaign import dashboard, period_edit, periods, register, registrations
from .reports import export_criteria, export_dossiers, export_download, export_job, export_start, summary_pdf
from .results import evidence_delete, evidence_download, evidence_upload, report, review, unit_page

__all__ = [
    "announcement_delete",
    "announcements",
    "dashboard",
    "evidence_delete",
    "evidence_download",
    "evidence_upload",
    "export_criteria",
    "export_dossiers",
    "export_download",
    "export_job",
    "export_start",
    "period_edit",
    "periods",
    "public",
    "register",
    "registrations",
    "report",
    "review",
    "summary_pdf",
    "unit_page",
]
