"""PostgreSQL going away under load: requests get the app's own error page (no traceback) and the next
request after it is back succeeds by itself. Nothing restarts the machine's PostgreSQL: the connections
are pointed at a closed port, or killed with pg_terminate_backend."""

import os
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from tests.factories import UserFactory
from tests.faults import closed_port

pytestmark = [
    pytest.mark.faults,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs DATABASE_URL pointing at PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def signed_in_clients(settings):
    settings.DEBUG = False
    user = UserFactory(username="office_load")
    clients = []
    for _ in range(6):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    return clients


def _get_all(clients, path="/thong-bao/"):
    results = [None] * len(clients)

    def worker(i, client):
        try:
            response = client.get(path)
            results[i] = (response.status_code, response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_database_down_under_load_gives_our_page_then_recovers(signed_in_clients):
    assert {status for status, _ in _get_all(signed_in_clients)} == {200}
    settings_dict = connection.settings_dict
    real_port = settings_dict["PORT"]
    settings_dict["PORT"] = str(closed_port())  # every new connection now fails
    connections.close_all()
    try:
        results = _get_all(signed_in_clients)
    finally:
        settings_dict["PORT"] = real_port
    for status, page in results:
        assert status in {500, 503}
        assert "Hệ thống tạm thời gián đoạn" in page or "Hệ thống đang gặp sự cố" in page
        assert "Traceback" not in page and "psycopg" not in page and "OperationalError" not in page
    # Back: the very next requests succeed, nothing restarted.
    assert {status for status, _ in _get_all(signed_in_clients)} == {200}


def test_killed_connections_are_replaced_by_the_next_request(signed_in_clients):
    """CONN_HEALTH_CHECKS: a persistent connection killed between requests (as by a database restart) is
    noticed before it is used; the request opens a new one and succeeds."""
    import psycopg

    client = signed_in_clients[0]
    assert client.get("/thong-bao/").status_code == 200  # this thread's connection is now persistent
    pid = connection.connection.info.backend_pid
    params = connection.settings_dict
    with psycopg.connect(
        host=params["HOST"] or "localhost",
        port=params["PORT"] or 5432,
        user=params["USER"],
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0] is True
    # Through the real WSGI handler: the test client turns off the request_started hook that runs the check.
    status = _wsgi_get(client, "/thong-bao/")
    assert status.startswith("200")
    assert connection.connection.info.backend_pid != pid


def _wsgi_get(client, path: str) -> str:
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    environ = RequestFactory().get(path).environ
    environ["HTTP_COOKIE"] = client.cookies.output(header="", sep=";").strip()
    seen = []
    body = WSGIHandler()(environ, lambda status, headers, exc_info=None: seen.append(status))
    b"".join(body)
    body.close()
    return seen[0]
