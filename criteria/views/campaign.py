"""The campaign dashboard, registration and reporting periods."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from anhai_thidua.core import versions
from anhai_thidua.core.permissions import allowed, form_error_on_domain_error, require

from .. import scopes, selectors, services
from ..charts import period_progress_chart, unit_achievement_chart
from ..enums import ExportKind
from ..forms import PeriodForm, RegistrationForm
from ..models import ReportingPeriod
from ._common import _campaign, _first_headed_unit, _unit

# ---- Dashboard ----------------------------------------------------------------------------------------------


def _dashboard_fragments(request, campaign, periods, *, can_manage_periods: bool) -> dict[str, str]:
    """The dashboard's registration card and its periods, ranking and matrix, drawn as HTML (the standings,
    the page of units and their cells, the charts)."""
    board = selectors.dashboard_page(
        campaign,
        period_id=request.GET.get("ky"),
        query=request.GET.get("q", ""),
        page_number=request.GET.get("page"),
        periods=periods,
        with_dossiers=False,
    )
    # One reverse() for the page's 25 units, not one per link (3 a row): a unit's code is a slug, which
    # reverse() would not quote.
    unit_url = reverse("criteria:unit", kwargs={"slug": campaign.slug, "unit": "-"}).removesuffix("-/")
    for row in board.rows:
        row.url = f"{unit_url}{row.unit.code}/"
    context = {
        "campaign": campaign,
        "board": board,
        "page": board.page,
        "charts": {
            "units": unit_achievement_chart(board, lambda unit: f"{unit_url}{unit.code}/"),
            "periods": period_progress_chart(board),
        },
        "can_manage_periods": can_manage_periods,
        "request": request,  # the page links keep the filters (includes/pagination.html)
    }
    return {
        "registration": str(render_to_string("criteria/_dashboard_registration.html", context)),
        "results": str(render_to_string("criteria/_dashboard_results.html", context)),
    }


@login_required
def dashboard(request, slug):
    campaign = _campaign(request, slug)
    if not allowed(request.user, "criteria.view_dashboard"):
        unit = _first_headed_unit(request.user)
        if unit is None:
            raise PermissionDenied
        # A unit head sees the own unit's view.
        return redirect("criteria:unit", slug=campaign.slug, unit=unit.code)
    periods = selectors.period_list(campaign)
    period = selectors.period_choose(periods, request.GET.get("ky"))
    can_manage_periods = request.user.has_perm("criteria.manage_periods")
    # The registration card, the periods, the ranking and the matrix as HTML, kept until a unit, a
    # registration, a criterion or target, a period or a result changes (criteria/scopes.py, signals.py);
    # also varies with the language, the address (period, search, page), the viewer's right to manage the
    # periods and the day (overdue periods). The deadlines and the dossiers' counts are read every time.
    fragments = versions.cached(
        "criteria-dashboard",
        scopes.dashboard(campaign.pk, [p.pk for p in periods]),
        lambda: _dashboard_fragments(request, campaign, periods, can_manage_periods=can_manage_periods),
        get_language(),
        campaign.slug,
        sorted(request.GET.lists()),
        can_manage_periods,
        timezone.localdate(),
    )
    dossier_states = selectors.dossier_counts_by_state(campaign)
    most = max([n for *_rest, n in dossier_states or []] + [1])
    dossier_bars = [(state, label, n, round(100 * n / most)) for state, label, n in dossier_states or []]
    export_buttons = [
        (ExportKind.SUMMARY_PDF, _("Báo cáo tổng kết (PDF)"), "bi-file-earmark-pdf", True),
        (ExportKind.CRITERIA_XLSX, _("Kết quả tiêu chí (Excel)"), "bi-file-earmark-excel", False),
    ]
    if dossier_states is not None:
        export_buttons.append(
            (ExportKind.DOSSIERS_XLSX, _("Hồ sơ đề nghị (Excel)"), "bi-file-earmark-excel", False)
        )
    return render(
        request,
        "criteria/dashboard.html",
        {
            "campaign": campaign,
            "period": period,
            "deadlines": selectors.deadline_rows(campaign),
            "dossier_states": dossier_states,
            "dossier_total": sum(n for _s, _l, n in dossier_states or []),
            "fragments": {name: mark_safe(html) for name, html in fragments.items()},  # noqa: S308 - ours
            "dossier_bars": dossier_bars,
            "export_buttons": export_buttons,
        },
    )


# ---- Registration -------------------------------------------------------------------------------------------

REGISTRATIONS_PER_PAGE = 50


@login_required
def registrations(request, slug):
    campaign = _campaign(request, slug)
    require(request, "criteria.view_registrations")
    # Both lists grow with the units: the registered ones a page at a time; the missing ones, the first
    # MISSING_SHOWN here and all of them a page at a time with ?xem=chua.
    missing_only = request.GET.get("xem") == "chua"
    missing = selectors.units_without_registration(campaign)
    page_number = request.GET.get("page")
    if missing_only:
        page = Paginator(missing, REGISTRATIONS_PER_PAGE).get_page(page_number)
        shown_missing = list(page.object_list)
    else:
        page = Paginator(selectors.registration_list(campaign), REGISTRATIONS_PER_PAGE).get_page(page_number)
        shown_missing = list(missing[: selectors.MISSING_SHOWN])
    return render(
        request,
        "criteria/registrations.html",
        {
            "campaign": campaign,
            "page": page,
            "missing_only": missing_only,
            "missing": shown_missing,
            "missing_total": missing.count(),
            "registered_total": selectors.registration_list(campaign).count(),
            "unit_total": selectors.participating_units().count(),
        },
    )


@login_required
def register(request, slug, unit):
    campaign = _campaign(request, slug)
    unit = _unit(unit)
    require(request, "criteria.register_unit", unit)
    criteria = selectors.campaign_criteria(campaign)
    registration = selectors.registration_for_unit(campaign, unit)
    form = RegistrationForm(request.POST or None, criteria=criteria, registration=registration)
    if request.method == "POST" and form.is_valid():
        _registration, ok = form_error_on_domain_error(
            form,
            services.registration_submit,
            campaign=campaign,
            unit=unit,
            actor=request.user,
            commitments=form.commitments(),
            note=form.cleaned_data["note"],
        )
        if ok:
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
    require(request, "criteria.manage_periods")
    form = PeriodForm(request.POST or None, submit_label=_("Thêm kỳ báo cáo"))
    if request.method == "POST" and form.is_valid():
        period, ok = form_error_on_domain_error(
            form, services.period_save, campaign=campaign, actor=request.user, **form.cleaned_data
        )
        if ok:
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
    require(request, "criteria.manage_periods")
    period = get_object_or_404(ReportingPeriod, pk=pk, campaign=campaign)
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        _period, ok = form_error_on_domain_error(
            form,
            services.period_save,
            campaign=campaign,
            actor=request.user,
            period=period,
            **form.cleaned_data,
        )
        if ok:
            messages.success(request, _("Đã lưu kỳ báo cáo."))
            return redirect("criteria:periods", slug=campaign.slug)
    return render(
        request, "criteria/period_edit.html", {"campaign": campaign, "period": period, "form": form}
    )
