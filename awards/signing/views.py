"""Pages of the signing work: the office's signing page (download the final PDF, upload the signed file or
the scan), and the public signed file and its validation report.

Thin views: permission (awards/signing/rules.py) → form → one service → message and redirect.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.permissions import allowed, domain_errors_as_messages, require
from anhai_thidua.core.uploads import serve_stored_file

from ..models import Decision, SignedDecision
from . import pki, services
from .enums import AgencyStatus
from .forms import ScanUploadForm, SignedUploadForm


def _issued(request, pk: int) -> Decision:
    decision = Decision.objects.select_related("campaign").filter(pk=pk).first()
    if decision is None or not decision.is_issued:
        raise Http404
    require(request, "awards.view_decision", decision)
    return decision


@login_required
def signing(request, pk):
    """The office's signing page: status, the final PDF to sign, and the two upload forms."""
    decision = _issued(request, pk)
    can_upload = allowed(request.user, "awards.upload_signed_decision", decision)
    signed_form = SignedUploadForm()
    scan_form = ScanUploadForm()
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        if "scan_file" in request.FILES or request.POST.get("kind") == "scan":
            scan_form = ScanUploadForm(request.POST, request.FILES)
            form, service, field, done = (
                scan_form,
                services.scan_upload,
                "scan_file",
                _("Đã lưu bản quét Quyết định đã ký, đóng dấu."),
            )
        else:
            signed_form = SignedUploadForm(request.POST, request.FILES)
            form, service, field, done = (
                signed_form,
                services.signed_decision_upload,
                "signed_file",
                _("Đã chấp nhận Quyết định đã ký số."),
            )
        if form.is_valid():
            try:
                service(decision=decision, actor=request.user, file=form.cleaned_data[field])
            except DomainError as exc:
                form.add_error(field, str(exc))
            else:
                messages.success(request, done)
                return redirect("awards:signing", pk=decision.pk)
    record = SignedDecision.objects.filter(decision=decision).first()
    return render(
        request,
        "awards/signing/signing.html",
        {
            "decision": decision,
            "record": record,
            "uploads": list(decision.signature_uploads.select_related("uploaded_by")[:10]),
            "can_upload": can_upload,
            "signed_form": signed_form,
            "scan_form": scan_form,
            "can_sign_as_agency": bool(
                can_upload
                and pki.agency_configured()
                and record is not None
                and record.is_digital
                and record.agency_status in (AgencyStatus.NONE, AgencyStatus.QUEUED, AgencyStatus.FAILED)
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
@domain_errors_as_messages("awards:signing")
def agency_retry(request, pk):
    decision = _issued(request, pk)
    services.agency_retry(decision=decision, actor=request.user)
    messages.success(request, _("Đã gửi yêu cầu ký số của cơ quan."))
    return redirect("awards:signing", pk=decision.pk)


@login_required
def issued_pdf(request, pk):
    """The final PDF for signing: the document of record, the same bytes on every download."""
    decision = _issued(request, pk)
    try:
        record = services.issued_record(decision=decision)
    except DomainError as exc:
        raise Http404 from exc
    return serve_stored_file(
        record.issued_path, services.issued_filename(decision), content_type="application/pdf"
    )


def _published(pk: int) -> SignedDecision:
    record = SignedDecision.objects.select_related("decision").filter(decision_id=pk).first()
    if record is None or not record.is_published or not record.decision.is_issued:
        raise Http404
    return record


def signed_pdf(request, pk):
    """Public: the signed decision (digitally signed, with the agency's signature when added; or the scan)."""
    record = _published(pk)
    response = serve_stored_file(record.final_path, record.signed_filename, content_type="application/pdf")
    response["Cache-Control"] = "public, max-age=300"
    return response


def signed_report(request, pk):
    """Public: the validation report of the signed decision (JSON)."""
    record = _published(pk)
    response = HttpResponse(
        json.dumps(record.report, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{record.signed_filename[:-4]}-xac-thuc.json"'
    return response
