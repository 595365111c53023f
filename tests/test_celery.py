"""The Celery app: configuration, the beat schedule, and a real worker end to end."""

import inspect

import pytest
from celery import signature

from config.celery import app
from tests.requirements import require_worker_stack


def test_celery_runs_with_late_acks_prefetch_one_and_time_limits():
    assert app.conf.task_acks_late is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit


@pytest.mark.parametrize("name,entry", sorted(app.conf.beat_schedule.items()))
def test_every_beat_entry_names_a_registered_task_with_fitting_arguments(name, entry):
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks, f"beat entry {name} names an unknown task"
    task = app.tasks[entry["task"]]
    inspect.signature(task.run).bind(*entry.get("args", ()), **entry.get("kwargs", {}))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_ping_and_the_heartbeat(celery_worker_process):
    require_worker_stack()
    assert signature("config.tasks.ping").delay().get(timeout=30) == "pong"
    assert signature("config.tasks.record_worker_heartbeat").delay().get(timeout=30)
