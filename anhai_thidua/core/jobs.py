"""One mechanism for files made in the background: the FileJob model, a registry of kinds, one runner.

An app registers each kind of file it makes from its AppConfig.ready()::

    register_job_kind(JobKind(
        kind="criteria.summary_pdf",
        label=_("Báo cáo tổng kết (PDF)"),
        build=build_summary,        # (job, progress) -> BuiltFile; progress(percent) reports progress
        can_view=may_see_export,    # (user, job) -> bool (False: 404); may raise PermissionDenied
        back_url=dashboard_url,     # (job) -> the page the job page links back to
    ))

job_request() queues a job (an identical unfinished one is reused) and runs it after commit with the task
core.run_file_job; run_file_job() claims the queued job with a conditional UPDATE, so a second delivery
does nothing. The job page (core:file_job) shows the progress with one partial,
templates/core/_file_job_progress.html, and links to the download when the file is ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .domain import DomainError
from .models import FILE_JOB_UNFINISHED, FileJob, FileJobState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltFile:
    data: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: str
    build: Callable[[FileJob, Callable[[int], None]], BuiltFile]
    can_view: Callable[[object, FileJob], bool]
    back_url: Callable[[FileJob], str]


_kinds: dict[str, JobKind] = {}


def register_job_kind(job_kind: JobKind) -> JobKind:
    """Register a kind of file (from the owning app's AppConfig.ready())."""
    _kinds[job_kind.kind] = job_kind
    return job_kind


def job_kind(kind: str) -> JobKind | None:
    return _kinds.get(kind)


def job_label(job: FileJob) -> str:
    registered = _kinds.get(job.kind)
    return str(registered.label) if registered else job.kind


def job_request(
    *, kind: str, owner, params: dict, per_owner: bool = True, run_now: bool = False, reuse_done: bool = False
) -> FileJob:
    """Queue a file of `kind` for `owner`; an identical unfinished request is reused (of the same owner,
    or of anyone when per_owner is False: one bundle of a decision at a time). reuse_done: a finished file
    of the same params is given again (params that name the content's version, e.g. a decision's).

    Side effects: for a new job, after commit, the Celery task "core.run_file_job" is sent to the worker,
    or run at once in this process when run_now (a small file, no worker needed).
    """
    from .tasks import run_file_job_task

    if kind not in _kinds:
        raise DomainError(_("Loại tệp không hợp lệ."))
    with transaction.atomic():
        same = FileJob.objects.select_for_update().filter(
            kind=kind, params=params, state__in=FILE_JOB_UNFINISHED
        )
        job = (same.filter(owner=owner) if per_owner else same).first()
        if job is None and reuse_done:
            done = FileJob.objects.filter(kind=kind, params=params, state=FileJobState.DONE).exclude(file="")
            job = (done.filter(owner=owner) if per_owner else done).order_by("-pk").first()
        if job is None:
            job = FileJob.objects.create(kind=kind, owner=owner, params=params)
            job_id = job.pk
            if run_now:
                transaction.on_commit(lambda: run_file_job_task(job_id))
            else:
                transaction.on_commit(lambda: run_file_job_task.delay(job_id))
    return job


def _progress(job_id: int) -> Callable[[int], None]:
    def report(percent: int) -> None:
        FileJob.objects.filter(pk=job_id, state=FileJobState.RUNNING).update(
            progress=max(0, min(percent, 99))
        )

    return report


def run_file_job(job_id: int) -> str:
    """Make the file of a job. Idempotent: a conditional UPDATE claims the queued job, so a second
    delivery does nothing. Returns the job's final state. A failure keeps the progress reached and the
    error in Vietnamese for the job page; the log has the trace."""
    claimed = FileJob.objects.filter(pk=job_id, state=FileJobState.QUEUED).update(
        state=FileJobState.RUNNING, progress=5
    )
    job = FileJob.objects.get(pk=job_id)
    if not claimed:
        return job.state
    registered = _kinds.get(job.kind)
    try:
        if registered is None:
            raise DomainError(_("Loại tệp không hợp lệ."))
        built = registered.build(job, _progress(job_id))
        job.file.save(built.filename, ContentFile(built.data), save=False)
        FileJob.objects.filter(pk=job_id).update(
            state=FileJobState.DONE,
            progress=100,
            file=job.file.name,
            filename=built.filename,
            content_type=built.content_type,
            finished_at=timezone.now(),
        )
        return FileJobState.DONE
    except Exception as exc:  # noqa: BLE001 - the user sees the failure on the job page
        log.exception("file job %s (%s) failed", job_id, job.kind)
        message = (
            str(exc) if isinstance(exc, DomainError) else _("Lỗi khi tạo tệp: %(error)s") % {"error": exc}
        )
        FileJob.objects.filter(pk=job_id).update(
            state=FileJobState.FAILED, error=message[:500], finished_at=timezone.now(), progress=F("progress")
        )
        return FileJobState.FAILED
