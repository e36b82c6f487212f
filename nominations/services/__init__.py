"""Writes on dossiers. Every write locks the dossier row, refuses what the state or the user does not
allow with a DomainError (Vietnamese), bumps the dossier's version, writes the audit row, and schedules
side effects with transaction.on_commit.

One module per topic; callers import the package (`from nominations import services`)."""

from ..enums import DossierState
from ..errors import DomainError, IllegalTransition
from .attachments import attachment_add, attachment_remove
from .dossiers import (
    dossier_accept,
    dossier_create,
    dossier_discard,
    dossier_reject,
    dossier_reopen,
    dossier_return,
    dossier_submit,
    dossier_withdraw,
)
from .extensions import extension_grant
from .minutes import MINUTES_FIELDS, dossier_letter_save, minutes_save
from .nominees import nominee_add, nominee_remove, nominee_update
from .reports import REPORT_FIELDS, report_confirm, report_initial, report_save

__all__ = [
    "MINUTES_FIELDS",
    "REPORT_FIELDS",
    "DomainError",
    "DossierState",
    "IllegalTransition",
    "attachment_add",
    "attachment_remove",
    "dossier_accept",
    "dossier_create",
    "dossier_discard",
    "dossier_letter_save",
    "dossier_reject",
    "dossier_reopen",
    "dossier_return",
    "dossier_submit",
    "dossier_withdraw",
    "extension_grant",
    "minutes_save",
    "nominee_add",
    "nominee_remove",
    "nominee_update",
    "report_confirm",
    "report_initial",
    "report_save",
]
