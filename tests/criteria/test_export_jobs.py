"""Background exports: a core FileJob per request, made by the Celery task (eager in tests), progress,
download; the job pages of before the one file job redirect."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from anhai_thidua.core.jobs import run_file_job
from anhai_thidua.core.models import FileJob, FileJobState
from tests.pdf import pdf_text


def test_dashboard_button_makes_the_summary_in_the_background(
    campaign, targets, period, office_user, login, django_capture_on_commit_callbacks
):
    client = login(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("criteria:export_start", args=[campaign.slug]), {"kind": "summary_pdf", "ky": period.pk}
        )
    job = FileJob.objects.get()
    assert response["Location"] == reverse("core:file_job", args=[job.pk])
    assert (job.kind, job.state, job.progress, job.params, job.owner) == (
        "criteria.summary_pdf",
        FileJobState.DONE,
        100,
        {"campaign_id": campaign.pk, "period_id": period.pk},
        office_user,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Tệp đã sẵn sàng." in page and 'http-equiv="refresh"' not in page
    assert "Báo cáo tổng kết (PDF)" in page
    assert reverse("criteria:dashboard", args=[campaign.slug]) in page
    download = client.get(reverse("core:file_job_download", args=[job.pk]))
    assert "bao-cao-tong-ket-cchc-thu.pdf" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    assert "Kỳ báo cáo: Quý IV năm 2025" in pdf_text(b"".join(download.streaming_content))


def test_workbook_job_and_waiting_page(
    campaign, targets, period, office_user, login, django_capture_on_commit_callbacks
):
    client = login(office_user)
    client.post(reverse("criteria:export_start", args=[campaign.slug]), {"kind": "criteria_xlsx"})
    job = FileJob.objects.get()
    assert job.state == FileJobState.QUEUED  # not committed yet: the task has not run
    page = client.get(reverse("core:file_job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and 'aria-valuenow="0"' in page
    assert client.get(reverse("core:file_job_download", args=[job.pk])).status_code == 404
    # The same request again reuses the unfinished job.
    client.post(reverse("criteria:export_start", args=[campaign.slug]), {"kind": "criteria_xlsx"})
    assert FileJob.objects.count() == 1
    assert run_file_job(job.pk) == FileJobState.DONE
    assert run_file_job(job.pk) == FileJobState.DONE  # a second delivery does nothing
    data = b"".join(client.get(reverse("core:file_job_download", args=[job.pk])).streaming_content)
    assert load_workbook(io.BytesIO(data))["Kết quả tiêu chí"]["A2"].value == "Kỳ báo cáo: Quý IV năm 2025"


def _job(campaign, owner):
    return FileJob.objects.create(
        kind="criteria.summary_pdf", owner=owner, params={"campaign_id": campaign.pk, "period_id": None}
    )


def test_jobs_belong_to_who_asked(campaign, targets, period, office_user, chairman, head_a, login):
    job = _job(campaign, chairman)
    url = reverse("core:file_job", args=[job.pk])
    assert login(head_a).get(url).status_code == 403
    assert login(office_user).get(url).status_code == 200
    assert login(chairman).get(url).status_code == 200
    other = _job(campaign, office_user)
    assert login(chairman).get(reverse("core:file_job", args=[other.pk])).status_code == 404


def test_old_job_links_redirect_to_the_file_job(campaign, office_user, login):
    job = _job(campaign, office_user)
    FileJob.objects.filter(pk=job.pk).update(legacy_ref="criteria.exportjob:7")
    client = login(office_user)
    assert client.get(reverse("criteria:export_job", args=[7]))["Location"] == reverse(
        "core:file_job", args=[job.pk]
    )
    assert client.get(reverse("criteria:export_download", args=[7]))["Location"] == reverse(
        "core:file_job_download", args=[job.pk]
    )
    assert client.get(reverse("criteria:export_job", args=[8])).status_code == 404


@pytest.mark.parametrize("kind", ["bogus", ""])
def test_unknown_kind_is_refused(campaign, office_user, login, kind):
    response = login(office_user).post(
        reverse("criteria:export_start", args=[campaign.slug]), {"kind": kind}, follow=True
    )
    assert "Loại báo cáo không hợp lệ." in response.content.decode()
    assert not FileJob.objects.exists()
