"""The Celery app: configuration, the beat schedule, the task names services hand work over by, and a real
worker end to end."""

import ast
import inspect
from pathlib import Path

import pytest
from celery import signature

from config.celery import app
from tests.requirements import require_worker_stack

ROOT = Path(__file__).resolve().parent.parent
CODE = ("accounts", "audit", "bench", "common", "config", "contracts", "dashboards", "demo", "dialogue")
CODE += ("procurement", "regions")


def sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text()))
        for folder in CODE
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    ]


def handed_over_names() -> dict[str, str]:
    """Every task name given to ``hand_to_worker`` (or looked up with ``registered``) in the code, with
    where; a name that is not a literal string is reported as such."""
    found = {}
    callers = ("hand_to_worker", "registered")
    for path, tree in sources():
        if path == ROOT / "common" / "tasks.py":  # where they are defined
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in callers:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                first = node.args[0] if node.args else None
                is_name = isinstance(first, ast.Constant) and isinstance(first.value, str)
                found[first.value if is_name else f"<not a literal name at {where}>"] = where
    return found


def pinned_tasks() -> list[tuple[str, str | None]]:
    """Every ``@shared_task`` in the code: its automatic name (module path and function) and its ``name=``."""
    found = []
    for path, tree in sources():
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                call = decorator if isinstance(decorator, ast.Call) else None
                if getattr(call.func if call else decorator, "id", None) != "shared_task":
                    continue
                names = [k.value.value for k in (call.keywords if call else []) if k.arg == "name"]
                found.append((f"{module}.{node.name}", names[0] if names else None))
    return found


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


def test_every_task_handed_to_the_worker_by_name_is_registered():
    app.loader.import_default_modules()
    handed = handed_over_names()
    assert len(handed) >= 10  # the finder finds the services' hand-overs
    assert {name: where for name, where in handed.items() if name not in app.tasks} == {}


def test_every_task_is_pinned_to_the_name_it_had_so_that_queued_messages_still_resolve():
    tasks = pinned_tasks()
    assert len(tasks) >= 20
    assert [(automatic, pinned) for automatic, pinned in tasks if automatic != pinned] == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_ping_and_the_heartbeat(celery_worker_process):
    require_worker_stack()
    assert signature("config.tasks.ping").delay().get(timeout=30) == "pong"
    assert signature("config.tasks.record_worker_heartbeat").delay().get(timeout=30)
