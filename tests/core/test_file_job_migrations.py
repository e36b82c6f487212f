"""The data migrations that move the criteria export jobs and the awards certificate jobs into core.FileJob:
every row keeps its state, file, owner and dates, and its old id (legacy_ref) for the old links."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from anhai_thidua.core.models import FileJob

CREATED = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 0))
FINISHED = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 1))


class OldJobs:
    """The historical model of a table that no longer exists at the latest migration, faked."""

    def __init__(self, rows):
        self.objects = SimpleNamespace(order_by=lambda *a: SimpleNamespace(iterator=lambda: iter(rows)))


class HistoricalApps:
    def __init__(self, old_label, rows):
        self.old_label, self.rows = old_label, rows

    def get_model(self, app_label, name):
        if f"{app_label}.{name}" == self.old_label:
            return OldJobs(self.rows)
        return django_apps.get_model(app_label, name)


def _row(**values):
    base = dict(progress=100, file_path="", filename="", error="", created_at=CREATED, finished_at=FINISHED)
    return SimpleNamespace(**(base | values))


@pytest.mark.django_db
def test_criteria_export_jobs_move_with_their_files_and_old_ids(office_user):
    migration = importlib.import_module("criteria.migrations.0004_export_jobs_move_to_core_file_jobs")
    rows = [
        _row(
            pk=12,
            kind="summary_pdf",
            requested_by_id=office_user.pk,
            campaign_id=3,
            period_id=None,
            status="done",
            file_path="exports/3/abc.pdf",
            filename="bao-cao-tong-ket-x.pdf",
        ),
        _row(
            pk=13,
            kind="criteria_xlsx",
            requested_by_id=None,
            campaign_id=3,
            period_id=4,
            status="failed",
            progress=20,
            error="hỏng",
            finished_at=FINISHED,
        ),
    ]
    migration.move_export_jobs(HistoricalApps("criteria.ExportJob", rows), None)
    done, failed = FileJob.objects.order_by("pk")
    assert (
        done.kind,
        done.owner,
        done.params,
        done.state,
        done.file.name,
        done.filename,
        done.content_type,
    ) == (
        "criteria.summary_pdf",
        office_user,
        {"campaign_id": 3, "period_id": None},
        "done",
        "exports/3/abc.pdf",
        "bao-cao-tong-ket-x.pdf",
        "application/pdf",
    )
    assert (done.legacy_ref, done.created_at, done.finished_at) == (
        "criteria.exportjob:12",
        CREATED,
        FINISHED,
    )
    assert (failed.kind, failed.state, failed.progress, failed.error, failed.params["period_id"]) == (
        "criteria.criteria_xlsx",
        "failed",
        20,
        "hỏng",
        4,
    )


@pytest.mark.django_db
def test_certificate_jobs_move_by_mode(office_user):
    migration = importlib.import_module("awards.migrations.0007_certificate_jobs_move_to_core_file_jobs")
    rows = [
        _row(
            pk=5,
            decision_id=9,
            blank_mode=True,
            requested_by_id=office_user.pk,
            status="done",
            file_path="awards/9/x.pdf",
            filename="giay-khen-01-2026.pdf",
        ),
        _row(
            pk=6,
            decision_id=9,
            blank_mode=False,
            requested_by_id=None,
            status="queued",
            progress=0,
            finished_at=None,
        ),
    ]
    migration.move_certificate_jobs(HistoricalApps("awards.CertificateJob", rows), None)
    blank, plain = FileJob.objects.order_by("pk")
    assert (blank.kind, blank.params, blank.file.name, blank.legacy_ref) == (
        "awards.certificates_blank",
        {"decision_id": 9},
        "awards/9/x.pdf",
        "awards.certificatejob:5",
    )
    assert (plain.kind, plain.state, plain.finished_at, plain.legacy_ref) == (
        "awards.certificates",
        "queued",
        None,
        "awards.certificatejob:6",
    )
