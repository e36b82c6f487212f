"""The certificates bundle of an issued decision as a background file (anhai_thidua.core.jobs),
registered from AwardsConfig.ready(): kinds "awards.certificates" (plain paper) and
"awards.certificates_blank" (printed on the pre-printed blank), params {"decision_id"}."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anhai_thidua.core.jobs import BuiltFile, JobKind, register_job_kind
from anhai_thidua.core.permissions import allowed

from .models import Decision

PLAIN = "awards.certificates"
BLANK = "awards.certificates_blank"


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


def _can_view(user, job) -> bool:
    """Whoever may print the decision's certificates sees its jobs."""
    decision = Decision.objects.filter(pk=job.params.get("decision_id")).first()
    if decision is None:
        return False
    if not allowed(user, "awards.print_certificates", decision):
        raise PermissionDenied
    return True


def _back_url(job) -> str:
    return reverse("awards:decision", args=[job.params["decision_id"]])


register_job_kind(JobKind(PLAIN, _("In Giấy khen"), _build, _can_view, _back_url))
register_job_kind(JobKind(BLANK, _("In Giấy khen (trên phôi)"), _build, _can_view, _back_url))
