from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat(worker: str = "default") -> str:
    """Record that a worker is alive; idempotent (one row per worker name, updated in place)."""
    WorkerHeartbeat.objects.update_or_create(name=worker, defaults={"seen_at": timezone.now()})
    return worker


@shared_task(name="core.ping")
def ping(token: str) -> str:
    """Round-trip check used by tests and health tooling: the worker writes the token back."""
    WorkerHeartbeat.objects.update_or_create(name=f"ping:{token}", defaults={"seen_at": timezone.now()})
    return token
