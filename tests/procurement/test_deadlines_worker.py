"""The deadline tick through a real Celery worker on Redis: run twice, and once more after the worker
was killed and restarted; one close, one audit entry, one reminder and one e-mail per person."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from procurement.models import Phase
from procurement.tasks.deadlines import tick_deadlines
from tests.factories import make_procurement
from tests.procurement.factories_deadlines import plan, register, reminder
from tests.worker import running_worker

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_until_all_emailed(timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while Notification.objects.filter(emailed_at__isnull=True).exists():
        assert time.monotonic() < deadline, "the worker did not send every e-mail"
        time.sleep(0.2)


def mails_to(address: str, *logs: Path) -> int:
    """The console e-mail backend of the worker writes each e-mail to the worker's log."""
    return sum(log.read_text(errors="replace").count(f"To: {address}\n") for log in logs)


def test_the_tick_closes_and_reminds_once_through_a_real_worker(personas, celery_worker_process, tmp_path):
    procurement = make_procurement(personas.officer, phase="registration")
    register(
        procurement, personas.organisation_a.memberships.get(), personas.organisation_b.memberships.get()
    )
    now = timezone.now()
    registration = plan(procurement, "registration", deadline=now - timedelta(minutes=1))
    submission = plan(procurement, "submission", deadline=now + timedelta(hours=12))

    for _ in range(2):
        assert tick_deadlines.delay().get(timeout=60)["failed"] == 0
    wait_until_all_emailed()
    celery_worker_process.kill()  # a worker restart
    with running_worker(tmp_path / "second-worker.log"):
        assert tick_deadlines.delay().get(timeout=60) == {"closed": 0, "notified": 0, "failed": 0}
        wait_until_all_emailed()

    registration.refresh_from_db()
    assert registration.window_closed_at is not None
    assert Phase.objects.filter(window_closed_at__isnull=False).count() == 1
    assert AuditEntry.objects.filter(action="phase.window_close").count() == 1
    key = reminder(submission, "deadline", "1d")
    for provider in (personas.provider_a, personas.provider_b):
        assert list(provider.notifications.values_list("key", flat=True)) == [key]
    assert sorted(personas.officer.notifications.values_list("key", flat=True)) == [
        f"deadline:{registration.pk}:deadline:closed",
        f"{key}:officers",
    ]
    logs = [celery_worker_process.log, tmp_path / "second-worker.log"]
    assert mails_to(personas.provider_a.email, *logs) == 1
    assert mails_to(personas.officer.email, *logs) == 2
