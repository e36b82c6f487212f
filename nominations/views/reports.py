"""The achievement report form (báo cáo thành tích) and its confirmation by the unit head."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.permissions import allowed, domain_errors_as_messages
from campaigns.enums import DossierComponentKind

from .. import services
from ..errors import DomainError
from ..forms import PriorAwardFormSet, ReportForm, ScanForm
from ..models import AchievementReport, Attachment, Nominee
from ..selectors import report_of
from .common import dossier_url, get_dossier, get_nominee, require_editable, store_scan


def _unbound_forms(report: AchievementReport | None, nominee: Nominee):
    """The report form, its table III rows and the scan field, filled from the saved report (a new one
    from what the directory knows about the nominee)."""
    form = ReportForm(kind=nominee.kind)
    if report is None:
        form.initial = services.report_initial(nominee)
    else:
        form.initial = {name: getattr(report, name) for name in form.fields}
    initial_awards = (
        [{"year": a.year, "form": a.form, "decision": a.decision} for a in report.prior_awards.all()]
        if report
        else []
    )
    return form, PriorAwardFormSet(initial=initial_awards, prefix="awards"), ScanForm()


def _save(request, dossier, nominee: Nominee, form, awards):
    """Save the report (and confirm it when asked): the redirect, or None with the refusal on the form so
    what was typed stays."""
    rows = [f.cleaned_data for f in awards if f.cleaned_data and f.cleaned_data.get("form")]
    try:
        services.report_save(nominee=nominee, actor=request.user, fields=form.cleaned_data, prior_awards=rows)
        if request.POST.get("action") == "confirm":
            services.report_confirm(nominee=nominee, actor=request.user)
            messages.success(request, _("Đã lưu và xác nhận báo cáo thành tích."))
            return redirect("nominations:detail", pk=dossier.pk)
    except DomainError as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, _("Đã lưu nháp báo cáo thành tích."))
    return redirect("nominations:report", pk=dossier.pk, nominee_pk=nominee.pk)


@login_required
@domain_errors_as_messages(dossier_url)
def report_edit(request, pk, nominee_pk):
    dossier = get_dossier(request, pk)
    nominee = get_nominee(dossier, nominee_pk)
    report = report_of(nominee)
    can_change = allowed(request.user, "nominations.change_dossier", dossier)
    if request.method == "POST":
        require_editable(request, dossier)
        form = ReportForm(request.POST, kind=nominee.kind)
        awards = PriorAwardFormSet(request.POST, prefix="awards")
        scan_form = ScanForm(request.POST, request.FILES)
        store_scan(request, dossier, scan_form, kind=DossierComponentKind.ACHIEVEMENT_REPORT, nominee=nominee)
        if form.is_valid() and awards.is_valid() and scan_form.is_valid():
            saved = _save(request, dossier, nominee, form, awards)
            if saved is not None:
                return saved
        else:
            messages.error(
                request, _("Chưa lưu được: hãy sửa các ô được đánh dấu. Những gì bạn đã gõ vẫn còn nguyên.")
            )
    else:
        form, awards, scan_form = _unbound_forms(report, nominee)
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
@domain_errors_as_messages(dossier_url)
def report_confirm(request, pk, nominee_pk):
    dossier = get_dossier(request, pk)
    require_editable(request, dossier)
    nominee = get_nominee(dossier, nominee_pk)
    services.report_confirm(nominee=nominee, actor=request.user)
    messages.success(
        request, _("Đã xác nhận báo cáo thành tích của %(name)s.") % {"name": nominee.display_name}
    )
    return redirect("nominations:detail", pk=dossier.pk)
