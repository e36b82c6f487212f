"""The certificates bundle of an issued decision, as a background file job."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from anhai_thidua.core.permissions import require_actor

from ..models import Decision


@transaction.atomic
def certificate_job_request(*, decision: Decision, actor, blank_mode: bool | None = None):
    """Ask for the certificates bundle of an issued decision (a core FileJob of kind awards.certificates or
    awards.certificates_blank, built by awards/jobs.py): in a Celery worker when the decision has more than
    CERTIFICATE_SYNC_LIMIT awards, else at once after commit, in this request.

    Side effects: one FileJob (queued) and its task after commit. A job of the same decision and mode still
    queued or running, whoever asked for it, is reused instead of starting a second one."""
    from anhai_thidua.core.jobs import job_request

    from ..jobs import kind_for

    require_actor(actor, "awards.print_certificates", decision)
    blank_mode = settings.CERTIFICATE_BLANK_MODE if blank_mode is None else bool(blank_mode)
    Decision.objects.select_for_update().get(pk=decision.pk)
    return job_request(
        kind=kind_for(blank_mode),
        owner=actor,
        params={"decision_id": decision.pk},
        per_owner=False,
        # A few pages: made at once in this request (same task, same job row), no worker needed.
        run_now=decision.awards.count() <= settings.CERTIFICATE_SYNC_LIMIT,
    )


def document_job_request(*, decision: Decision, actor, kind: str):
    """A large decision's own PDF or payment list (awards.jobs DECISION_PDF, PAYMENT_LIST_PDF) made in a Celery
    worker: one job per decision version, whoever asks; a finished one is given again until the decision
    changes. Side effects: at most one FileJob and its task after commit."""
    from anhai_thidua.core.jobs import job_request

    from ..jobs import DECISION_PDF

    require_actor(
        actor, "awards.view_decision" if kind == DECISION_PDF else "awards.print_certificates", decision
    )
    return job_request(
        kind=kind,
        owner=actor,
        params={"decision_id": decision.pk, "version": decision.version},
        per_owner=False,
        reuse_done=True,
    )
