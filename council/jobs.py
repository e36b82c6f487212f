"""A large meeting's documents made in the background (anhai_thidua.core.jobs), registered from
CouncilConfig.ready(): the minutes, the biên bản kiểm phiếu and the tally workbook of a meeting with more than
DOCUMENT_SYNC_LIMIT poll items (a city meeting has thousands: the workbook alone takes seconds, the PDFs
much longer). Kinds "council.minutes_pdf", "council.vote_count_pdf", "council.tally_xlsx"; params
{"meeting_id", "version"} (selectors.document_version: a finished file is given again until the meeting's
record changes)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.jobs import BuiltFile, JobKind, register_job_kind
from anhai_thidua.core.permissions import allowed

from .models import Meeting

MINUTES_PDF = "council.minutes_pdf"
VOTE_COUNT_PDF = "council.vote_count_pdf"
TALLY_XLSX = "council.tally_xlsx"

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def make(kind: str, meeting: Meeting) -> BuiltFile:
    """The file of `kind` for the meeting, made now (the view for a small meeting, the job for a large one)."""
    from . import documents, exporting

    if kind == MINUTES_PDF:
        return BuiltFile(
            documents.minutes_pdf(meeting), documents.minutes_filename(meeting), "application/pdf"
        )
    if kind == VOTE_COUNT_PDF:
        return BuiltFile(
            documents.vote_count_pdf(meeting), documents.vote_count_filename(meeting), "application/pdf"
        )
    return BuiltFile(exporting.tally_workbook(meeting), exporting.tally_filename(meeting), XLSX)


def _build(job, progress) -> BuiltFile:
    meeting = Meeting.objects.select_related("campaign", "council", "created_by").get(
        pk=job.params["meeting_id"]
    )
    progress(20)
    return make(job.kind, meeting)


def _can_view(user, job) -> bool:
    """Whoever may download the meeting's documents sees its jobs."""
    meeting = Meeting.objects.filter(pk=job.params.get("meeting_id")).first()
    if meeting is None:
        return False
    if not allowed(user, "council.download_documents", meeting):
        raise PermissionDenied
    return True


def _back_url(job) -> str:
    return reverse("council:detail", args=[job.params["meeting_id"]])


register_job_kind(JobKind(MINUTES_PDF, _("Biên bản họp Hội đồng (PDF)"), _build, _can_view, _back_url))
register_job_kind(JobKind(VOTE_COUNT_PDF, _("Biên bản kiểm phiếu (PDF)"), _build, _can_view, _back_url))
register_job_kind(JobKind(TALLY_XLSX, _("Kết quả kiểm phiếu (Excel)"), _build, _can_view, _back_url))
