"""Dossier pages, one module per topic. Thin: permission → form → one service or selector → message and
redirect. Every dossier is looked up through dossier_scope_for_user() (views.common), so another unit's
dossier is a 404, never data."""

from .attachments import attachment_add, attachment_download, attachment_remove
from .dossiers import (
    dossier_create_view,
    dossier_detail_view,
    dossier_discard_view,
    dossier_transition_view,
)
from .extensions import extension_list
from .listing import dossier_list
from .minutes import letter_edit, minutes_edit
from .nominees import nominee_add, nominee_edit, nominee_remove
from .pdfs import cover_letter_pdf, minutes_pdf, report_pdf
from .reports import report_confirm, report_edit

__all__ = [
    "attachment_add",
    "attachment_download",
    "attachment_remove",
    "cover_letter_pdf",
    "dossier_create_view",
    "dossier_detail_view",
    "dossier_discard_view",
    "dossier_list",
    "dossier_transition_view",
    "extension_list",
    "letter_edit",
    "minutes_edit",
    "minutes_pdf",
    "nominee_add",
    "nominee_edit",
    "nominee_remove",
    "report_confirm",
    "report_edit",
    "report_pdf",
]
