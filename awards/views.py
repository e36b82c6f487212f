"""Pages of the award decision: draft, word, issue, documents, certificates, public list and verification.

Thin views: permission (awards/rules.py) → form → one service or selector → message and redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anhai_thidua.core.models import FileJob
from anhai_thidua.core.permissions import (
    allowed,
    domain_errors_as_messages,
    form_error_on_domain_error,
    require,
)
from campaigns.models import Campaign
from council.selectors import latest_closed_meeting

from . import documents, fragments, jobs, selectors, services
from .forms import BaseSalaryForm, CoefficientForm, DecisionWordingForm, IssueForm, SubmissionForm
from .models import AwardCoefficient, BaseSalary, Decision
from .workbooks import award_register_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _decision(request, pk: int, perm: str = "awards.view_decision") -> Decision:
    try:
        decision = selectors.decision_header(pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc
    require(request, perm, decision)
    return decision


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def campaign_awards(request, slug):
    """The campaign's award page: its decision (or the button to draft it) and the proposal to the city."""
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.view_decision")
    decision = selectors.decision_for_campaign(campaign)
    if decision is not None:
        return redirect("awards:decision", pk=decision.pk)
    # The council's result a page at a time, cached until its meeting changes; a tie at the quota line waits
    # for the council's chair: the page says so and links to the tie-break (issue 11).
    meeting = latest_closed_meeting(campaign)
    return render(
        request,
        "awards/campaign.html",
        {
            "campaign": campaign,
            "result": fragments.campaign_result(campaign, meeting, request),
            "submission": selectors.submission_for_campaign(campaign),
            "can_draft": allowed(request.user, "awards.draft_decision"),
            "can_manage_rates": allowed(request.user, "awards.manage_rates"),
        },
    )


@login_required
@require_POST
@domain_errors_as_messages("awards:campaign")
def decision_draft(request, slug):
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.draft_decision")
    decision = services.decision_draft(campaign=campaign, actor=request.user)
    messages.success(request, _("Đã lập dự thảo Quyết định khen thưởng."))
    return redirect("awards:decision", pk=decision.pk)


@login_required
def decision_detail(request, pk):
    decision = _decision(request, pk)
    return render(
        request,
        "awards/decision.html",
        {
            "decision": decision,
            "campaign": decision.campaign,
            "awards_table": fragments.awards_table(decision, request),
            "can_manage_rates": allowed(request.user, "awards.manage_rates"),
            "can_edit": allowed(request.user, "awards.edit_decision", decision),
            "can_issue": allowed(request.user, "awards.issue_decision", decision),
            "can_print": allowed(request.user, "awards.print_certificates", decision),
        },
    )


@login_required
def decision_edit(request, pk):
    decision = _decision(request, pk, "awards.edit_decision")
    form = DecisionWordingForm(request.POST or None, instance=decision, initial={"version": decision.version})
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        _result, ok = form_error_on_domain_error(
            form,
            services.decision_update,
            decision=decision,
            actor=request.user,
            fields=data,
            expected_version=form.cleaned_data["version"],
        )
        if ok:
            messages.success(request, _("Đã lưu dự thảo Quyết định."))
            return redirect("awards:decision", pk=decision.pk)
    return render(request, "awards/decision_edit.html", {"decision": decision, "form": form})


