"""Tasks of the project package itself: the worker's heartbeat and the health ping."""

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "dialoog:worker-heartbeat"


@shared_task(name="config.tasks.record_worker_heartbeat")
def record_worker_heartbeat() -> str:
    """Beat calls this every minute; the health page reads how long ago a worker last ran it."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task(name="config.tasks.ping")
def ping() -> str:
    return "pong"
