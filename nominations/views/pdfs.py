"""The dossier's documents as PDF: cover letter, achievement report, minutes."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from anhai_thidua.core.uploads import content_disposition

from .. import documents
from .common import get_dossier, get_nominee


def _pdf_response(data: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=not download)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def cover_letter_pdf(request, pk):
    dossier = get_dossier(request, pk)
    return _pdf_response(
        documents.dossier_cover_letter_pdf(dossier),
        documents.cover_letter_filename(dossier),
        download=bool(request.GET.get("tai")),
    )


@login_required
def report_pdf(request, pk, nominee_pk):
    dossier = get_dossier(request, pk)
    nominee = get_nominee(dossier, nominee_pk)
    return _pdf_response(
        documents.achievement_report_pdf(nominee),
        documents.report_filename(nominee),
        download=bool(request.GET.get("tai")),
    )


@login_required
def minutes_pdf(request, pk):
    dossier = get_dossier(request, pk)
    return _pdf_response(
        documents.unit_minutes_pdf(dossier),
        documents.minutes_filename(dossier),
        download=bool(request.GET.get("tai")),
    )
