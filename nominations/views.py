"""Dossier pages. Thin: permission → form → one service or selector → message and redirect.

Every dossier is looked up through dossier_scope_for_user(), so another unit's dossier is a 404,
never data.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)
from anhai_thidua.core.redirects import safe_next_url
from anhai_thidua.core.uploads import content_disposition, serve_stored_file
from campaigns.enums import CampaignStatus, DossierComponentKind, NomineeKind
from campaigns.models import Campaign
from organisation.models import Unit

from . import documents, services
from .enums import UNIT_ACTIONS, DossierState, event_label
from .errors import DomainError, IncompleteDossier, NotEditable, StaleDossier
from .forms import (
    AttachmentForm,
    ExtensionForm,
    LetterForm,
    MinutesForm,
    NomineeForm,
    NoteForm,
    PriorAwardFormSet,
    ReportForm,
    ScanForm,
)
from .models import AchievementReport, Attachment, DeadlineExtension, Dossier, Nominee
from .selectors import (
    campaigns_open_for_dossier,
    dossier_detail,
    dossier_list_for_user,
    dossier_list_page_rows,
    dossier_scope_for_user,
    report_of,
)
from .services import report_initial


def _get_dossier(request, pk: int) -> Dossier:
    return get_object_or_404(dossier_scope_for_user(request.user), pk=pk)


def _get_nominee(dossier: Dossier, nominee_pk: int) -> Nominee:
    nominee = get_object_or_404(
        Nominee.objects.select_related("official", "official__unit", "unit"), pk=nominee_pk, dossier=dossier
    )
    nominee.dossier = dossier
    return nominee


def _dossier_url(request, pk, **kwargs) -> str:
    """Where a refused action on a dossier returns: its page (with domain_errors_as_messages)."""
    return reverse("nominations:detail", args=[pk])


def _back_to_page(request, pk, **kwargs) -> str:
    """The page a file was removed from (the report or minutes form), else the dossier's page."""
    return safe_next_url(request, reverse("nominations:detail", args=[pk]))


def _require_editable(request, dossier: Dossier) -> None:
    """403 for anyone but the dossier's unit head; the head is told (NotEditable, shown on the dossier
    page by domain_errors_as_messages) that only a draft or a returned dossier can be edited."""
    require(request, "nominations.act_for_unit", dossier)
    if not allowed(request.user, "nominations.change_dossier", dossier):
        raise NotEditable(dossier)


# ---- list and detail ------------------------------------------------------------------------------------------
@login_required
def dossier_list(request):
    require(request, "nominations.list_dossiers")
    qs = dossier_list_for_user(request.user)
    campaign_slug = request.GET.get("phong-trao", "")
    state = request.GET.get("trang-thai", "")
    if campaign_slug:
        qs = qs.filter(campaign__slug=campaign_slug)
    if state in DossierState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    page.object_list = dossier_list_page_rows(qs, page)
    is_office = allowed(request.user, "nominations.review_dossier")
    context = {
        "page": page,
        "open_pairs": campaigns_open_for_dossier(request.user),
        "is_office": is_office,
        "states": DossierState.choices,
        "state": state,
        "campaign_slug": campaign_slug,
        "campaigns": list(Campaign.objects.exclude(status=CampaignStatus.DRAFT).only("slug", "title"))
        if is_office
        else [],
    }
    return render(request, "nominations/list.html", context)


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
    dossier = _get_dossier(request, pk)
    detail = dossier_detail(dossier)
    user = request.user
    for entry in detail.history:
        entry.label = event_label(entry.action, entry.from_state)
    missing, blockers = detail.missing(), detail.blockers()
    context = {
        "dossier": dossier,
        "detail": detail,
        "history": detail.history,
        "missing": missing,
        "blockers": blockers,
        "missing_count": len(missing) + len(blockers),
        "today": timezone.localdate(),
        "can_change": allowed(user, "nominations.change_dossier", dossier),
        "can_submit": allowed(user, "nominations.submit_dossier", dossier),
        "can_withdraw": allowed(user, "nominations.withdraw_dossier", dossier),
        "can_discard": allowed(user, "nominations.discard_dossier", dossier),
        "can_reopen": allowed(user, "nominations.reopen_dossier", dossier),
        "can_grant_extension": allowed(user, "nominations.grant_extension"),
        "note_form": NoteForm(initial={"version": dossier.version}),
        "attachment_form": AttachmentForm(detail=detail),
    }
    return render(request, "nominations/detail.html", context)


