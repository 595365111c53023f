"""Reliability with the real stack (PostgreSQL, Redis, a Celery worker subprocess): the broker down while a
user acts, a worker killed mid-task, two beat schedulers across a deadline, and no task delay longer than
the broker's visibility timeout."""

import re
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from accounts.models import Notification
from accounts.tasks import sweep_notification_outbox
from audit.models import AuditEntry
from procurement.models import AnswerRound, Document, Phase, Registration
from procurement.services.deadlines import run_deadlines
from procurement.services.registration import create_registration, submit_registration
from procurement.tasks.questions import generate_nota_van_inlichtingen, make_missing_notas_van_inlichtingen
from procurement.tasks.registration import make_missing_registration_receipts
from tests.broker import broker_down
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import answer, ask, open_question_window, register
from tests.procurement.factories_registration import build_world, complete_member
from tests.requirements import require_postgres, require_worker_stack
from tests.worker import running_worker

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def age_the_outbox() -> None:
    """Let the outbox's grace period pass (the sweep leaves e-mails younger than a minute alone)."""
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))


def round_ready_to_publish(personas):
    procurement = make_procurement(personas.officer)
    register(procurement, (personas.provider_a, personas.organisation_a))
    open_question_window(procurement)
    answer(
        procurement,
        personas.officer,
        ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?"),
    )
    return procurement, AnswerRound.objects.get(procurement=procurement)


def notas(procurement):
    return Document.objects.filter(procurement=procurement, kind=Document.Kind.NOTA_VAN_INLICHTINGEN)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_publishing_answers_with_the_broker_down_succeeds_and_the_sweeps_do_the_work_once(
    client, personas, celery_worker_process
):
    procurement, answer_round = round_ready_to_publish(personas)
    client.force_login(personas.officer)
    with broker_down():
        response = client.post(
            f"/aanbestedingen/{procurement.pk}/vragen/rondes/{answer_round.pk}/publiceren/"
        )
    assert response.status_code == 302
    answer_round.refresh_from_db()
    assert answer_round.published_at is not None and answer_round.pdf_id is None
    unsent = Notification.objects.filter(user=personas.provider_a, emailed_at__isnull=True)
    assert unsent.count() == 1

    # the broker is back: the beat's sweeps hand the work to the worker
    age_the_outbox()
    assert make_missing_notas_van_inlichtingen.delay().get(timeout=60) == 1
    assert sweep_notification_outbox.delay().get(timeout=60) == 1
    wait_for(lambda: AnswerRound.objects.get(pk=answer_round.pk).pdf_id is not None)
    assert notas(procurement).count() == 1
    assert not unsent.exists()

    # a second sweep finds nothing left: the work happened once
    assert make_missing_notas_van_inlichtingen.delay().get(timeout=60) == 0
    assert sweep_notification_outbox.delay().get(timeout=60) == 0
    assert notas(procurement).count() == 1
    assert AuditEntry.objects.filter(action="answers.nvi_generated").count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_submitting_a_registration_with_the_broker_down_gets_its_receipt_from_the_sweep_once(
    personas, celery_worker_process
):
    world = build_world(personas)
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    with broker_down():
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    registration.refresh_from_db()
    assert registration.submitted_at is not None and not registration.receipt

    assert make_missing_registration_receipts.delay().get(timeout=60) == 1
    wait_for(lambda: bool(Registration.objects.get(pk=registration.pk).receipt))
    assert make_missing_registration_receipts.delay().get(timeout=60) == 0
    assert (
        AuditEntry.objects.filter(action="registration.receipt", object_id=str(registration.pk)).count() == 1
    )


