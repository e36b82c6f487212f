"""The one progress page and the one download of every background file (anhai_thidua.core.jobs)."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .jobs import job_kind, job_label
from .models import FileJob, FileJobState
from .uploads import content_disposition


def _visible_job(request, pk: int) -> tuple[FileJob, object]:
    """The job, if its kind lets this user see it. The kind's can_view raises PermissionDenied for a user
    without the right to such files at all, and returns False for a job that is not theirs (a 404)."""
    job = get_object_or_404(FileJob, pk=pk)
    registered = job_kind(job.kind)
    if registered is None or not registered.can_view(request.user, job):
        raise Http404
    return job, registered


@login_required
def file_job(request, pk):
    """The job's progress; the page reloads itself every 2 seconds until the file is ready (no script)."""
    job, registered = _visible_job(request, pk)
    return render(
        request,
        "core/file_job.html",
        {"job": job, "label": job_label(job), "back_url": registered.back_url(job)},
    )


@login_required
def file_job_download(request, pk):
    job, _registered = _visible_job(request, pk)
    if job.state != FileJobState.DONE or not job.file:
        raise Http404
    response = FileResponse(job.file.open("rb"), content_type=job.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(job.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
