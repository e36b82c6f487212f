"""/healthz: JSON on the database, the broker and the worker's last heartbeat.

The details (error messages, transport, heartbeat times) go to staff only; an anonymous caller (the load
balancer, the container's health check, anybody on the network) learns only ok or degraded, with the same
status code.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from anhai_thidua.celery import app as celery_app
from anhai_thidua.core import views
from anhai_thidua.core.models import WorkerHeartbeat

NOW = timezone.datetime(2025, 9, 15, 8, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


def _use_broker(url):
    saved = {key: celery_app.conf[key] for key in ("broker_url", "broker_transport_options")}
    celery_app.conf.update(broker_url=url, broker_transport_options={})
    return saved


@pytest.fixture
def broker_ok(tmp_path):
    """A broker that is really reachable: kombu's SQLAlchemy transport on a SQLite file of this test."""
    saved = _use_broker(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}")
    yield
    celery_app.conf.update(saved)


@pytest.fixture
def broker_down():
    """A Redis broker on a port where nothing listens."""
    saved = _use_broker("redis://127.0.0.1:9/0")
    yield
    celery_app.conf.update(saved)


@pytest.fixture
def client(client, admin_user):
    """The detailed checks below are read as staff."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client()


def _get(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    return response, response.json()


@pytest.mark.django_db
def test_all_ok_with_a_fresh_heartbeat(client, broker_ok, settings):
    settings.HEARTBEAT_STALE_SECONDS = 300
    with time_machine.travel(NOW, tick=False):
        WorkerHeartbeat.objects.create(name="default", seen_at=timezone.now() - timedelta(seconds=30))
        response, body = _get(client)

    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is True
    assert body["broker"]["transport"]
    assert body["worker"]["ok"] is True
    assert body["worker"]["age_seconds"] == 30
    assert timezone.datetime.fromisoformat(body["worker"]["last_heartbeat"]) == NOW - timedelta(seconds=30)


@pytest.mark.django_db
def test_stale_heartbeat_is_reported_but_the_site_stays_up(client, broker_ok, settings):
    settings.HEARTBEAT_STALE_SECONDS = 300
    with time_machine.travel(NOW, tick=False):
        WorkerHeartbeat.objects.create(name="default", seen_at=timezone.now())
    with time_machine.travel(NOW + timedelta(seconds=301), tick=False):
        response, body = _get(client)

    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["worker"]["ok"] is False
    assert body["worker"]["age_seconds"] == 301


@pytest.mark.django_db
def test_heartbeat_at_the_limit_is_still_fresh(client, broker_ok, settings):
    settings.HEARTBEAT_STALE_SECONDS = 300
    with time_machine.travel(NOW, tick=False):
        WorkerHeartbeat.objects.create(name="default", seen_at=timezone.now())
    with time_machine.travel(NOW + timedelta(seconds=300), tick=False):
        _, body = _get(client)
    assert body["worker"]["ok"] is True


@pytest.mark.django_db
def test_no_heartbeat_yet(client, broker_ok):
    response, body = _get(client)
    assert response.status_code == 200
    assert body["worker"] == {"ok": False, "last_heartbeat": None}


@pytest.mark.django_db
def test_heartbeat_task_makes_the_worker_ok(client, broker_ok):
    """The beat's task (run eagerly here) writes the row /healthz reads."""
    from anhai_thidua.core.tasks import heartbeat

    heartbeat.delay()
    heartbeat.delay()  # idempotent: one row, updated in place
    assert WorkerHeartbeat.objects.filter(name="default").count() == 1
    _, body = _get(client)
    assert body["worker"]["ok"] is True


@pytest.mark.django_db
def test_broker_down_gives_503_with_json(client, broker_down):
    response, body = _get(client)

    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is False
    assert body["broker"]["error"]


@pytest.mark.django_db
def test_database_down_gives_503_with_json(client, broker_ok, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise RuntimeError("could not connect to server: Connection refused")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response, body = _get(client)

    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["database"]["ok"] is False
    assert "could not connect" in body["database"]["error"]
    assert body["worker"]["ok"] is False


def test_healthz_needs_no_sign_in(anonymous, db, broker_ok):
    assert anonymous.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_anonymous_caller_learns_only_ok(anonymous, broker_ok):
    with time_machine.travel(NOW, tick=False):
        WorkerHeartbeat.objects.create(name="default", seen_at=timezone.now())
        response, body = _get(anonymous)
    assert response.status_code == 200
    assert body == {"status": "ok"}


@pytest.mark.django_db
def test_anonymous_caller_learns_only_degraded_with_a_stale_worker(anonymous, broker_ok):
    response, body = _get(anonymous)  # no heartbeat yet
    assert response.status_code == 200
    assert body == {"status": "degraded"}


@pytest.mark.django_db
def test_anonymous_caller_gets_no_error_text_when_the_broker_is_down(anonymous, broker_down):
    response, body = _get(anonymous)
    assert response.status_code == 503
    assert body == {"status": "degraded"}
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_non_staff_user_gets_no_details(client, head_a, broker_down):
    client.force_login(head_a)
    response, body = _get(client)
    assert response.status_code == 503
    assert body == {"status": "degraded"}
