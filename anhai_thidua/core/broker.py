"""Publishing a task from a request without letting a broken broker hold the request.

Each publish gives up within settings.BROKER_TIMEOUT_SECONDS and never retries (settings: Celery's
connect and socket timeouts). After a failure, publishes from this process are skipped for
settings.BROKER_BACKOFF_SECONDS, so a request that would publish twice waits at most once. The caller
keeps what it wanted to send (outbox row, pending flag); a beat sweep sends it when the broker is back.
"""

import logging
import time

from django.conf import settings

log = logging.getLogger(__name__)
_down_until = 0.0


def publish(task, args: tuple = (), **options) -> bool:
    """task.apply_async(args, retry=False); False (logged) when the broker is down or was just now."""
    global _down_until
    if time.monotonic() < _down_until:
        log.warning("broker marked unavailable: %s left for the beat sweep", task.name)
        return False
    try:
        task.apply_async(args, retry=False, **options)
    except Exception:  # kombu.exceptions.OperationalError, redis/socket errors and timeouts
        _down_until = time.monotonic() + settings.BROKER_BACKOFF_SECONDS
        log.warning("broker unavailable: %s left for the beat sweep", task.name, exc_info=True)
        return False
    return True


def reset() -> None:
    """Forget an earlier failure (tests; a worker that knows the broker is back)."""
    global _down_until
    _down_until = 0.0
