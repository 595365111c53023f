"""Handing a task to the worker after a commit never raises: an unreachable broker is a warning and the
work is left to a sweep; any other failure is logged with its traceback."""

import logging

from django.core.cache import cache

from common.tasks import hand_to_worker
from config.tasks import HEARTBEAT_KEY, record_worker_heartbeat
from tests.broker import broker_down


def test_a_task_the_broker_takes_is_handed_over():
    assert hand_to_worker("config.tasks.record_worker_heartbeat", left_to="the next beat") is True
    assert cache.get(HEARTBEAT_KEY)  # eager in the tests: it ran


def test_with_the_broker_unreachable_it_warns_names_the_sweep_and_does_not_raise(caplog):
    with broker_down(), caplog.at_level(logging.WARNING, logger="common.tasks"):
        assert hand_to_worker("config.tasks.record_worker_heartbeat", left_to="the next beat") is False
    assert cache.get(HEARTBEAT_KEY) is None
    [entry] = caplog.records
    assert entry.levelno == logging.WARNING and entry.exc_info is None
    assert entry.getMessage() == (
        "broker unreachable; config.tasks.record_worker_heartbeat() left to the next beat"
    )


def test_any_other_failure_is_logged_with_its_traceback_and_does_not_raise(monkeypatch, caplog):
    def broken(*args):
        raise ValueError("not serialisable")

    monkeypatch.setattr(record_worker_heartbeat, "delay", broken)
    with caplog.at_level(logging.WARNING, logger="common.tasks"):
        assert hand_to_worker("config.tasks.record_worker_heartbeat", 7, left_to="the sweep") is False
    [entry] = caplog.records
    assert entry.levelno == logging.ERROR and entry.exc_info[0] is ValueError
    assert entry.getMessage() == "could not queue config.tasks.record_worker_heartbeat(7); left to the sweep"
