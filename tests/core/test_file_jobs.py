"""The one background file job: a kind registered by an app, queued once, claimed once, its progress page
and its download for the people the kind allows."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from anhai_thidua.core import jobs
from anhai_thidua.core.domain import DomainError
from anhai_thidua.core.jobs import BuiltFile, JobKind, job_request, register_job_kind, run_file_job
from anhai_thidua.core.models import FileJob, FileJobState

KIND = "test.greeting"
calls = []


def build(job, progress):
    calls.append(job.pk)
    progress(40)
    if job.params.get("fail"):
        raise ValueError("hết giấy")
    if job.params.get("refuse"):
        raise DomainError("Chưa có dữ liệu để in.")
    return BuiltFile(f"Xin chào {job.params['name']}".encode(), "loi-chao.txt", "text/plain; charset=utf-8")


def can_view(user, job):
    if not user.has_perm("criteria.view_reports"):
        raise PermissionDenied
    return job.owner_id == user.pk


@pytest.fixture(autouse=True)
def greeting_kind(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    calls.clear()
    saved = dict(jobs._kinds)
    register_job_kind(JobKind(KIND, "Lời chào", build, can_view, lambda job: "/"))
    yield
    jobs._kinds.clear()
    jobs._kinds.update(saved)


def test_a_job_is_made_after_commit_and_downloaded_by_its_owner(
    office_user, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_request(kind=KIND, owner=office_user, params={"name": "Hà"})
    job.refresh_from_db()
    assert (job.state, job.progress, job.filename, job.error) == (FileJobState.DONE, 100, "loi-chao.txt", "")
    assert job.finished_at is not None and job.file.name.startswith("jobs/")
    client = login(office_user)
    page = client.get(reverse("core:file_job", args=[job.pk])).content.decode()
    assert "Tệp đã sẵn sàng." in page and 'http-equiv="refresh"' not in page and "Lời chào" in page
    download = client.get(reverse("core:file_job_download", args=[job.pk]))
    assert b"".join(download.streaming_content) == "Xin chào Hà".encode()
    assert 'filename="loi-chao.txt"' in download["Content-Disposition"]
    assert download["Content-Type"] == "text/plain; charset=utf-8"


def test_an_unfinished_request_is_reused_and_a_second_delivery_does_nothing(office_user, login):
    job = job_request(kind=KIND, owner=office_user, params={"name": "An"})
    assert job_request(kind=KIND, owner=office_user, params={"name": "An"}) == job
    assert job_request(kind=KIND, owner=office_user, params={"name": "Bình"}) != job
    page = login(office_user).get(reverse("core:file_job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and 'aria-valuenow="0"' in page
    assert login(office_user).get(reverse("core:file_job_download", args=[job.pk])).status_code == 404
    assert run_file_job(job.pk) == FileJobState.DONE
    assert run_file_job(job.pk) == FileJobState.DONE
    assert calls == [job.pk]


def test_a_failure_keeps_the_progress_and_says_why_in_vietnamese(office_user):
    failing = FileJob.objects.create(kind=KIND, owner=office_user, params={"fail": True})
    refused = FileJob.objects.create(kind=KIND, owner=office_user, params={"refuse": True})
    assert run_file_job(failing.pk) == FileJobState.FAILED
    assert run_file_job(refused.pk) == FileJobState.FAILED
    failing.refresh_from_db()
    refused.refresh_from_db()
    assert (failing.progress, failing.error) == (40, "Lỗi khi tạo tệp: hết giấy")
    assert refused.error == "Chưa có dữ liệu để in."
    assert not failing.file and failing.finished_at is not None


def test_unknown_kinds_are_refused(office_user):
    with pytest.raises(DomainError, match="Loại tệp không hợp lệ."):
        job_request(kind="test.nothing", owner=office_user, params={})
    assert not FileJob.objects.exists()


def test_jobs_belong_to_who_the_kind_allows(office_user, chairman, head_a, login):
    job = FileJob.objects.create(kind=KIND, owner=chairman, params={"name": "X"})
    run_file_job(job.pk)
    url = reverse("core:file_job", args=[job.pk])
    assert login(head_a).get(url).status_code == 403  # no right to reports at all
    assert login(office_user).get(url).status_code == 404  # someone else's job
    assert login(chairman).get(url).status_code == 200
    assert login(office_user).get(reverse("core:file_job_download", args=[job.pk])).status_code == 404
