"""Who may upload the signed decision: the office (which keeps the document register) once it is issued."""

import rules

from ..rules import can_draft, decision_is_issued

rules.add_perm("awards.upload_signed_decision", can_draft & decision_is_issued)
