"""The health page: database, broker and worker status as JSON for monitoring."""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app
from .tasks import HEARTBEAT_KEY


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "down"
    return "ok"


def broker_status() -> str:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "down"
    return "ok"


def worker_status() -> str:
    try:
        last = cache.get(HEARTBEAT_KEY)
    except Exception:
        return "unknown"
    if not last:
        return "unknown"
    age = timezone.now() - datetime.fromisoformat(last)
    return "ok" if age <= settings.WORKER_HEARTBEAT_MAX_AGE else "stale"


@never_cache
@require_GET
def health(request):
    checks = {"database": database_status(), "broker": broker_status(), "worker": worker_status()}
    healthy = checks["database"] == "ok" and checks["broker"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks},
        status=200 if healthy else 503,
    )