# ---- transitions ----------------------------------------------------------------------------------------------
_DONE = {
    "submit": _("Đã nộp hồ sơ. Phòng Văn hóa - Xã hội đã được báo qua thư điện tử."),
    "withdraw": _("Đã rút hồ sơ."),
    "reopen": _("Đã mở lại hồ sơ để soạn tiếp."),
}


@login_required
@require_POST
@domain_errors_as_messages(_dossier_url)
def dossier_transition_view(request, pk, action):
    # Only the unit's moves: the office returns, accepts or rejects a dossier on its review page (reviews),
    # the one path for its decisions.
    if action not in UNIT_ACTIONS:
        raise Http404
    dossier = _get_dossier(request, pk)
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
@domain_errors_as_messages(_dossier_url)
def dossier_discard_view(request, pk):
    dossier = _get_dossier(request, pk)
    require(request, "nominations.act_for_unit", dossier)
    form = NoteForm(request.POST)
    form.is_valid()
    services.dossier_discard(
        dossier=dossier, actor=request.user, expected_version=form.cleaned_data.get("version")
    )
    messages.success(request, _("Đã hủy hồ sơ đang soạn. Đơn vị có thể lập hồ sơ mới khi cần."))
    return redirect("nominations:list")


# ---- nominees -------------------------------------------------------------------------------------------------
@login_required
@domain_errors_as_messages(_dossier_url)
def nominee_add(request, pk, kind):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
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
@domain_errors_as_messages(_dossier_url)
def nominee_edit(request, pk, nominee_pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    nominee = _get_nominee(dossier, nominee_pk)
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
@domain_errors_as_messages(_dossier_url)
def nominee_remove(request, pk, nominee_pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    nominee = _get_nominee(dossier, nominee_pk)
    services.nominee_remove(nominee=nominee, actor=request.user)
    messages.success(request, _("Đã bỏ %(name)s khỏi hồ sơ.") % {"name": nominee.display_name})
    return redirect("nominations:detail", pk=dossier.pk)


# ---- achievement report ---------------------------------------------------------------------------------------
def _report_values(report: AchievementReport | None, nominee: Nominee, form_fields) -> dict:
    if report is None:
        return report_initial(nominee)
    return {name: getattr(report, name) for name in form_fields}


def _store_scan(request, dossier, scan_form, *, kind, nominee=None) -> None:
    """Keep a valid uploaded scan at once, even when the rest of the page has errors."""
    scan = scan_form.cleaned_data.get("scan") if scan_form.is_valid() else None
    if not scan:
        return
    try:
        attachment = services.attachment_add(
            dossier=dossier, actor=request.user, file=scan, kind=kind, nominee=nominee, replace=True
        )
    except DomainError as exc:
        scan_form.add_error("scan", str(exc))
    else:
        messages.success(request, _("Đã lưu tệp “%(name)s”.") % {"name": attachment.original_name})


@login_required
@domain_errors_as_messages(_dossier_url)
def report_edit(request, pk, nominee_pk):
    dossier = _get_dossier(request, pk)
    nominee = _get_nominee(dossier, nominee_pk)
    report = report_of(nominee)
    can_change = allowed(request.user, "nominations.change_dossier", dossier)
    if request.method == "POST":
        _require_editable(request, dossier)
        form = ReportForm(request.POST, kind=nominee.kind)
        awards = PriorAwardFormSet(request.POST, prefix="awards")
        scan_form = ScanForm(request.POST, request.FILES)
        _store_scan(
            request, dossier, scan_form, kind=DossierComponentKind.ACHIEVEMENT_REPORT, nominee=nominee
        )
        if form.is_valid() and awards.is_valid() and scan_form.is_valid():
            rows = [f.cleaned_data for f in awards if f.cleaned_data and f.cleaned_data.get("form")]
            try:
                services.report_save(
                    nominee=nominee, actor=request.user, fields=form.cleaned_data, prior_awards=rows
                )
                if request.POST.get("action") == "confirm":
                    services.report_confirm(nominee=nominee, actor=request.user)
                    messages.success(request, _("Đã lưu và xác nhận báo cáo thành tích."))
                    return redirect("nominations:detail", pk=dossier.pk)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu nháp báo cáo thành tích."))
                return redirect("nominations:report", pk=dossier.pk, nominee_pk=nominee.pk)
        else:
            messages.error(
                request, _("Chưa lưu được: hãy sửa các ô được đánh dấu. Những gì bạn đã gõ vẫn còn nguyên.")
            )
    else:
        form = ReportForm(kind=nominee.kind)
        form.initial = _report_values(report, nominee, form.fields)
        initial_awards = (
            [{"year": a.year, "form": a.form, "decision": a.decision} for a in report.prior_awards.all()]
            if report
            else []
        )
        awards = PriorAwardFormSet(initial=initial_awards, prefix="awards")
        scan_form = ScanForm()
    report = report_of(Nominee.objects.select_related("report").get(pk=nominee.pk))
    scans = list(
        Attachment.objects.filter(
            dossier=dossier, nominee=nominee, kind=DossierComponentKind.ACHIEVEMENT_REPORT
        )
    )
    return render(
        request,
        "nominations/report_form.html",
        {
            "dossier": dossier,
            "nominee": nominee,
            "report": report,
            "form": form,
            "awards": awards,
            "scan_form": scan_form,
            "scans": scans,
            "can_change": can_change,
        },
    )


@login_required
@require_POST
@domain_errors_as_messages(_dossier_url)
def report_confirm(request, pk, nominee_pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    nominee = _get_nominee(dossier, nominee_pk)
    services.report_confirm(nominee=nominee, actor=request.user)
    messages.success(
        request, _("Đã xác nhận báo cáo thành tích của %(name)s.") % {"name": nominee.display_name}
    )
    return redirect("nominations:detail", pk=dossier.pk)


# ---- tờ trình -------------------------------------------------------------------------------------------------
@login_required
@domain_errors_as_messages(_dossier_url)
def letter_edit(request, pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            try:
                services.dossier_letter_save(
                    dossier=dossier,
                    actor=request.user,
                    number=form.cleaned_data["number"],
                    letter_date=form.cleaned_data["letter_date"],
                )
            except DomainError as exc:
                form.add_error(getattr(exc, "field", None), str(exc))
            else:
                messages.success(request, _("Đã lưu số, ngày tờ trình."))
                return redirect("nominations:detail", pk=dossier.pk)
    else:
        form = LetterForm(initial={"number": dossier.letter_number, "letter_date": dossier.letter_date})
    return render(request, "nominations/letter_form.html", {"dossier": dossier, "form": form})


# ---- minutes --------------------------------------------------------------------------------------------------
@login_required
@domain_errors_as_messages(_dossier_url)
def minutes_edit(request, pk):
    dossier = _get_dossier(request, pk)
    detail = dossier_detail(dossier, with_history=False)
    minutes = detail.minutes
    if request.method == "POST":
        _require_editable(request, dossier)
        form = MinutesForm(request.POST, nominees=detail.nominees)
        scan_form = ScanForm(request.POST, request.FILES)
        _store_scan(request, dossier, scan_form, kind=DossierComponentKind.UNIT_MINUTES)
        if form.is_valid() and scan_form.is_valid():
            fields, votes = form.fields_and_votes()
            try:
                services.minutes_save(dossier=dossier, actor=request.user, fields=fields, votes=votes)
            except DomainError as exc:
                form.add_error(getattr(exc, "field", None), str(exc))
            else:
                messages.success(request, _("Đã lưu biên bản họp."))
                return redirect("nominations:detail", pk=dossier.pk)
        else:
            messages.error(
                request, _("Chưa lưu được: hãy sửa các ô được đánh dấu. Những gì bạn đã gõ vẫn còn nguyên.")
            )
    else:
        if minutes is not None:
            initial = {name: getattr(minutes, name) for name in MinutesForm.base_fields}
            for nominee in detail.nominees:
                vote = minutes.vote_by_nominee.get(nominee.pk)
                if vote:
                    initial[f"for_{nominee.pk}"] = vote.votes_for
                    initial[f"total_{nominee.pk}"] = vote.votes_total
        else:
            head = getattr(request.user, "official", None)
            initial = {"chair_name": head.full_name if head else "", "meeting_place": dossier.unit.name}
        form = MinutesForm(initial=initial, nominees=detail.nominees)
        scan_form = ScanForm()
    scans = list(Attachment.objects.filter(dossier=dossier, kind=DossierComponentKind.UNIT_MINUTES))
    return render(
        request,
        "nominations/minutes_form.html",
        {
            "dossier": dossier,
            "form": form,
            "scan_form": scan_form,
            "scans": scans,
            "can_change": allowed(request.user, "nominations.change_dossier", dossier),
        },
    )


# ---- attachments ----------------------------------------------------------------------------------------------
@login_required
@domain_errors_as_messages(_dossier_url)
def attachment_add(request, pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    detail = dossier_detail(dossier, with_history=False)
    form = AttachmentForm(request.POST or None, request.FILES or None, detail=detail)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attachment = services.attachment_add(
                dossier=dossier,
                actor=request.user,
                file=data["file"],
                kind=data["kind"],
                nominee=data["nominee"],
                requirement=data["requirement"],
                description=data["description"],
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Đã tải lên “%(name)s”.") % {"name": attachment.original_name})
            return redirect(reverse("nominations:detail", args=[dossier.pk]) + "#tai-lieu")
    return render(request, "nominations/attachment_form.html", {"dossier": dossier, "form": form})


@login_required
def attachment_download(request, pk, attachment_pk):
    dossier = _get_dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    return serve_stored_file(
        attachment.file_path, attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
@domain_errors_as_messages(_back_to_page)
def attachment_remove(request, pk, attachment_pk):
    dossier = _get_dossier(request, pk)
    _require_editable(request, dossier)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect(_back_to_page(request, pk))


# ---- documents ------------------------------------------------------------------------------------------------
def _pdf_response(data: bytes, filename: str, *, download: bool) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename, inline=not download)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def cover_letter_pdf(request, pk):
    dossier = _get_dossier(request, pk)
    return _pdf_response(
        documents.dossier_cover_letter_pdf(dossier),
        documents.cover_letter_filename(dossier),
        download=bool(request.GET.get("tai")),
    )


@login_required
def report_pdf(request, pk, nominee_pk):
    dossier = _get_dossier(request, pk)
    nominee = _get_nominee(dossier, nominee_pk)
    return _pdf_response(
        documents.achievement_report_pdf(nominee),
        documents.report_filename(nominee),
        download=bool(request.GET.get("tai")),
    )


@login_required
def minutes_pdf(request, pk):
    dossier = _get_dossier(request, pk)
    return _pdf_response(
        documents.unit_minutes_pdf(dossier),
        documents.minutes_filename(dossier),
        download=bool(request.GET.get("tai")),
    )


# ---- deadline extensions (office) -----------------------------------------------------------------------------
@login_required
def extension_list(request, slug):
    require(request, "nominations.grant_extension")
    campaign = get_object_or_404(Campaign, slug=slug)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _extension, ok = form_error_on_domain_error(
            form,
            services.extension_grant,
            campaign=campaign,
            unit=data["unit"],
            actor=request.user,
            new_deadline=data["new_deadline"],
            reason=data["reason"],
        )
        if ok:
            messages.success(
                request,
                _("Đã gia hạn nộp hồ sơ cho %(unit)s đến %(date)s.")
                % {"unit": data["unit"].name, "date": data["new_deadline"].strftime("%d/%m/%Y")},
            )
            return redirect("nominations:extensions", slug=campaign.slug)
    extensions = DeadlineExtension.objects.filter(campaign=campaign).select_related("unit", "granted_by")
    return render(
        request, "nominations/extensions.html", {"campaign": campaign, "form": form, "extensions": extensions}
    )
