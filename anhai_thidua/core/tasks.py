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


@shared_task(name="core.run_file_job", ignore_result=True, acks_late=True)
def run_file_job_task(job_id: int) -> str:
    """Make the file of a FileJob (anhai_thidua.core.jobs.run_file_job); idempotent."""
    from .jobs import run_file_job

    return run_file_job(job_id)
