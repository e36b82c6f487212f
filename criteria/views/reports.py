"""The summary PDF and the Excel workbooks: direct downloads and background jobs (Celery)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.models import FileJob
from anhai_thidua.core.permissions import domain_errors_as_messages, require

from .. import documents, services, workbooks
from ..models import ReportingPeriod
from ._common import _campaign

# ---- Reports ------------------------------------------------------------------------------------------------


@login_required
def summary_pdf(request, slug):
    campaign = _campaign(request, slug)
    require(request, "criteria.view_reports")
    data = documents.summary_pdf(campaign, period_id=request.GET.get("ky"))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.summary_filename(campaign)}"'
    return response


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def export_criteria(request, slug):
    campaign = _campaign(request, slug)
    require(request, "criteria.view_reports")
    data = workbooks.criteria_workbook(campaign, period_id=request.GET.get("ky"))
    return _xlsx_response(data, f"ket-qua-tieu-chi-{campaign.slug}.xlsx")


@login_required
def export_dossiers(request, slug):
    campaign = _campaign(request, slug)
    require(request, "criteria.view_reports")
    data = workbooks.dossiers_workbook(campaign)
    if data is None:
        raise Http404(_("Chưa có dữ liệu hồ sơ đề nghị khen thưởng."))
    return _xlsx_response(data, f"ho-so-de-nghi-{campaign.slug}.xlsx")


# ---- Background exports (Celery) ----------------------------------------------------------------------------


@login_required
@require_POST
@domain_errors_as_messages("criteria:dashboard")
def export_start(request, slug):
    campaign = _campaign(request, slug)
    require(request, "criteria.view_reports")
    period = ReportingPeriod.objects.filter(campaign=campaign, pk=request.POST.get("ky") or None).first()
    job = services.export_request(
        campaign=campaign, kind=request.POST.get("kind", ""), actor=request.user, period=period
    )
    return redirect("core:file_job", pk=job.pk)


# Job pages from before the one file job (anhai_thidua.core.jobs): the links users kept still work.
@login_required
def export_job(request, pk):
    job = get_object_or_404(FileJob, legacy_ref=f"criteria.exportjob:{pk}")
    return redirect("core:file_job", pk=job.pk)


@login_required
def export_download(request, pk):
    job = get_object_or_404(FileJob, legacy_ref=f"criteria.exportjob:{pk}")
    return redirect("core:file_job_download", pk=job.pk)
