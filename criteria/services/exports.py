"""Reports and workbooks made in the background (anhai_thidua.core.jobs; the kinds are in criteria/jobs.py)."""

from django.utils.translation import gettext as _

from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.jobs import job_request
from anhai_thidua.core.models import FileJob
from campaigns.models import Campaign

from ..enums import ExportKind
from ..jobs import job_kind_of
from ..models import ReportingPeriod


def export_request(*, campaign: Campaign, kind: str, actor, period: ReportingPeriod | None = None) -> FileJob:
    """Queue a report or workbook to be made by the worker; an identical unfinished request is reused.

    Side effects: the Celery task "core.run_file_job" on commit.
    """
    if kind not in ExportKind.values:
        raise DomainError(_("Loại báo cáo không hợp lệ."))
    return job_request(
        kind=job_kind_of(kind),
        owner=actor,
        params={"campaign_id": campaign.pk, "period_id": period.pk if period else None},
    )
