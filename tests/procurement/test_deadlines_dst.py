"""Deadlines are Europe/Amsterdam: across the DST changes (last Sunday of March and of October) the
window closes and the reminders go out at the local time, not 24 hours per day earlier in UTC."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from accounts.models import Notification
from procurement.services.deadlines import run_deadlines
from tests.factories import make_procurement
from tests.procurement.factories_deadlines import amsterdam, plan, register, reminder

# (deadline at 12:00 Amsterdam time, the close, the 1-day and the 7-day reminder, all in UTC)
CASES = {
    # Monday after the spring change (29 March 2026): summer time, UTC+2; the Monday before was UTC+1.
    "monday-after-spring-change": (
        amsterdam(2026, 3, 30, 12),
        datetime(2026, 3, 30, 10, tzinfo=UTC),
        datetime(2026, 3, 29, 10, tzinfo=UTC),
        datetime(2026, 3, 23, 11, tzinfo=UTC),
    ),
    # Sunday of the spring change: its 1-day reminder on Saturday is still winter time.
    "sunday-of-spring-change": (
        amsterdam(2026, 3, 29, 12),
        datetime(2026, 3, 29, 10, tzinfo=UTC),
        datetime(2026, 3, 28, 11, tzinfo=UTC),
        datetime(2026, 3, 22, 11, tzinfo=UTC),
    ),
    # Monday after the autumn change (25 October 2026): winter time, UTC+1; the Monday before was UTC+2.
    "monday-after-autumn-change": (
        amsterdam(2026, 10, 26, 12),
        datetime(2026, 10, 26, 11, tzinfo=UTC),
        datetime(2026, 10, 25, 11, tzinfo=UTC),
        datetime(2026, 10, 19, 10, tzinfo=UTC),
    ),
    # Sunday of the autumn change: its 1-day reminder on Saturday is still summer time.
    "sunday-of-autumn-change": (
        amsterdam(2026, 10, 25, 12),
        datetime(2026, 10, 25, 11, tzinfo=UTC),
        datetime(2026, 10, 24, 10, tzinfo=UTC),
        datetime(2026, 10, 18, 10, tzinfo=UTC),
    ),
}
JUST_BEFORE = timedelta(seconds=1)


@pytest.fixture
def registration(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    register(procurement, personas.organisation_a.memberships.get())
    return personas, procurement


def run_at(moment):
    with time_machine.travel(moment, tick=False):
        run_deadlines()


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_window_closes_at_the_local_deadline_across_the_dst_change(registration, case):
    personas, procurement = registration
    deadline, close, _, _ = CASES[case]
    phase = plan(procurement, "registration", deadline=deadline)
    assert deadline == close

    run_at(close - JUST_BEFORE)
    phase.refresh_from_db()
    assert phase.window_closed_at is None

    run_at(close)
    phase.refresh_from_db()
    assert phase.window_closed_at == close


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("label,column", [("1d", 2), ("7d", 3)])
def test_a_reminder_goes_out_at_the_same_local_time_days_before(registration, case, label, column):
    personas, procurement = registration
    deadline, reminder_at = CASES[case][0], CASES[case][column]
    phase = plan(procurement, "registration", deadline=deadline)
    key = reminder(phase, "deadline", label)

    run_at(reminder_at - JUST_BEFORE)
    assert not personas.provider_a.notifications.filter(key=key).exists()

    run_at(reminder_at)
    assert personas.provider_a.notifications.filter(key=key).exists()
    assert personas.officer.notifications.filter(key=f"{key}:officers").exists()


def test_a_question_deadline_counts_in_local_time_too(registration):
    personas, procurement = registration
    deadline, _, one_day_before, _ = CASES["monday-after-autumn-change"]
    phase = plan(procurement, "registration", deadline=deadline, question_deadline=deadline)

    run_at(one_day_before - JUST_BEFORE)
    assert not Notification.objects.filter(key=reminder(phase, "questions", "1d")).exists()
    run_at(one_day_before)
    assert Notification.objects.filter(key=reminder(phase, "questions", "1d")).count() == 1
