"""Celery application: Redis when REDIS_URL is set, an embedded SQLite broker otherwise."""

import os

from celery import Celery
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


@worker_ready.connect
def _first_heartbeat(sender, **kwargs):
    """Send one heartbeat through the broker as soon as a worker is up, so /healthz does not wait for
    beat's first tick (HEARTBEAT_INTERVAL_SECONDS) to show a live worker."""
    sender.app.send_task("core.heartbeat")
