"""A Celery task through real Redis to a real worker process (no eager mode).

The test starts `celery -A anhai_thidua worker` as a subprocess on a queue of its own, sends `core.ping`
through Redis from a separate Celery app, and waits for the row the task writes. The worker must see the
test's database: on PostgreSQL it gets the test database's name (the test runs with transaction=True so
the row is committed where both can see it); on SQLite, whose test database lives in memory, it gets a
SQLite file of this test holding the heartbeat table.

Redis: $REDIS_URL, else redis://127.0.0.1:6379/15. Skipped, with the reason shown, only when REDIS_URL is
not set and no Redis answers there; when REDIS_URL is set, an unreachable Redis fails the test.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
TIMEOUT_SECONDS = 120

pytestmark = pytest.mark.redis


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Overrides tests/conftest.py's fixture of the same name: this test must NOT run tasks eagerly."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("REDIS_URL"):
            pytest.fail(f"REDIS_URL={url} is set but Redis does not answer: {exc}")
        pytest.skip(f"no Redis reachable at {url} ({exc}); start redis-server or set REDIS_URL")
    finally:
        client.close()
    return url


def _database_for_worker(tmp_path, application_name):
    """(DATABASE_URL for the worker, function that tells whether a heartbeat row exists)."""
    from anhai_thidua.core.models import WorkerHeartbeat

    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            auth += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "localhost"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        url = (
            f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}?application_name={application_name}"
        )
        return url, lambda name: WorkerHeartbeat.objects.filter(name=name).exists()

    if connection.vendor == "sqlite":
        # The worker's tasks touch only WorkerHeartbeat: a file with that one table (same DDL as the
        # migrations produce) is enough, and much faster than migrating a whole database.
        path = tmp_path / "worker-db.sqlite3"
        with connection.schema_editor(collect_sql=True, atomic=False) as editor:
            editor.create_model(WorkerHeartbeat)
        with sqlite3.connect(path) as db_file:
            for statement in editor.collected_sql:
                db_file.execute(statement.rstrip(";"))

        def exists(name):
            with sqlite3.connect(path, timeout=20) as db_file:
                table = WorkerHeartbeat._meta.db_table
                return db_file.execute(f"SELECT 1 FROM {table} WHERE name = ?", [name]).fetchone() is not None

        return f"sqlite:///{path}", exists

    pytest.fail(f"no round-trip set-up for database vendor {connection.vendor}")


@pytest.mark.django_db(transaction=True)
def test_ping_goes_through_redis_to_a_real_worker(redis_url, tmp_path):
    import redis

    token = uuid.uuid4().hex
    queue = f"roundtrip-{token}"
    database_url, heartbeat_exists = _database_for_worker(tmp_path, queue)
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "anhai_thidua.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "VAR_DIR": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "anhai_thidua",
        "worker",
        "--pool",
        "solo",
        "--queues",
        queue,
        "--hostname",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
    ]
    sender = Celery("roundtrip-sender", broker=redis_url)
    with open(log_path, "w") as log:
        worker = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        sender.send_task("core.ping", args=[token], queue=queue)

        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline and worker.poll() is None:
            if heartbeat_exists(f"ping:{token}"):
                break
            time.sleep(0.5)
        output = log_path.read_text(errors="replace")
        assert worker.poll() is None, f"the worker exited (rc={worker.returncode}):\n{output[-4000:]}"
        assert heartbeat_exists(f"ping:{token}"), (
            f"no ping:{token} row after {TIMEOUT_SECONDS}s; worker log:\n{output[-4000:]}"
        )
        assert "Connected to redis://" in output
        assert "core.ping[" in output and "succeeded" in output
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
        client.close()
    # The worker is gone, and so are its database sessions (a left-over one would stop pytest-django
    # from dropping the test database at the end of the run).
    assert worker.returncode is not None
    if connection.vendor == "postgresql":
        assert _sessions_of(queue) == 0


def _sessions_of(application_name, wait_seconds=15):
    deadline = time.monotonic() + wait_seconds
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [application_name]
            )
            count = cursor.fetchone()[0]
        if count == 0 or time.monotonic() > deadline:
            return count
        time.sleep(0.5)
