"""A reminder delivered through real Redis and a real Celery worker (no eager mode), on PostgreSQL.

The worker runs `notifications.send_due_reminders` against the test database (the test runs with
transaction=True so both see the same committed rows), then `notifications.send_pending_emails` as beat
would; the reminder rows and the sent outbox rows prove the whole path. SQLite's in-memory test database
cannot be shared with a worker process: the test is skipped there (CI runs PostgreSQL + Redis).
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail, Reminder
from tests.factories import CampaignFactory

BASE_DIR = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 120

pytestmark = pytest.mark.redis


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Overrides tests/conftest.py's fixture of the same name: tasks go to the real worker."""
    yield


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("REDIS_URL"):
            pytest.fail(f"REDIS_URL={url} is set but Redis does not answer: {exc}")
        pytest.skip(f"no Redis reachable at {url} ({exc})")
    finally:
        client.close()
    return url


def _wait(predicate, worker, log_path):
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline and worker.poll() is None:
        if predicate():
            return
        time.sleep(0.5)
    output = log_path.read_text(errors="replace")
    pytest.fail(f"timed out or worker exited (rc={worker.poll()}); worker log:\n{output[-4000:]}")


@pytest.mark.django_db(transaction=True)
def test_reminder_through_redis_and_a_real_worker(redis_url, tmp_path, head_a, head_b, office_user):
    if connection.vendor != "postgresql":
        pytest.skip("the worker must share the test database: run with DATABASE_URL=postgres://…")
    import redis

    # The worker process uses the built-in submission provider: units with no submitted dossier.
    today = timezone.localdate()
    campaign = CampaignFactory(
        slug=f"rt-{uuid.uuid4().hex[:8]}", submission_deadline=today + timedelta(days=3)
    )
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="") + (
        ":" + quote(db["PASSWORD"], safe="") if db.get("PASSWORD") else ""
    )
    port = f":{db['PORT']}" if db.get("PORT") else ""
    database_url = f"postgres://{auth}@{db['HOST'] or 'localhost'}{port}/{quote(db['NAME'], safe='')}"

    queue = f"notifications-{uuid.uuid4().hex}"
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "anhai_thidua.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "anhai_thidua", "worker", "--pool", "solo",
               "--queues", queue, "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle",
               "--without-heartbeat", "--loglevel", "INFO"]  # fmt: skip
    sender = Celery("notifications-sender", broker=redis_url)
    with open(log_path, "w") as log:
        worker = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        # Beat's two ticks: the reminders (twice, as two ticks would), then the outbox sender.
        sender.send_task("notifications.send_due_reminders", queue=queue)
        sender.send_task("notifications.send_due_reminders", queue=queue)
        _wait(lambda: Reminder.objects.filter(campaign=campaign).count() >= 2, worker, log_path)
        sender.send_task("notifications.send_pending_emails", queue=queue)
        _wait(
            lambda: (
                OutboundEmail.objects.filter(status=EmailStatus.SENT).count() >= 2
                and log_path.read_text(errors="replace").count("notifications.send_due_reminders[") >= 4
            ),
            worker,
            log_path,
        )
        time.sleep(1)
        assert sorted(
            Reminder.objects.filter(campaign=campaign).values_list("recipient__username", "offset")
        ) == [
            ("head_a", 3),
            ("head_b", 3),
        ]
        sent = OutboundEmail.objects.filter(status=EmailStatus.SENT)
        assert sorted(sent.values_list("to", flat=True)) == sorted([head_a.email, head_b.email])
        assert all("còn 3 ngày" in e.subject for e in sent)
        output = log_path.read_text(errors="replace")
        assert "Connected to redis://" in output
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=10)
        sender.close()
        client = redis.Redis.from_url(redis_url)
        client.delete(queue)
        client.delete("celery")  # the workers' after-commit "send now" requests, never consumed here
        client.close()
