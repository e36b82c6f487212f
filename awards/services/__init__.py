"""Writes of the awards app: the tờ trình, draft, word and issue the award decision; number documents and
awards; tell the units; the certificates job; the dated money rows.

Every service checks the actor's permission itself (awards/rules.py, through require_actor), so views, the
admin, commands and tasks obey the same rules. Refusals are DomainError with a Vietnamese message. Callers
import from `awards.services`; the modules are registers, wording, decisions, results, certificates, rates.
"""

from .certificates import certificate_job_request, document_job_request
from .decisions import EDITABLE_FIELDS, decision_draft, decision_issue, decision_update, submission_create
from .rates import base_salary_save, coefficient_save
from .registers import register_next
from .results import results_notify
from .wording import DEFAULT_FUNDING_SOURCE, award_fields, default_wording, office_head_name

__all__ = [
    "DEFAULT_FUNDING_SOURCE",
    "EDITABLE_FIELDS",
    "award_fields",
    "base_salary_save",
    "certificate_job_request",
    "coefficient_save",
    "decision_draft",
    "decision_issue",
    "decision_update",
    "default_wording",
    "document_job_request",
    "office_head_name",
    "register_next",
    "results_notify",
    "submission_create",
]
