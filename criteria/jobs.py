"""The criteria reports and workbooks as background files (anhai_thidua.core.jobs), registered from
CriteriaConfig.ready(): kind "criteria.<ExportKind>", params {"campaign_id", "period_id"}."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.jobs import BuiltFile, JobKind, register_job_kind
from anhai_thidua.core.permissions import allowed
from campaigns.models import Campaign

from .enums import EXPORT_FILES, ExportKind

PREFIX = "criteria."


def job_kind_of(kind: str) -> str:
    return f"{PREFIX}{kind}"


def _build(job, progress) -> BuiltFile:
    from .documents import summary_pdf
    from .workbooks import criteria_workbook, dossiers_workbook

    kind = ExportKind(job.kind.removeprefix(PREFIX))
    campaign = Campaign.objects.get(pk=job.params["campaign_id"])
    period_id = job.params.get("period_id")
    progress(20)
    if kind == ExportKind.SUMMARY_PDF:
        data = summary_pdf(campaign, period_id=period_id)
    elif kind == ExportKind.CRITERIA_XLSX:
        data = criteria_workbook(campaign, period_id=period_id)
    else:
        data = dossiers_workbook(campaign)
        if data is None:
            raise DomainError(_("Chưa có dữ liệu hồ sơ đề nghị khen thưởng."))
    progress(90)
    stem, ext, content_type = EXPORT_FILES[kind]
    return BuiltFile(data, f"{stem}-{slugify(campaign.slug)}.{ext}", content_type)


def _can_view(user, job) -> bool:
    """Who may see a report job: someone who may read the campaign's reports; the asker, or the office."""
    campaign = Campaign.objects.filter(pk=job.params.get("campaign_id")).first()
    if campaign is None or not allowed(user, "campaigns.view_campaign", campaign):
        return False
    if not allowed(user, "criteria.view_reports"):
        raise PermissionDenied
    return job.owner_id == user.pk or allowed(user, "criteria.review_results")


def _back_url(job) -> str:
    slug = Campaign.objects.filter(pk=job.params.get("campaign_id")).values_list("slug", flat=True).first()
    return reverse("criteria:dashboard", args=[slug]) if slug else ""


for _kind in ExportKind:
    register_job_kind(JobKind(job_kind_of(_kind), _kind.label, _build, _can_view, _back_url))
