from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core import versions
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import domain_errors_as_messages, require

from . import scopes, services
from .enums import ImportStatus, RowAction
from .forms import DocumentCodeForm, ImportConfirmForm, ImportUploadForm
from .importing import template_workbook
from .models import Unit
from .selectors import (
    UNITS_PER_PAGE,
    official_list,
    organisation_import_for_user,
    organisation_import_list_for_user,
    organisation_import_plan,
    unit_by_code,
    unit_filter_page,
)
from .usercache import ward_counts

OFFICIALS_PER_PAGE = 50
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def directory(request):
    require(request, "organisation.view_directory")
    query = request.GET.get("q", "").strip()[:100]
    part = _directory_part(
        query, request.GET.get("don_vi", ""), request.GET.get("trang_dv"), request.GET.get("page")
    )
    unit_paginator, paginator = Paginator((), UNITS_PER_PAGE), Paginator((), OFFICIALS_PER_PAGE)
    unit_paginator.count, paginator.count = part["unit_count"], part["count"]  # the cached_properties
    context = {
        "part": part,
        "unit_page": unit_paginator.page(part["unit_number"]),
        "page": paginator.page(part["number"]),
        "query": query,
        "selected_unit": part["selected_unit"],
    }
    return render(request, "organisation/directory.html", context)


def _directory_part(query: str, unit_code: str, unit_page_number, page_number) -> dict:
    """The unit filter's page and the officials' page (HTML), their totals and the unit chosen: cached until a
    unit or an official changes (scopes.py), keyed by the search, the unit, both pages asked for and the
    language. The same for every viewer; the search form and the links that depend on permissions are not in it."""

    def build() -> dict:
        # The unit filter is paginated too (trang_dv): a city has thousands of units.
        unit_page, units = unit_filter_page(unit_page_number)
        unit = next((u for u in units if u.code == unit_code), None)
        if unit is None and unit_code:
            unit = unit_by_code(unit_code)
        paginator = Paginator(official_list(unit=unit, query=query), OFFICIALS_PER_PAGE)
        if unit is None and not query:
            paginator.count = ward_counts()["officials"]  # the whole ward: the cached count, not a COUNT(*)
        page = paginator.get_page(page_number)
        context = {"units": units, "page": page, "query": query, "selected_unit": unit}
        return {
            "unit_number": unit_page.number,
            "unit_count": unit_page.paginator.count,
            "number": page.number,
            "count": paginator.count,
            "selected_unit": unit,
            "units": render_to_string("organisation/_directory_units.html", context),
            "rows": render_to_string("organisation/_directory_rows.html", context),
        }

    return versions.cached(
        "directory",
        [scopes.UNITS, scopes.OFFICIALS],
        build,
        query,
        unit_code,
        unit_page_number,
        page_number,
        get_language(),
    )


@login_required
def unit_document_code(request, code):
    """The office sets a unit's document code ("TTSNC" in "Tờ trình số …/TTr-TTSNC")."""
    require(request, "organisation.set_document_code")
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị này."))
    form = DocumentCodeForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_set_document_code(
                unit=unit, actor=request.user, code=form.cleaned_data["document_code"]
            )
        except DomainError as exc:
            form.add_error("document_code", str(exc))
        else:
            messages.success(request, _("Đã lưu ký hiệu văn bản của %(unit)s.") % {"unit": unit.name})
            return redirect(f"{reverse('organisation:directory')}?don_vi={unit.code}")
    return render(request, "organisation/unit_code.html", {"unit": unit, "form": form})


def _own_import(request, token):
    organisation_import = organisation_import_for_user(user=request.user, token=token)
    if organisation_import is None:
        raise Http404(_("Không tìm thấy lần nhập này."))
    return organisation_import


@login_required
def import_upload(request):
    require(request, "organisation.import_officials")
    form = ImportUploadForm(request.POST, request.FILES) if request.method == "POST" else ImportUploadForm()
    if form.is_bound and form.is_valid():
        try:
            organisation_import = services.organisation_import_create(
                actor=request.user, data=form.cleaned_data["data"], filename=form.cleaned_data["file"].name
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("organisation:import_preview", token=organisation_import.token)
    return render(
        request,
        "organisation/import.html",
        {"form": form, "recent": organisation_import_list_for_user(user=request.user)},
    )


@login_required
def import_template(request):
    require(request, "organisation.import_officials")
    response = HttpResponse(template_workbook(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-don-vi-can-bo.xlsx"'
    return response


@login_required
def import_preview(request, token):
    require(request, "organisation.import_officials")
    organisation_import = _own_import(request, token)
    context = {
        "import": organisation_import,
        "stale": False,
        "plan": None,
        "read_error": "",
        "errors_only": request.GET.get("loi") == "1",
        "RowAction": RowAction,
    }
    if organisation_import.status == ImportStatus.PENDING:
        context["stale"] = services.organisation_import_is_stale(organisation_import)
        try:
            plan = organisation_import_plan(organisation_import=organisation_import)
        except DomainError as exc:
            context["read_error"] = str(exc)
        else:
            context["plan"] = plan
            context["counts"] = plan.counts()
            if not plan.has_errors and not context["stale"]:
                context["confirm_form"] = ImportConfirmForm(initial={"digest": plan.digest()})
    return render(request, "organisation/import_preview.html", context)


@login_required
@require_POST
@domain_errors_as_messages("organisation:import_preview")
def import_confirm(request, token):
    require(request, "organisation.import_officials")
    organisation_import = _own_import(request, token)
    form = ImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu xác nhận không hợp lệ; hãy xem lại bảng xem trước rồi xác nhận."))
        return redirect("organisation:import_preview", token=organisation_import.token)
    organisation_import = services.organisation_import_apply(
        import_id=organisation_import.pk, actor=request.user, expected_digest=form.cleaned_data["digest"]
    )
    messages.success(request, _("Đã ghi dữ liệu vào hệ thống."))
    return redirect("organisation:import_preview", token=organisation_import.token)


@login_required
@require_POST
@domain_errors_as_messages("organisation:import_preview")
def import_discard(request, token):
    require(request, "organisation.import_officials")
    organisation_import = _own_import(request, token)
    services.organisation_import_discard(import_id=organisation_import.pk, actor=request.user)
    messages.info(request, _("Đã hủy lần nhập; không có gì được ghi."))
    return redirect("organisation:import")
