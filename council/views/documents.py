"""The council's documents: the minutes, the biên bản kiểm phiếu and the tally workbook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import documents, exporting
from .common import _file_response, _meeting


@login_required
def minutes_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    return _file_response(
        documents.minutes_pdf(meeting), documents.minutes_filename(meeting), "application/pdf", inline=True
    )


@login_required
def vote_count_pdf_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    if not meeting.is_closed:
        messages.error(request, _("Biên bản kiểm phiếu có sau khi kết thúc biểu quyết."))
        return redirect("council:detail", pk=meeting.pk)
    return _file_response(
        documents.vote_count_pdf(meeting),
        documents.vote_count_filename(meeting),
        "application/pdf",
        inline=True,
    )


@login_required
def tally_xlsx_view(request, pk):
    meeting = _meeting(request, pk, "council.download_documents")
    if not meeting.is_closed:
        messages.error(request, _("Chỉ xuất kết quả kiểm phiếu sau khi kết thúc biểu quyết."))
        return redirect("council:detail", pk=meeting.pk)
    return _file_response(
        exporting.tally_workbook(meeting),
        exporting.tally_filename(meeting),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
