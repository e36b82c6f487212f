"""A unit's page, its report for a period with evidence, and the office's review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.uploads import ACCEPT_ATTRIBUTE, serve_stored_file
from campaigns.errors import DomainError

from .. import selectors, services
from ..forms import EvidenceForm, ResultsForm, ReviewForm
from ..models import EvidenceFile, ReportingPeriod, TargetResult
from ._common import _campaign, _require, _unit

# ---- A unit's page and its report ---------------------------------------------------------------------------


@login_required
def unit_page(request, slug, unit):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    _require(request, "criteria.view_unit", unit)
    blocks, periods_ = selectors.unit_results(campaign, unit)
    return render(
        request,
        "criteria/unit.html",
        {
            "campaign": campaign,
            "unit": unit,
            "blocks": blocks,
            "periods": periods_,
            "registration": selectors.registration_for_unit(campaign, unit),
            "can_register": request.user.has_perm("criteria.register_unit", unit),
            "can_report": request.user.has_perm("criteria.report_results", unit),
            "can_review": request.user.has_perm("criteria.review_results"),
            "can_dashboard": request.user.has_perm("criteria.view_dashboard"),
        },
    )


@login_required
def report(request, slug, unit, period):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    _require(request, "criteria.report_results", unit)
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
        try:
            services.results_save(
                period=period, unit=unit, actor=request.user, values=form.values(), notes=form.notes()
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return _render_report(request, campaign, unit, period, block, form, status=400)
        if "send" in request.POST:
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
    _require(request, "criteria.report_results", result.unit)
    return result


def _back_to_report(result: TargetResult):
    url = reverse(
        "criteria:report",
        kwargs={"slug": result.period.campaign.slug, "unit": result.unit.code, "period": result.period_id},
    )
    return redirect(f"{url}#result-{result.pk}")


@login_required
@require_POST
def evidence_upload(request, pk):
    result = _result_for_unit_head(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_attach(result=result, actor=request.user, upload=form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Đã đính kèm minh chứng cho chỉ tiêu “%(t)s”.") % {"t": result.target.label}
            )
    else:
        messages.error(request, " ".join(form.errors.get("file", [])))
    return _back_to_report(result)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(EvidenceFile.objects.select_related("result"), pk=pk)
    result = _result_for_unit_head(request, evidence.result_id)
    try:
        services.evidence_remove(evidence=evidence, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã xóa tệp minh chứng."))
    return _back_to_report(result)


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("result__unit", "result__period__campaign"), pk=pk
    )
    _campaign(request, evidence.result.period.campaign.slug)
    _require(request, "criteria.view_unit", evidence.result.unit)
    return serve_stored_file(evidence.file_path, evidence.original_name, content_type=evidence.content_type)


@login_required
@require_POST
def review(request, pk):
    result = get_object_or_404(
        TargetResult.objects.select_related("period__campaign", "unit", "target"), pk=pk
    )
    campaign = _campaign(request, result.period.campaign.slug)
    _require(request, "criteria.review_results")
    form = ReviewForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.result_transition(
                result=result, action=action, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            if action == "validate":
                messages.success(request, _("Đã xác nhận số liệu “%(t)s”.") % {"t": result.target.label})
            else:
                messages.success(
                    request, _("Đã đề nghị đơn vị xem lại “%(t)s”.") % {"t": result.target.label}
                )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    url = reverse("criteria:unit", kwargs={"slug": campaign.slug, "unit": result.unit.code})
    return redirect(f"{url}#result-{result.pk}")
