"""Background exports: a job per request, made by the Celery task (eager in tests), progress, download."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from criteria.enums import ExportStatus
from criteria.models import ExportJob
from criteria.tasks import run_export
from tests.pdf import pdf_text


def test_dashboard_button_makes_the_summary_in_the_background(
    campaign, targets, period, office_user, login, django_capture_on_commit_callbacks
):
    client = login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("criteria:export_start", args=[campaign.slug]), {"kind": "summary_pdf", "ky": period.pk}
        )
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("criteria:export_job", args=[job.pk])
    assert (job.status, job.progress, job.period, job.requested_by) == (
        ExportStatus.DONE,
        100,
        period,
        office_user,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tệp đã sẵn sàng." in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("criteria:export_download", args=[job.pk]))
    assert "bao-cao-tong-ket-cchc-thu.pdf" in download["Content-Disposition"]
    assert "Kỳ báo cáo: Quý IV năm 2025" in pdf_text(b"".join(download.streaming_content))


def test_workbook_job_and_waiting_page(
    campaign, targets, period, office_user, login, django_capture_on_commit_callbacks
):
    client = login(office_user)
    client.post(reverse("criteria:export_start", args=[campaign.slug]), {"kind": "criteria_xlsx"})
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.QUEUED  # not committed yet: the task has not run
    page = client.get(reverse("criteria:export_job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and 'aria-valuenow="0"' in page
    assert client.get(reverse("criteria:export_download", args=[job.pk])).status_code == 404
    # The same request again reuses the unfinished job.
    client.post(reverse("criteria:export_start", args=[campaign.slug]), {"kind": "criteria_xlsx"})
    assert ExportJob.objects.count() == 1
    assert run_export(job.pk) == ExportStatus.DONE
    assert run_export(job.pk) == ExportStatus.DONE  # a second delivery does nothing
    job.refresh_from_db()
    data = b"".join(client.get(reverse("criteria:export_download", args=[job.pk])).streaming_content)
    assert load_workbook(io.BytesIO(data))["Kết quả tiêu chí"]["A2"].value == "Kỳ báo cáo: Quý IV năm 2025"


def test_jobs_belong_to_who_asked(campaign, targets, period, office_user, chairman, head_a, login):
    job = ExportJob.objects.create(campaign=campaign, kind="summary_pdf", requested_by=chairman)
    assert login(head_a).get(reverse("criteria:export_job", args=[job.pk])).status_code == 403
    assert login(office_user).get(reverse("criteria:export_job", args=[job.pk])).status_code == 200
    assert login(chairman).get(reverse("criteria:export_job", args=[job.pk])).status_code == 200
    other = ExportJob.objects.create(campaign=campaign, kind="summary_pdf", requested_by=office_user)
    assert login(chairman).get(reverse("criteria:export_job", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("kind", ["bogus", ""])
def test_unknown_kind_is_refused(campaign, office_user, login, kind):
    response = login(office_user).post(
        reverse("criteria:export_start", args=[campaign.slug]), {"kind": kind}, follow=True
    )
    assert "Loại báo cáo không hợp lệ." in response.content.decode()
    assert not ExportJob.objects.exists()
