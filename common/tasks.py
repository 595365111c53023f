"""Handing work to the Celery worker. The broker may be down when a user acts: the action still stands
(its data has committed), and a beat sweep that finds the work not yet done does it later.

Services name the task they hand over (its registered name, pinned with ``name=`` in ``<app>/tasks``)
rather than import it: tasks import services and jobs, and nothing imports tasks."""

import logging

from celery import Task, current_app
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def hand_to_worker(task_name: str, *args: object, left_to: str) -> bool:
    """Queue the task registered as ``task_name`` with ``args``; whether the broker took it. Never raises:
    it runs after a commit, where an error would show the user a 500 for an action that did go through. An
    unreachable broker is a warning (``left_to`` names what does the work later); anything else (an
    unknown task name too) is logged with its traceback."""
    try:
        registered(task_name).delay(*args)
    except (OperationalError, OSError):
        logger.warning("broker unreachable; %s left to %s", _call(task_name, args), left_to)
        return False
    except Exception:
        logger.exception("could not queue %s; left to %s", _call(task_name, args), left_to)
        return False
    return True


def registered(task_name: str) -> Task:
    """The task registered under ``task_name`` in the Celery app. A process that has not imported the
    tasks modules yet (the web server) imports them the first time, as the worker does at its start."""
    if task_name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[task_name]


def _call(task_name: str, args: tuple[object, ...]) -> str:
    return f"{task_name}({', '.join(map(repr, args))})"
