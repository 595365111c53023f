import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("dialoog", include=["config.tasks"])
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _announce_worker(sender=None, **kwargs) -> None:
    """A worker that has just started counts as alive at once, before beat's first heartbeat."""
    sender.app.send_task("config.tasks.record_worker_heartbeat")
