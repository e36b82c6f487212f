"""Reports and workbooks made in the background."""

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.errors import DomainError
from campaigns.models import Campaign

from ..enums import ExportKind
from ..models import (
    ExportJob,
    ReportingPeriod,
)

# ---- Background exports -------------------------------------------------------------------------------------


def export_request(
    *, campaign: Campaign, kind: str, actor, period: ReportingPeriod | None = None
) -> ExportJob:
    """Queue a report or workbook to be made by the worker; an identical unfinished request is reused.

    Side effects: the Celery task "criteria.run_export" on commit.
    """
    from ..enums import ExportStatus
    from ..tasks import run_export

    if kind not in ExportKind.values:
        raise DomainError(_("Loại báo cáo không hợp lệ."))
    with transaction.atomic():
        job = (
            ExportJob.objects.select_for_update()
            .filter(
                campaign=campaign,
                kind=kind,
                period=period,
                requested_by=actor,
                status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING],
            )
            .first()
        )
        if job is None:
            job = ExportJob.objects.create(campaign=campaign, kind=kind, period=period, requested_by=actor)
            job_id = job.pk
            transaction.on_commit(lambda: run_export.delay(job_id))
    return job
