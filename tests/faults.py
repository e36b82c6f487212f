"""Breaking the services on purpose, for the tests marked `faults` (run by .ci/run, CI=true).

Nothing here stops the machine's Redis or PostgreSQL (other people use them): the app is pointed at a
closed port, or at a local server that accepts connections and never answers.
"""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

from django.conf import settings

from anhai_thidua.celery import app as celery_app
from anhai_thidua.core import broker


def closed_port() -> int:
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class HangingServer:
    """Accepts TCP connections on 127.0.0.1 and never answers: a broker that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted.append(conn)

    def __enter__(self) -> HangingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        for conn in self.accepted:
            conn.close()
        self.sock.close()


def _reset_connections() -> None:
    """Drop every pooled broker connection and producer, so the next publish connects afresh. kombu keeps
    producer pools in a process-wide registry keyed by connection: without its reset, a later test would
    acquire from the pool closed here ("Acquire on closed pool")."""
    from kombu import pools

    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()


@contextmanager
def broker_at(url: str):
    """Tasks are published (not run eagerly) to a Redis broker at `url`, with the production transport
    options (settings.REDIS_TRANSPORT_OPTIONS: timeouts, no retry)."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.broker_transport_options, conf.task_always_eager)
    _reset_connections()
    conf.broker_url = url
    conf.broker_transport_options = settings.REDIS_TRANSPORT_OPTIONS
    conf.task_always_eager = False
    try:
        yield
    finally:
        _reset_connections()
        broker.reset()
        conf.broker_url, conf.broker_transport_options, conf.task_always_eager = saved


def redis_down():
    """Redis unreachable: the broker URL points at a closed port."""
    return broker_at(f"redis://127.0.0.1:{closed_port()}/0")


def run_beat_sweeps() -> int:
    """What the beat starts once the broker is back: the outbox sender (every mail goes through it)."""
    from notifications.tasks import send_pending_emails

    return send_pending_emails()
