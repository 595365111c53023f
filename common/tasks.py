"""Handing work to the Celery worker. The broker may be down when a user acts: the action still stands
(its data has committed), and a beat sweep that finds the work not yet done does it later."""

import logging

from celery import Task
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def hand_to_worker(task: Task, *args: object, left_to: str) -> bool:
    """Queue ``task`` with ``args``; whether the broker took it. Never raises: it runs after a commit,
    where an error would show the user a 500 for an action that did go through. An unreachable broker is
    a warning (``left_to`` names what does the work later); anything else is logged with its traceback."""
    try:
        task.delay(*args)
    except (OperationalError, OSError):
        logger.warning("broker unreachable; %s left to %s", _call(task, args), left_to)
        return False
    except Exception:
        logger.exception("could not queue %s; left to %s", _call(task, args), left_to)
        return False
    return True


def _call(task: Task, args: tuple[object, ...]) -> str:
    return f"{task.name}({', '.join(map(repr, args))})"
