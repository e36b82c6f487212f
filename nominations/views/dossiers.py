"""The dossier page, opening a dossier and the unit's moves on it (submit, withdraw,
reopen, discard). The office decides on its review page (reviews.views), not here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import allowed, domain_errors_as_messages, require
from campaigns.models import Campaign
from organisation.models import Unit

from .. import services
from ..enums import UNIT_ACTIONS
from ..errors import IncompleteDossier, StaleDossier
from ..forms import NoteForm
from ..fragments import dossier_sections
from ..selectors import (
    dossier_blockers,
    effective_deadline,
    minutes_of,
)
from .common import dossier_url, get_dossier


@login_required
@require_POST
@domain_errors_as_messages("nominations:list")
def dossier_create_view(request):
    campaign = get_object_or_404(Campaign, pk=request.POST.get("campaign"))
    unit = get_object_or_404(Unit, pk=request.POST.get("unit"))
    require(request, "nominations.create_dossier", unit)
    dossier = services.dossier_create(campaign=campaign, unit=unit, actor=request.user)
    messages.success(request, _("Đã lập hồ sơ. Hãy thêm tập thể, cá nhân được đề nghị."))
    return redirect("nominations:detail", pk=dossier.pk)


@login_required
def dossier_detail_view(request, pk):
    dossier = get_dossier(request, pk)
    user = request.user
    can_change = allowed(user, "nominations.change_dossier", dossier)
    # Nominees, minutes, files and history, and what they lack: cached until the dossier changes.
    sections = dossier_sections(dossier, can_change=can_change, request=request)
    blockers = dossier_blockers(dossier, minutes=minutes_of(dossier), extension=sections.extension)
    context = {
        "dossier": dossier,
        "sections": sections,
        "deadline": effective_deadline(dossier.campaign, sections.extension),
        "missing": sections.missing,
        "blockers": blockers,
        "missing_count": len(sections.missing) + len(blockers),
        "can_change": can_change,
        "can_submit": allowed(user, "nominations.submit_dossier", dossier),
        "can_withdraw": allowed(user, "nominations.withdraw_dossier", dossier),
        "can_discard": allowed(user, "nominations.discard_dossier", dossier),
        "can_reopen": allowed(user, "nominations.reopen_dossier", dossier),
        "can_grant_extension": allowed(user, "nominations.grant_extension"),
    }
    return render(request, "nominations/detail.html", context)


_DONE = {
    "submit": _("Đã nộp hồ sơ. Phòng Văn hóa - Xã hội đã được báo qua thư điện tử."),
    "withdraw": _("Đã rút hồ sơ."),
    "reopen": _("Đã mở lại hồ sơ để soạn tiếp."),
}


@login_required
@require_POST
@domain_errors_as_messages(dossier_url)
def dossier_transition_view(request, pk, action):
    # Only the unit's moves: the office returns, accepts or rejects a dossier on its review page (reviews),
    # the one path for its decisions.
    if action not in UNIT_ACTIONS:
        raise Http404
    dossier = get_dossier(request, pk)
    # Who may act is checked here; whether the state allows it (and whether the page was stale, as after
    # a double click) is the service's business, so the user gets its precise message.
    require(request, "nominations.act_for_unit", dossier)
    form = NoteForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    version = form.cleaned_data.get("version")
    service = getattr(services, f"dossier_{action}")
    kwargs = {"dossier": dossier, "actor": request.user, "expected_version": version}
    if action == "withdraw":
        kwargs["note"] = note
    try:
        service(**kwargs)
    except IncompleteDossier as exc:
        messages.error(
            request,
            _("Hồ sơ chưa thể nộp: còn %(count)s nội dung chưa đạt, xem mục “Còn thiếu”.")
            % {"count": len(exc.problems)},
        )
    except StaleDossier as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, _DONE[action])
    return redirect("nominations:detail", pk=dossier.pk)


@login_required
@require_POST
@domain_errors_as_messages(dossier_url)
def dossier_discard_view(request, pk):
    dossier = get_dossier(request, pk)
    require(request, "nominations.act_for_unit", dossier)
    form = NoteForm(request.POST)
    form.is_valid()
    services.dossier_discard(
        dossier=dossier, actor=request.user, expected_version=form.cleaned_data.get("version")
    )
    messages.success(request, _("Đã hủy hồ sơ đang soạn. Đơn vị có thể lập hồ sơ mới khi cần."))
    return redirect("nominations:list")
