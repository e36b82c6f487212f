"""The council's documents: the minutes, the biên bản kiểm phiếu and the tally workbook."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import jobs, services
from ..selectors import document_version
from .common import _file_response, _meeting


def _document(request, meeting, kind, *, not_closed: str = ""):
    """The file at once, or, for a meeting with more than DOCUMENT_SYNC_LIMIT poll items (a city meeting has
    thousands: seconds to minutes of work), made in the background: the job page shows its progress and then
    the download; asked again, the finished file of the same version. `not_closed`: the message for a file
    that exists only once the vote is closed (back to the meeting page)."""
    if not_closed and not meeting.is_closed:
        messages.error(request, not_closed)
        return redirect("council:detail", pk=meeting.pk)
    items, version = document_version(meeting)
    if items <= settings.DOCUMENT_SYNC_LIMIT:
        built = jobs.make(kind, meeting)
        return _file_response(built.data, built.filename, built.content_type, inline=kind != jobs.TALLY_XLSX)
    job = services.document_job_request(meeting=meeting, actor=request.user, kind=kind, version=version)
    return redirect("core:file_job", pk=job.pk)


@login_required
def minutes_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    return _document(request, meeting, jobs.MINUTES_PDF)


@login_required
def vote_count_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    return _document(
        request,
        meeting,
        jobs.VOTE_COUNT_PDF,
        not_closed=_("Biên bản kiểm phiếu có sau khi kết thúc biểu quyết."),
    )


@login_required
def tally_xlsx_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    return _document(
        request,
        meeting,
        jobs.TALLY_XLSX,
        not_closed=_("Chỉ xuất kết quả kiểm phiếu sau khi kết thúc biểu quyết."),
    )
