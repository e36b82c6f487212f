"""Adding, editing and removing the collectives and individuals a dossier proposes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import domain_errors_as_messages, form_error_on_domain_error
from campaigns.enums import NomineeKind

from .. import services
from ..forms import NomineeForm
from .common import dossier_url, get_dossier, get_nominee, require_editable


@login_required
@domain_errors_as_messages(dossier_url)
def nominee_add(request, pk, kind):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    kinds = {"ca-nhan": NomineeKind.INDIVIDUAL, "tap-the": NomineeKind.COLLECTIVE}
    if kind not in kinds:
        raise Http404
    kind = kinds[kind]
    form = NomineeForm(request.POST or None, dossier=dossier, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nominee, ok = form_error_on_domain_error(
            form,
            services.nominee_add,
            dossier=dossier,
            actor=request.user,
            kind=kind,
            official=data.get("official"),
            unit=data.get("unit"),
            award_kind=data["award_kind"],
            standards=data["standards"],
            evidence=data["evidence"],
        )
        if ok:
            messages.success(
                request,
                _("Đã thêm %(name)s. Tiếp theo: lập báo cáo thành tích.") % {"name": nominee.display_name},
            )
            return redirect("nominations:report", pk=dossier.pk, nominee_pk=nominee.pk)
    return render(request, "nominations/nominee_form.html", {"dossier": dossier, "form": form, "kind": kind})


@login_required
@domain_errors_as_messages(dossier_url)
def nominee_edit(request, pk, nominee_pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    nominee = get_nominee(dossier, nominee_pk)
    initial = {
        "award_kind": nominee.award_kind,
        "standards": list(nominee.standards.all()),
        "evidence": nominee.evidence,
    }
    form = NomineeForm(
        request.POST or None, initial=initial, dossier=dossier, kind=nominee.kind, nominee=nominee
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _nominee, ok = form_error_on_domain_error(
            form,
            services.nominee_update,
            nominee=nominee,
            actor=request.user,
            award_kind=data["award_kind"],
            standards=data["standards"],
            evidence=data["evidence"],
        )
        if ok:
            messages.success(
                request, _("Đã lưu thông tin đề nghị của %(name)s.") % {"name": nominee.display_name}
            )
            return redirect("nominations:detail", pk=dossier.pk)
    return render(
        request,
        "nominations/nominee_form.html",
        {"dossier": dossier, "form": form, "kind": nominee.kind, "nominee": nominee},
    )


@login_required
@require_POST
@domain_errors_as_messages(dossier_url)
def nominee_remove(request, pk, nominee_pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    nominee = get_nominee(dossier, nominee_pk)
    services.nominee_remove(nominee=nominee, actor=request.user)
    messages.success(request, _("Đã bỏ %(name)s khỏi hồ sơ.") % {"name": nominee.display_name})
    return redirect("nominations:detail", pk=dossier.pk)
