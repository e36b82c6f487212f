"""Background work of the awards app. The certificates bundle is a core file job (awards/jobs.py)."""

# The signed decision's tasks (awards/signing/tasks.py), imported so the worker registers them.
from .signing.tasks import make_issued_record, sign_decision_as_agency  # noqa: E402, F401
