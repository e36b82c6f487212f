"""Background work of the criteria app: reports and workbooks made by a Celery worker."""

import secrets
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from .enums import EXPORT_FILES, ExportKind, ExportStatus
from .models import ExportJob


def _set_progress(job_id: int, progress: int) -> None:
    ExportJob.objects.filter(pk=job_id, status=ExportStatus.RUNNING).update(progress=progress)


@shared_task(name="criteria.run_export", ignore_result=True, acks_late=True)
def run_export(job_id: int) -> str:
    """Make the file of an ExportJob. Idempotent: a conditional UPDATE claims the queued job, so a second
    delivery of the same message does nothing. Returns the job's final status."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, progress=5
    )
    job = ExportJob.objects.select_related("campaign").get(pk=job_id)
    if not claimed:
        return job.status
    try:
        data = _render(job)
        stem, ext, _content_type = EXPORT_FILES[ExportKind(job.kind)]
        relative = Path("exports") / str(job.campaign_id) / f"{secrets.token_hex(16)}.{ext}"
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.DONE,
            progress=100,
            file_path=relative.as_posix(),
            filename=f"{stem}-{slugify(job.campaign.slug)}.{ext}",
            finished_at=timezone.now(),
        )
        return ExportStatus.DONE
    except Exception as exc:  # noqa: BLE001 - the user sees the failure on the job page; the log has the trace
        import logging

        logging.getLogger(__name__).exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED,
            error=str(exc)[:500],
            finished_at=timezone.now(),
            progress=F("progress"),
        )
        return ExportStatus.FAILED


def _render(job: ExportJob) -> bytes:
    from .documents import summary_pdf
    from .exports import criteria_workbook, dossiers_workbook

    _set_progress(job.pk, 20)
    period_id = job.period_id
    if job.kind == ExportKind.SUMMARY_PDF:
        data = summary_pdf(job.campaign, period_id=period_id)
    elif job.kind == ExportKind.CRITERIA_XLSX:
        data = criteria_workbook(job.campaign, period_id=period_id)
    else:
        data = dossiers_workbook(job.campaign)
        if data is None:
            raise ValueError("Chưa có dữ liệu hồ sơ đề nghị khen thưởng.")
    _set_progress(job.pk, 90)
    return data
