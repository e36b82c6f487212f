"""A decision's files made in the background (anhai_thidua.core.jobs), registered from AwardsConfig.ready():
the certificates bundle of an issued decision, kinds "awards.certificates" (plain paper) and
"awards.certificates_blank" (printed on the pre-printed blank), params {"decision_id"}; and a large decision's
own PDF and payment list, kinds "awards.decision_pdf" and "awards.payment_list_pdf", params {"decision_id",
"version"} (the decision's version: a finished file is given again until the decision changes)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.jobs import BuiltFile, JobKind, register_job_kind
from anhai_thidua.core.permissions import allowed

from .models import Decision

PLAIN = "awards.certificates"
BLANK = "awards.certificates_blank"
DECISION_PDF = "awards.decision_pdf"
PAYMENT_LIST_PDF = "awards.payment_list_pdf"


def kind_for(blank_mode: bool) -> str:
    return BLANK if blank_mode else PLAIN


def _build(job, progress) -> BuiltFile:
    from .documents import certificates_filename, certificates_pdf
    from .signing.services import sign_certificates

    blank_mode = job.kind == BLANK
    decision = Decision.objects.get(pk=job.params["decision_id"])
    data = certificates_pdf(decision, blank_mode=blank_mode, progress=progress)
    data = sign_certificates(data)  # the agency's signature when configured (awards/signing)
    return BuiltFile(data, certificates_filename(decision, blank_mode=blank_mode), "application/pdf")


def _build_document(job, progress) -> BuiltFile:
    from . import documents

    decision = Decision.objects.get(pk=job.params["decision_id"])
    progress(20)
    if job.kind == DECISION_PDF:
        return BuiltFile(
            documents.decision_pdf(decision), documents.decision_filename(decision), "application/pdf"
        )
    data = documents.payment_list_pdf(decision)
    return BuiltFile(data, documents.payment_list_filename(decision), "application/pdf")


def _viewer(perm: str):
    def can_view(user, job) -> bool:
        """Whoever may see (print) the decision sees its jobs."""
        decision = Decision.objects.filter(pk=job.params.get("decision_id")).first()
        if decision is None:
            return False
        if not allowed(user, perm, decision):
            raise PermissionDenied
        return True

    return can_view


_can_view = _viewer("awards.print_certificates")


def _back_url(job) -> str:
    return reverse("awards:decision", args=[job.params["decision_id"]])


register_job_kind(JobKind(PLAIN, _("In Giấy khen"), _build, _can_view, _back_url))
register_job_kind(JobKind(BLANK, _("In Giấy khen (trên phôi)"), _build, _can_view, _back_url))
register_job_kind(
    JobKind(
        DECISION_PDF,
        _("Quyết định khen thưởng (PDF)"),
        _build_document,
        _viewer("awards.view_decision"),
        _back_url,
    )
)
register_job_kind(
    JobKind(PAYMENT_LIST_PDF, _("Danh sách chi tiền thưởng (PDF)"), _build_document, _can_view, _back_url)
)
