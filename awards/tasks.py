"""Background work of the awards app: the certificates bundle made by a Celery worker."""

import logging
import secrets
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .enums import JobStatus
from .models import CertificateJob

logger = logging.getLogger(__name__)


def _set_progress(job_id: int, progress: int) -> None:
    CertificateJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=min(progress, 99))


@shared_task(name="awards.render_certificates", ignore_result=True, acks_late=True)
def render_certificates(job_id: int) -> str:
    """Make the certificates PDF of a CertificateJob. Idempotent: a conditional UPDATE claims the queued job,
    so a second delivery of the same message does nothing. Returns the job's final status."""
    from .documents import certificates_filename, certificates_pdf
    from .signing.services import sign_certificates

    claimed = CertificateJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, progress=5
    )
    job = CertificateJob.objects.select_related("decision").get(pk=job_id)
    if not claimed:
        return job.status
    try:
        data = certificates_pdf(
            job.decision, blank_mode=job.blank_mode, progress=lambda p: _set_progress(job_id, p)
        )
        data = sign_certificates(data)  # the agency's signature when configured (awards/signing)
        relative = Path("awards") / str(job.decision_id) / f"{secrets.token_hex(16)}.pdf"
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        CertificateJob.objects.filter(pk=job_id).update(
            status=JobStatus.DONE,
            progress=100,
            file_path=relative.as_posix(),
            filename=certificates_filename(job.decision, blank_mode=job.blank_mode),
            finished_at=timezone.now(),
        )
        return JobStatus.DONE
    except Exception as exc:  # noqa: BLE001 - the user sees the failure on the job page; the log has the trace
        logger.exception("certificate job %s failed", job_id)
        CertificateJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now(), progress=F("progress")
        )
        return JobStatus.FAILED


# The signed decision's tasks (awards/signing/tasks.py), imported so the worker registers them.
from .signing.tasks import make_issued_record, sign_decision_as_agency  # noqa: E402, F401
