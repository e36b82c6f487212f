"""Celery application: Redis when REDIS_URL is set, an embedded SQLite broker otherwise."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anhai_thidua.settings")

app = Celery("anhai_thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    from django.conf import settings

    sender.add_periodic_task(
        settings.HEARTBEAT_INTERVAL_SECONDS, sender.signature("core.heartbeat"), name="worker heartbeat"
    )
    # Notifications: the outbox sender catches every email (all mail goes through it) queued while the
    # broker was down;
    # reminders run hourly in office hours (idempotent: a unique constraint sends each one once).
    sender.add_periodic_task(
        60.0, sender.signature("notifications.send_pending_emails"), name="send pending emails"
    )
    sender.add_periodic_task(
        crontab(minute=5, hour="7-18"),
        sender.signature("notifications.send_due_reminders"),
        name="due reminders",
    )
    # Uploaded organisation workbooks that were never confirmed are deleted after a day.
    sender.add_periodic_task(
        crontab(minute=30, hour=3),
        sender.signature("organisation.purge_stale_imports"),
        name="purge stale imports",
    )


@worker_ready.connect
def _first_heartbeat(sender, **kwargs):
    """Send one heartbeat through the broker as soon as a worker is up, so /healthz does not wait for
    beat's first tick (HEARTBEAT_INTERVAL_SECONDS) to show a live worker."""
    queues = [queue.name for queue in sender.task_consumer.queues] if sender.task_consumer else []
    # To a queue this worker consumes, so the message never waits for another worker.
    sender.app.send_task("core.heartbeat", queue=queues[0] if queues else None)