@login_required
def decision_issue(request, pk):
    decision = _decision(request, pk, "awards.issue_decision")
    form = IssueForm(request.POST or None, initial={"decision_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        issued, ok = form_error_on_domain_error(
            form,
            services.decision_issue,
            decision=decision,
            actor=request.user,
            decision_date=form.cleaned_data["decision_date"],
        )
        if ok:
            messages.success(request, _("Đã ban hành Quyết định số %(ref)s.") % {"ref": issued.reference})
            return redirect("awards:decision", pk=issued.pk)
    return render(request, "awards/decision_issue.html", {"decision": decision, "form": form})


def _decision_document(request, decision, kind, make, filename):
    """A decision's PDF at once, or, with more than DOCUMENT_SYNC_LIMIT awards, made in the background: the
    job page shows its progress and then the download (never minutes in a request)."""
    if selectors.award_totals(decision).count <= settings.DOCUMENT_SYNC_LIMIT:
        return _download(make(decision), filename(decision), "application/pdf")
    job = services.document_job_request(decision=decision, actor=request.user, kind=kind)
    return redirect("core:file_job", pk=job.pk)


@login_required
def decision_pdf(request, pk):
    decision = _decision(request, pk)
    return _decision_document(
        request, decision, jobs.DECISION_PDF, documents.decision_pdf, documents.decision_filename
    )


@login_required
@require_POST
@domain_errors_as_messages("awards:decision")
def certificates_start(request, pk):
    decision = _decision(request, pk, "awards.print_certificates")
    blank_mode = {"1": True, "0": False}.get(request.POST.get("phoi", ""))
    job = services.certificate_job_request(decision=decision, actor=request.user, blank_mode=blank_mode)
    return redirect("core:file_job", pk=job.pk)


# Job pages from before the one file job (anhai_thidua.core.jobs): the links users kept still work.
@login_required
def certificate_job(request, pk):
    job = get_object_or_404(FileJob, legacy_ref=f"awards.certificatejob:{pk}")
    return redirect("core:file_job", pk=job.pk)


@login_required
def certificate_download(request, pk):
    job = get_object_or_404(FileJob, legacy_ref=f"awards.certificatejob:{pk}")
    return redirect("core:file_job_download", pk=job.pk)


@login_required
def proposal_pdf(request, slug):
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.view_proposal")
    return _download(
        documents.proposal_pdf(campaign), documents.proposal_filename(campaign), "application/pdf"
    )


@login_required
def proposal_archive(request, slug):
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.view_proposal")
    return _download(
        documents.proposal_archive(campaign), documents.proposal_archive_filename(campaign), "application/zip"
    )


@login_required
def register_xlsx(request, slug):
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.view_decision")
    return _download(award_register_workbook(campaign=campaign), f"so-khen-thuong-{campaign.slug}.xlsx", XLSX)


def public(request):
    """Công khai: issued decisions and their awardees, without signing in. Names, units, the award and the
    decision only: no dates of birth, e-mails or money per person."""
    page = Paginator(selectors.public_decision_list(), 10).get_page(request.GET.get("page"))
    decisions = selectors.with_shown_awards(page)
    return render(request, "awards/public.html", {"page": page, "decisions": decisions})


def public_decision(request, pk):
    """Công khai of one issued decision: every awardee, a page at a time (names and units only)."""
    try:
        decision = selectors.public_decision(pk)
    except Decision.DoesNotExist as exc:
        raise Http404 from exc
    page = selectors.public_awards_page(decision, request.GET.get("page"))
    return render(request, "awards/public_decision.html", {"decision": decision, "page": page})


def verify_lookup(request):
    """Xác minh Giấy khen without the QR code: the code (or the whole address) printed under it."""
    code = (request.GET.get("ma") or "").strip().rstrip("/").rsplit("/", 1)[-1]
    if code:
        return redirect("award_verify", token=code)
    return render(request, "awards/verify.html", {"lookup": True})


def verify(request, token):
    """The page a certificate's QR code opens: only the name, award, decision number and date."""
    award = selectors.award_by_token(token)
    if award is None:
        return render(request, "awards/verify.html", {"award": None}, status=404)
    return render(request, "awards/verify.html", {"award": award, "decision": award.decision})


@login_required
def submission_create(request, slug):
    """The office makes its tờ trình to the ward chairman from the council's result."""
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.draft_decision")
    if selectors.submission_for_campaign(campaign) is not None:
        messages.info(request, _("Phong trào này đã có Tờ trình đề nghị khen thưởng."))
        return redirect("awards:campaign", slug=campaign.slug)
    form = SubmissionForm(
        request.POST or None,
        initial={
            "submission_date": timezone.localdate(),
            "signer_name": services.office_head_name(request.user),
            "funding_source": services.DEFAULT_FUNDING_SOURCE,
        },
    )
    if request.method == "POST" and form.is_valid():
        submission, ok = form_error_on_domain_error(
            form, services.submission_create, campaign=campaign, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("Đã lập Tờ trình số %(ref)s.") % {"ref": submission.reference})
            return redirect("awards:campaign", slug=campaign.slug)
    outcomes, _meeting = selectors.campaign_outcomes(campaign)
    return render(
        request,
        "awards/submission_form.html",
        {"campaign": campaign, "form": form, "awarded": selectors.awarded_outcomes(outcomes)},
    )


@login_required
def submission_pdf(request, slug):
    campaign = get_object_or_404(Campaign, slug=slug)
    require(request, "awards.view_decision")
    submission = selectors.submission_for_campaign(campaign)
    if submission is None:
        raise Http404
    return _download(
        documents.submission_pdf(submission), documents.submission_filename(submission), "application/pdf"
    )


@login_required
def payment_list_pdf(request, pk):
    decision = _decision(request, pk, "awards.print_certificates")
    return _decision_document(
        request, decision, jobs.PAYMENT_LIST_PDF, documents.payment_list_pdf, documents.payment_list_filename
    )


@login_required
def rates(request):
    """The dated money rows: base salaries and award coefficients, newest first."""
    require(request, "awards.manage_rates")
    return render(
        request,
        "awards/rates.html",
        {"salaries": list(BaseSalary.objects.all()), "coefficients": list(AwardCoefficient.objects.all())},
    )


def _rate_edit(request, *, model, form_class, save, pk, title):
    require(request, "awards.manage_rates")
    instance = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        _row, ok = form_error_on_domain_error(
            form, save, actor=request.user, instance=instance, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("Đã lưu."))
            return redirect("awards:rates")
    return render(request, "awards/rate_form.html", {"form": form, "title": title, "instance": instance})


@login_required
def base_salary_edit(request, pk=None):
    return _rate_edit(
        request,
        model=BaseSalary,
        form_class=BaseSalaryForm,
        save=services.base_salary_save,
        pk=pk,
        title=_("Mức lương cơ sở"),
    )


@login_required
def coefficient_edit(request, pk=None):
    return _rate_edit(
        request,
        model=AwardCoefficient,
        form_class=CoefficientForm,
        save=services.coefficient_save,
        pk=pk,
        title=_("Hệ số tiền thưởng"),
    )
