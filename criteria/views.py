"""Pages for registration, criteria results, the dashboard, reports and announcements.

Each view: permission (rules) -> form -> one service or selector -> message and redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.uploads import ACCEPT_ATTRIBUTE, serve_stored_file
from campaigns.errors import DomainError
from campaigns.models import Campaign
from organisation.models import Unit

from . import documents, exports, selectors, services
from .charts import period_progress_chart, unit_achievement_chart
from .enums import EXPORT_FILES, ExportKind, ExportStatus
from .forms import AnnouncementForm, EvidenceForm, PeriodForm, RegistrationForm, ResultsForm, ReviewForm
from .models import Announcement, EvidenceFile, ExportJob, ReportingPeriod, TargetResult


def _campaign(request, slug: str) -> Campaign:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not request.user.has_perm("campaigns.view_campaign", campaign):
        raise Http404
    return campaign


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _unit(code: str) -> Unit:
    return get_object_or_404(Unit, code=code, parent__isnull=True, is_active=True)


def _first_headed_unit(user) -> Unit | None:
    ids = user.headed_unit_ids()
    return selectors.participating_units().filter(pk__in=ids).first() if ids else None


# ---- Dashboard ----------------------------------------------------------------------------------------------


@login_required
def dashboard(request, slug):
    campaign = _campaign(request, slug)
    if not request.user.has_perm("criteria.view_dashboard"):
        unit = _first_headed_unit(request.user)
        if unit is None:
            raise PermissionDenied
        # A unit head sees the own unit's view.
        return redirect("criteria:unit", slug=campaign.slug, unit=unit.code)
    board = selectors.campaign_dashboard(campaign, period_id=request.GET.get("ky"))
    charts = {
        "units": unit_achievement_chart(
            board, lambda unit: reverse("criteria:unit", kwargs={"slug": campaign.slug, "unit": unit.code})
        ),
        "periods": period_progress_chart(board),
    }
    most = max([n for *_rest, n in board.dossier_states or []] + [1])
    dossier_bars = [
        (state, label, n, round(100 * n / most)) for state, label, n in board.dossier_states or []
    ]
    export_buttons = [
        (ExportKind.SUMMARY_PDF, _("Báo cáo tổng kết (PDF)"), "bi-file-earmark-pdf", True),
        (ExportKind.CRITERIA_XLSX, _("Kết quả tiêu chí (Excel)"), "bi-file-earmark-excel", False),
    ]
    if board.dossier_states is not None:
        export_buttons.append(
            (ExportKind.DOSSIERS_XLSX, _("Hồ sơ đề nghị (Excel)"), "bi-file-earmark-excel", False)
        )
    return render(
        request,
        "criteria/dashboard.html",
        {
            "campaign": campaign,
            "board": board,
            "charts": charts,
            "dossier_bars": dossier_bars,
            "export_buttons": export_buttons,
        },
    )


# ---- Registration -------------------------------------------------------------------------------------------


@login_required
def registrations(request, slug):
    campaign = _campaign(request, slug)
    _require(request, "criteria.view_registrations")
    return render(
        request,
        "criteria/registrations.html",
        {
            "campaign": campaign,
            "registrations": list(selectors.registration_list(campaign)),
            "missing": list(selectors.units_without_registration(campaign)),
            "unit_total": selectors.participating_units().count(),
        },
    )


@login_required
def register(request, slug, unit):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    _require(request, "criteria.register_unit", unit)
    criteria = selectors.campaign_criteria(campaign)
    registration = selectors.registration_for_unit(campaign, unit)
    form = RegistrationForm(request.POST or None, criteria=criteria, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_submit(
                campaign=campaign,
                unit=unit,
                actor=request.user,
                commitments=form.commitments(),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            done = (
                _("Đã cập nhật đăng ký thi đua của %(unit)s.")
                if registration
                else _("%(unit)s đã đăng ký thi đua.")
            )
            messages.success(request, done % {"unit": unit.name})
            return redirect("criteria:unit", slug=campaign.slug, unit=unit.code)
    return render(
        request,
        "criteria/register.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "registration": registration,
            "deadline_passed": request.method == "GET"
            and bool(campaign.registration_deadline)
            and timezone.localdate() > campaign.registration_deadline,
        },
    )


# ---- Reporting periods --------------------------------------------------------------------------------------


@login_required
def periods(request, slug):
    campaign = _campaign(request, slug)
    _require(request, "criteria.manage_periods")
    form = PeriodForm(request.POST or None, submit_label=_("Thêm kỳ báo cáo"))
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_save(campaign=campaign, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã thêm kỳ báo cáo “%(name)s”.") % {"name": period.name})
            return redirect("criteria:periods", slug=campaign.slug)
    return render(
        request,
        "criteria/periods.html",
        {"campaign": campaign, "periods": selectors.period_list(campaign), "form": form},
    )


@login_required
def period_edit(request, slug, pk):
    campaign = _campaign(request, slug)
    _require(request, "criteria.manage_periods")
    period = get_object_or_404(ReportingPeriod, pk=pk, campaign=campaign)
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            services.period_save(campaign=campaign, actor=request.user, period=period, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã lưu kỳ báo cáo."))
            return redirect("criteria:periods", slug=campaign.slug)
    return render(
        request, "criteria/period_edit.html", {"campaign": campaign, "period": period, "form": form}
    )


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


# ---- Reports ------------------------------------------------------------------------------------------------


@login_required
def summary_pdf(request, slug):
    campaign = _campaign(request, slug)
    _require(request, "criteria.view_reports")
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
    _require(request, "criteria.view_reports")
    data = exports.criteria_workbook(campaign, period_id=request.GET.get("ky"))
    return _xlsx_response(data, f"ket-qua-tieu-chi-{campaign.slug}.xlsx")


@login_required
def export_dossiers(request, slug):
    campaign = _campaign(request, slug)
    _require(request, "criteria.view_reports")
    data = exports.dossiers_workbook(campaign)
    if data is None:
        raise Http404(_("Chưa có dữ liệu hồ sơ đề nghị khen thưởng."))
    return _xlsx_response(data, f"ho-so-de-nghi-{campaign.slug}.xlsx")


# ---- Announcements ------------------------------------------------------------------------------------------


@login_required
def announcements(request, slug):
    campaign = _campaign(request, slug)
    can_post = request.user.has_perm("criteria.post_announcement")
    form = AnnouncementForm(request.POST or None) if can_post else None
    if request.method == "POST":
        if not can_post:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.announcement_publish(campaign=campaign, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Đã đăng thông báo."))
                return redirect("criteria:announcements", slug=campaign.slug)
    page = Paginator(selectors.announcement_list(campaign=campaign), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "criteria/announcements.html",
        {"campaign": campaign, "page": page, "form": form, "can_post": can_post},
    )


@login_required
@require_POST
def announcement_delete(request, pk):
    announcement = get_object_or_404(Announcement.objects.select_related("campaign"), pk=pk)
    campaign = _campaign(request, announcement.campaign.slug)
    _require(request, "criteria.post_announcement")
    services.announcement_withdraw(announcement=announcement, actor=request.user)
    messages.success(request, _("Đã gỡ thông báo."))
    return redirect("criteria:announcements", slug=campaign.slug)


def public(request):
    """Công khai: published announcements, readable without signing in. Nothing private is shown."""
    page = Paginator(selectors.announcement_list(), 20).get_page(request.GET.get("page"))
    return render(request, "criteria/public.html", {"page": page})


# ---- Background exports (Celery) ----------------------------------------------------------------------------


@login_required
@require_POST
def export_start(request, slug):
    campaign = _campaign(request, slug)
    _require(request, "criteria.view_reports")
    period = ReportingPeriod.objects.filter(campaign=campaign, pk=request.POST.get("ky") or None).first()
    try:
        job = services.export_request(
            campaign=campaign, kind=request.POST.get("kind", ""), actor=request.user, period=period
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("criteria:dashboard", slug=campaign.slug)
    return redirect("criteria:export_job", pk=job.pk)


def _own_job(request, pk) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("campaign"), pk=pk)
    _campaign(request, job.campaign.slug)
    _require(request, "criteria.view_reports")
    if job.requested_by_id != request.user.pk and not request.user.has_perm("criteria.review_results"):
        raise Http404
    return job


@login_required
def export_job(request, pk):
    """The job's progress; the page reloads itself every 2 seconds until the file is ready (no script)."""
    job = _own_job(request, pk)
    return render(request, "criteria/export_job.html", {"job": job, "campaign": job.campaign})


@login_required
def export_download(request, pk):
    job = _own_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file_path:
        raise Http404
    _stem, _ext, content_type = EXPORT_FILES[ExportKind(job.kind)]
    return serve_stored_file(job.file_path, job.filename, content_type=content_type)
