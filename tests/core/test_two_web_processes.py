"""Beyond one machine (issue 13): two web processes (gunicorn, one sync worker each, on two loopback ports)
on one database and one S3-compatible bucket (moto's server on 127.0.0.1). The office signs in and uploads a
workbook through the first; the second shows its preview (it reads the file back from the bucket) and the
session made by the first. Runs in subprocesses on a database file of its own, never the test database."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest

from tests.organisation.conftest import build_xlsx

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Mat-khau-thu-2026"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3(tmp_path):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    )
    client.create_bucket(Bucket="anhai-test")
    yield endpoint, client
    server.stop()


def _env(tmp_path, endpoint) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "STORAGE_S3"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="anhai_thidua.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "media"),
        DEBUG="true",
        SECRET_KEY="two-processes-test",
        STORAGE_S3_BUCKET="anhai-test",
        STORAGE_S3_ENDPOINT_URL=endpoint,
        STORAGE_S3_REGION="us-east-1",
        STORAGE_S3_ACCESS_KEY_ID="k",
        STORAGE_S3_SECRET_ACCESS_KEY="s",
        CELERY_TASK_ALWAYS_EAGER="true",
        OTP_REQUIRED_ROLES="",  # the demo's office signs in with a password only (as `make run` does)
        PYTHONPATH=str(ROOT),
    )
    return env


def _wait(url: str, deadline: float) -> None:
    import requests

    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise TimeoutError(url)


def _csrf(session, url) -> str:
    body = session.get(url, timeout=30).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def test_a_file_uploaded_through_one_web_process_is_served_by_the_other(tmp_path, s3):
    import requests

    endpoint, client = s3
    env = _env(tmp_path, endpoint)
    python = sys.executable
    run = dict(cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    subprocess.run([python, "manage.py", "migrate", "--noinput", "-v", "0"], **run)
    subprocess.run(
        [
            python,
            "-c",
            "import django; django.setup();"
            "from organisation.models import Official, RoleAssignment, Unit, User;"
            "u = Unit.objects.create(name='Phòng Văn hóa - Xã hội', code='vhxh');"
            "o = Official.objects.create(full_name='Lê Thị Thu Hà', gender='female', unit=u);"
            f"user = User.objects.create_user('office', password='{PASSWORD}', official=o);"
            "RoleAssignment.objects.create(user=user, role='office')",
        ],
        **run,
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [python, "-m", "gunicorn", "anhai_thidua.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        a, b = (f"http://127.0.0.1:{port}" for port in ports)
        deadline = time.monotonic() + 60
        _wait(a + "/dang-nhap/", deadline)
        _wait(b + "/dang-nhap/", deadline)
        session = requests.Session()
        token = _csrf(session, a + "/dang-nhap/")
        login = session.post(
            a + "/dang-nhap/",
            data={"username": "office", "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": a + "/dang-nhap/"},
            timeout=30,
        )
        assert login.status_code == 200 and "Lê Thị Thu Hà" in login.text

        data = build_xlsx(
            units=[("ttphcc", "Trung tâm Phục vụ hành chính công", "TTPVHCC", "Trung tâm", "", "")],
            officials=[
                ("cb-001", "Nguyễn Văn Hai Máy", "Nam", "01/02/1985", "Chuyên viên", "ttphcc", "", "")
            ],
        )
        token = _csrf(session, a + "/to-chuc/nhap-excel/")
        upload = session.post(
            a + "/to-chuc/nhap-excel/",
            data={"csrfmiddlewaretoken": token},
            files={"file": ("danh-sach.xlsx", data)},
            headers={"Referer": a + "/to-chuc/nhap-excel/"},
            allow_redirects=False,
            timeout=60,
        )
        assert upload.status_code == 302, upload.text[:500]
        preview_path = upload.headers["Location"]

        keys = [o["Key"] for o in client.list_objects_v2(Bucket="anhai-test").get("Contents", [])]
        assert len(keys) == 1 and keys[0].startswith("imports/")  # in the bucket ...
        assert not (tmp_path / "media" / keys[0]).exists()  # ... not on the first process's disk

        served = session.get(b + preview_path, timeout=60)  # the other process, the same session cookie
        assert served.status_code == 200
        assert "Nguyễn Văn Hai Máy" in served.text  # read back from the bucket by the second process
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=20)