def waiting_on_a_lock() -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_makes_the_pdf_exactly_once_after_restart(
    personas, settings, monkeypatch, tmp_path
):
    require_worker_stack()
    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    # a short visibility timeout, so that the restarted worker gets the unacknowledged message back soon
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "3")
    procurement, answer_round = round_ready_to_publish(personas)
    AnswerRound.objects.filter(pk=answer_round.pk).update(
        published_at=timezone.now(), published_by=personas.officer
    )

    release = threading.Event()

    def hold_the_round():  # the task blocks on the row lock: it is mid-task when the worker dies
        with transaction.atomic():
            AnswerRound.objects.select_for_update().get(pk=answer_round.pk)
            release.wait(60)
        connection.close()

    holder = threading.Thread(target=hold_the_round)
    holder.start()
    try:
        with running_worker(tmp_path / "first.log") as worker:
            generate_nota_van_inlichtingen.delay(answer_round.pk)
            wait_for(waiting_on_a_lock)
            worker.kill()
    finally:
        release.set()
        holder.join()
    assert notas(procurement).count() == 0

    with running_worker(tmp_path / "second.log"):
        # the unacknowledged message comes back after the visibility timeout, and the sweep queues the
        # round again; whichever runs first makes the PDF, the other finds it made
        make_missing_notas_van_inlichtingen.delay().get(timeout=60)
        wait_for(lambda: AnswerRound.objects.get(pk=answer_round.pk).pdf_id is not None, seconds=90)
        generate_nota_van_inlichtingen.delay(answer_round.pk).get(timeout=60)
    assert notas(procurement).count() == 1
    assert AuditEntry.objects.filter(action="answers.nvi_generated").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_beat_schedulers_across_a_deadline_close_the_window_once(personas):
    require_postgres()
    world = build_world(personas)
    phase = Phase.objects.get(procurement=world.procurement, key="registration")
    Phase.objects.filter(pk=phase.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    barrier, runs, errors = threading.Barrier(2), [], []

    def scheduler():
        try:
            barrier.wait(timeout=10)
            runs.append(run_deadlines())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(len(run.closed) for run in runs) == [0, 1]
    assert sum(run.failed for run in runs) == 0
    assert AuditEntry.objects.filter(action="phase.window_close", object_id=str(phase.pk)).count() == 1
    assert Phase.objects.get(pk=phase.pk).window_closed_at is not None


DELAY = re.compile(r"\b(countdown|eta)\s*=\s*([^,)\n]+)")


def task_delays() -> list[tuple[str, str]]:
    """Every countdown= or eta= in the project's code, with the file it is in."""
    found = []
    for folder in ("accounts", "audit", "common", "config", "dashboards", "procurement", "regions"):
        for path in (ROOT / folder).rglob("*.py"):
            found += [
                (str(path.relative_to(ROOT)), m.group(2).strip()) for m in DELAY.finditer(path.read_text())
            ]
    return found


def test_no_task_is_delayed_beyond_the_brokers_visibility_timeout():
    """A message delayed longer than the visibility timeout is delivered twice by Redis. Every delay in
    the code must be a literal number of seconds below it (or a named setting checked here)."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 60 * 60)
    too_long = []
    for where, value in task_delays():
        seconds = float(value) if value.replace(".", "", 1).isdigit() else None
        if seconds is None or seconds >= timeout:
            too_long.append(f"{where}: {value}")
    assert too_long == []
    assert timeout >= 60 * 60  # long PDFs and retries fit inside it
    beat = [entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert all(getattr(s, "total_seconds", lambda s=s: s)() < timeout for s in beat if isinstance(s, float))


def test_the_delay_finder_finds_countdowns_and_etas():
    sample = "task.apply_async(args, countdown=30)\ntask.apply_async(eta=moment, queue='x')"
    assert [m.group(2) for m in DELAY.finditer(sample)] == ["30", "moment"]


@pytest.mark.django_db
def test_the_nota_sweep_makes_the_missing_pdfs_and_leaves_unpublished_rounds_alone(personas):
    procurement, answer_round = round_ready_to_publish(personas)
    assert make_missing_notas_van_inlichtingen() == 0  # not published yet: nothing to make
    AnswerRound.objects.filter(pk=answer_round.pk).update(
        published_at=timezone.now(), published_by=personas.officer
    )
    assert make_missing_notas_van_inlichtingen() == 1  # eager here: the PDF is made at once
    assert AnswerRound.objects.get(pk=answer_round.pk).pdf_id is not None
    assert make_missing_notas_van_inlichtingen() == 0
    assert notas(procurement).count() == 1
