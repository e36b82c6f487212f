"""A unit's page, its report for a period with evidence, and the office's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)
from anhai_thidua.core.uploads import ACCEPT_ATTRIBUTE, serve_stored_file

from .. import selectors, services
from ..forms import EvidenceForm, ResultsForm, ReviewForm
from ..models import EvidenceFile, ReportingPeriod, TargetResult
from ._common import _campaign, _unit

# ---- A unit's page and its report ---------------------------------------------------------------------------


@login_required
def unit_page(request, slug, unit):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    require(request, "criteria.view_unit", unit)
    blocks, periods_, registration = selectors.unit_page(campaign, unit)
    return render(
        request,
        "criteria/unit.html",
        {
            "campaign": campaign,
            "unit": unit,
            "blocks": blocks,
            "periods": periods_,
            "registration": registration,
            "can_register": allowed(request.user, "criteria.register_unit", unit),
            "can_report": allowed(request.user, "criteria.report_results", unit),
            "can_review": allowed(request.user, "criteria.review_results"),
            "can_dashboard": allowed(request.user, "criteria.view_dashboard"),
        },
    )


@login_required
def report(request, slug, unit, period):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    require(request, "criteria.report_results", unit)
    period = get_object_or_404(ReportingPeriod, pk=period, campaign=campaign)
    blocks, _periods = selectors.unit_results(campaign, unit, period_id=period.pk)
    block = blocks[0]
    targets = [line.target for line in block.lines]
    results = {line.target.pk: line.result for line in block.lines if line.result is not None}
    form = ResultsForm(request.POST or None, targets=targets, results=results)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Số liệu chưa hợp lệ: hãy xem các ô được đánh dấu bên dưới."))
            return _render_report(request, campaign, unit, period, block, form, status=400)
        _saved, ok = form_error_on_domain_error(
            form,
            services.results_save,
            period=period,
            unit=unit,
            actor=request.user,
            values=form.values(),
            notes=form.notes(),
        )
        if not ok:
            return _render_report(request, campaign, unit, period, block, form, status=400)
        if "send" in request.POST:
            # The figures are saved whatever happens to the report: the refusal says so, with the reason.
            try:
                services.results_report(period=period, unit=unit, actor=request.user)
            except DomainError as exc:
                messages.error(request, f"{exc} " + _("Số liệu đã được lưu nháp."))
            else:
                messages.success(request, _("Đã gửi báo cáo kết quả tiêu chí tới Phòng Văn hóa - Xã hội."))
        else:
            messages.success(request, _("Đã lưu số liệu (chưa gửi báo cáo)."))
        return redirect("criteria:report", slug=campaign.slug, unit=unit.code, period=period.pk)
    return _render_report(request, campaign, unit, period, block, form)


def _render_report(request, campaign, unit, period, block, form, status=200):
    return render(
        request,
        "criteria/report.html",
        {
            "campaign": campaign,
            "unit": unit,
            "period": period,
            "pblock": block,
            "form": form,
            "accept": ACCEPT_ATTRIBUTE,
        },
        status=status,
    )


def _result_for_unit_head(request, pk) -> TargetResult:
    result = get_object_or_404(
        TargetResult.objects.select_related("period__campaign", "unit", "target"), pk=pk
    )
    _campaign(request, result.period.campaign.slug)
    require(request, "criteria.report_results", result.unit)
    return result


def _report_url(result: TargetResult) -> str:
    url = reverse(
        "criteria:report",
        kwargs={"slug": result.period.campaign.slug, "unit": result.unit.code, "period": result.period_id},
    )
    return f"{url}#result-{result.pk}"


def _report_url_of_result(request, pk) -> str:
    """Where a refused evidence upload goes back to: the report, at the result."""
    return _report_url(
        get_object_or_404(TargetResult.objects.select_related("period__campaign", "unit"), pk=pk)
    )


def _report_url_of_evidence(request, pk) -> str:
    """Where a refused evidence removal goes back to: the report, at the evidence's result."""
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("result__period__campaign", "result__unit"), pk=pk
    )
    return _report_url(evidence.result)


@login_required
@require_POST
@domain_errors_as_messages(_report_url_of_result)
def evidence_upload(request, pk):
    result = _result_for_unit_head(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        services.evidence_attach(result=result, actor=request.user, upload=form.cleaned_data["file"])
        messages.success(
            request, _("Đã đính kèm minh chứng cho chỉ tiêu “%(t)s”.") % {"t": result.target.label}
        )
    else:
        messages.error(request, " ".join(form.errors.get("file", [])))
    return redirect(_report_url(result))


@login_required
@require_POST
@domain_errors_as_messages(_report_url_of_evidence)
def evidence_delete(request, pk):
    evidence = get_object_or_404(EvidenceFile.objects.select_related("result"), pk=pk)
    result = _result_for_unit_head(request, evidence.result_id)
    services.evidence_remove(evidence=evidence, actor=request.user)
    messages.success(request, _("Đã xóa tệp minh chứng."))
    return redirect(_report_url(result))


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("result__unit", "result__period__campaign"), pk=pk
    )
    _campaign(request, evidence.result.period.campaign.slug)
    require(request, "criteria.view_unit", evidence.result.unit)
    return serve_stored_file(evidence.file_path, evidence.original_name, content_type=evidence.content_type)


def _unit_url(result: TargetResult) -> str:
    """The unit's page at the result: where the office's review of a result goes back to."""
    url = reverse("criteria:unit", kwargs={"slug": result.period.campaign.slug, "unit": result.unit.code})
    return f"{url}#result-{result.pk}"


def _unit_url_of_result(request, pk) -> str:
    return _unit_url(
        get_object_or_404(TargetResult.objects.select_related("period__campaign", "unit"), pk=pk)
    )


@login_required
@require_POST
@domain_errors_as_messages(_unit_url_of_result)
def review(request, pk):
    result = get_object_or_404(
        TargetResult.objects.select_related("period__campaign", "unit", "target"), pk=pk
    )
    _campaign(request, result.period.campaign.slug)
    require(request, "criteria.review_results")
    form = ReviewForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        services.result_transition(
            result=result, action=action, actor=request.user, comment=form.cleaned_data["comment"]
        )
        if action == "validate":
            messages.success(request, _("Đã xác nhận số liệu “%(t)s”.") % {"t": result.target.label})
        else:
            messages.success(request, _("Đã đề nghị đơn vị xem lại “%(t)s”.") % {"t": result.target.label})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_unit_url(result))
