from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import WorkerHeartbeat


def _check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - report, never raise, from a health probe
        return {"ok": False, "error": str(exc)[:200]}


def _check_broker() -> dict:
    from anhai_thidua.celery import app

    transport = settings.CELERY_BROKER_URL.split(":", 1)[0]
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return {"ok": True, "transport": transport}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "transport": transport, "error": str(exc)[:200]}


def _check_worker() -> dict:
    beat = WorkerHeartbeat.objects.filter(name="default").first() if _check_database()["ok"] else None
    if beat is None:
        return {"ok": False, "last_heartbeat": None}
    age = (timezone.now() - beat.seen_at).total_seconds()
    return {
        "ok": age <= settings.HEARTBEAT_STALE_SECONDS,
        "last_heartbeat": beat.seen_at.isoformat(),
        "age_seconds": int(age),
    }


@never_cache
def healthz(request):
    """JSON health of the database, the broker and the worker's last heartbeat.

    503 when the database or the broker is down; a stale worker is reported but keeps 200, since the
    site still serves pages without it. Only staff see the details (error texts name hosts and ports);
    anybody else gets {"status": "ok"} or {"status": "degraded"}.
    """
    checks = {"database": _check_database(), "broker": _check_broker(), "worker": _check_worker()}
    ok = checks["database"]["ok"] and checks["broker"]["ok"]
    status = 200 if ok else 503
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return JsonResponse({"status": "ok" if ok else "error", **checks}, status=status)
    healthy = ok and checks["worker"]["ok"]
    return JsonResponse({"status": "ok" if healthy else "degraded"}, status=status)
