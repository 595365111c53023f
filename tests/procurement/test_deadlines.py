"""Deadlines close their windows by themselves and reminders go out 7 days and 1 day before; each
exactly once, whatever the beat, the workers or the clock do."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Notification
from audit.models import AuditEntry
from procurement.models import Phase, Procurement
from procurement.phases import PHASES
from procurement.services import deadlines
from procurement.services.deadlines import (
    PHASE_DEADLINE,
    QUESTION_DEADLINE,
    run_deadlines,
    who_has_something_open,
)
from procurement.services.phases import schedule_phase
from tests.factories import MembershipFactory, make_procurement
from tests.procurement.factories_deadlines import amsterdam, plan, register, reminder

DEADLINE = amsterdam(2026, 6, 15, 12)
REGISTRATION = str(PHASES["registration"].label)


@pytest.fixture
def setting(personas):
    """A ZK/IJ procurement in its registration phase with providers A and B (A has two members)."""
    procurement = make_procurement(personas.officer, phase="registration")
    member_a = personas.organisation_a.memberships.get()
    colleague_a = MembershipFactory(organisation=personas.organisation_a)
    register(procurement, member_a, personas.organisation_b.memberships.get())
    phase = plan(
        procurement, "registration", deadline=DEADLINE, question_deadline=DEADLINE - timedelta(days=3)
    )
    return personas, procurement, phase, colleague_a.user


def run_at(moment, django_capture_on_commit_callbacks):
    with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
        return run_deadlines()


def keys_of(user) -> list[str]:
    return sorted(user.notifications.values_list("key", flat=True))


def test_registration_window_closes_at_its_deadline_by_compare_and_swap(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    run_at(DEADLINE - timedelta(seconds=1), django_capture_on_commit_callbacks)
    phase.refresh_from_db()
    assert phase.window_closed_at is None

    run = run_at(DEADLINE, django_capture_on_commit_callbacks)

    phase.refresh_from_db()
    assert phase.window_closed_at == DEADLINE
    assert (phase.pk, "deadline") in run.closed
    entry = AuditEntry.objects.get(action="phase.window_close")
    assert entry.actor_id is None and entry.procurement_id == procurement.pk
    assert entry.object_id == str(phase.pk)


def test_officers_of_the_procurements_regions_are_told_that_the_window_closed(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    mail.outbox.clear()
    run_at(DEADLINE + timedelta(minutes=3), django_capture_on_commit_callbacks)

    closed_key = f"deadline:{phase.pk}:deadline:closed"
    for officer in (personas.officer, personas.second_officer):
        notification = officer.notifications.get(key=closed_key)
        assert notification.subject == f"Deadline verstreken: {REGISTRATION} van {procurement.reference}"
        assert "15 juni 2026, 12:00" in notification.body
        assert notification.emailed_at is not None
    assert not personas.other_officer.notifications.exists()
    assert not personas.provider_a.notifications.filter(key=closed_key).exists()
    officer_mails = [m for m in mail.outbox if m.to == [personas.officer.email]]
    assert [m.subject for m in officer_mails].count(
        f"Deadline verstreken: {REGISTRATION} van {procurement.reference}"
    ) == 1
    manage = f"{settings.SITE_URL}{reverse('procurement:manage', args=[procurement.pk])}"
    assert all(manage in m.body for m in officer_mails)


def test_question_window_closes_at_the_question_deadline(setting, django_capture_on_commit_callbacks):
    personas, procurement, phase, _ = setting
    question_deadline = phase.question_deadline
    run_at(question_deadline - timedelta(seconds=1), django_capture_on_commit_callbacks)
    phase.refresh_from_db()
    assert phase.questions_closed_at is None

    run_at(question_deadline, django_capture_on_commit_callbacks)

    phase.refresh_from_db()
    assert phase.questions_closed_at == question_deadline
    assert phase.window_closed_at is None
    assert AuditEntry.objects.filter(action="phase.questions_close", actor_id=None).count() == 1
    assert personas.officer.notifications.filter(key=f"deadline:{phase.pk}:questions:closed").exists()


def test_a_phase_without_a_window_does_not_close_but_its_officers_hear_that_it_ends(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, _, _ = setting
    dialogue = plan(procurement, "dialogue", deadline=DEADLINE)
    run_at(DEADLINE - timedelta(hours=2), django_capture_on_commit_callbacks)
    run_at(DEADLINE + timedelta(hours=2), django_capture_on_commit_callbacks)

    dialogue.refresh_from_db()
    assert dialogue.window_closed_at is None
    assert reminder(dialogue, "deadline", "1d", "officers") in keys_of(personas.officer)
    assert not personas.provider_a.notifications.filter(key__startswith=f"deadline:{dialogue.pk}:").exists()


def test_reminders_go_out_7_days_and_1_day_before_to_providers_and_officers(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, colleague = setting
    Phase.objects.filter(pk=phase.pk).update(question_deadline=None)
    run_at(DEADLINE - timedelta(days=7, seconds=1), django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()

    run_at(DEADLINE - timedelta(days=7), django_capture_on_commit_callbacks)
    run_at(DEADLINE - timedelta(days=1), django_capture_on_commit_callbacks)

    expected = [reminder(phase, "deadline", "1d"), reminder(phase, "deadline", "7d")]
    for provider in (personas.provider_a, colleague, personas.provider_b):
        assert keys_of(provider) == expected
    assert keys_of(personas.officer) == [f"{key}:officers" for key in expected]
    assert not personas.other_officer.notifications.exists()
    one_day = personas.provider_b.notifications.get(key=expected[0])
    assert one_day.subject == (
        f"Herinnering: deadline van {REGISTRATION} van {procurement.reference} op 15 juni 2026, 12:00"
    )
    assert [m.to for m in mail.outbox].count([personas.provider_b.email]) == 2
    provider_page = f"{settings.SITE_URL}{reverse('procurement:detail', args=[procurement.pk])}"
    manage = f"{settings.SITE_URL}{reverse('procurement:manage', args=[procurement.pk])}"
    officers = {personas.officer.email, personas.second_officer.email}
    for message in mail.outbox:
        assert (manage if message.to[0] in officers else provider_page) in message.body
    assert any(provider_page in message.body for message in mail.outbox)


def test_question_deadline_reminders_go_to_the_registered_providers_only(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    outsider = MembershipFactory().user
    run_at(phase.question_deadline - timedelta(hours=23), django_capture_on_commit_callbacks)

    key = reminder(phase, "questions", "1d")
    assert Notification.objects.filter(key=key).count() == 3
    assert not outsider.notifications.exists()
    assert not personas.officer.notifications.filter(
        key__startswith=f"deadline:{phase.pk}:questions"
    ).exists()


def test_who_still_has_something_open_is_every_member_of_a_registered_provider_for_now(setting):
    personas, procurement, phase, colleague = setting
    colleague.is_active = False
    colleague.save()
    dialogue = Phase.objects.get(procurement=procurement, key="dialogue")

    assert set(who_has_something_open(phase, PHASE_DEADLINE)) == {personas.provider_a, personas.provider_b}
    assert set(who_has_something_open(dialogue, QUESTION_DEADLINE)) == {
        personas.provider_a,
        personas.provider_b,
    }
    assert not who_has_something_open(dialogue, PHASE_DEADLINE).exists()


def test_a_reminder_is_written_in_the_language_of_its_reader(setting, django_capture_on_commit_callbacks):
    personas, procurement, phase, _ = setting
    personas.provider_b.language = "en"
    personas.provider_b.save()
    run_at(DEADLINE - timedelta(days=2), django_capture_on_commit_callbacks)

    key = reminder(phase, "deadline", "7d")
    assert personas.provider_b.notifications.get(key=key).subject.startswith("Reminder: deadline of ")
    assert "13 June 2026" not in personas.provider_b.notifications.get(key=key).body
    assert "15 June 2026, 12:00" in personas.provider_b.notifications.get(key=key).body
    assert personas.provider_a.notifications.get(key=key).subject.startswith("Herinnering: deadline van ")


def test_two_runs_at_the_same_moment_close_once_and_remind_once(setting, django_capture_on_commit_callbacks):
    personas, procurement, phase, _ = setting
    later = plan(procurement, "submission", deadline=DEADLINE + timedelta(hours=20))
    run_at(DEADLINE, django_capture_on_commit_callbacks)
    notifications, audit, sent = Notification.objects.count(), AuditEntry.objects.count(), len(mail.outbox)

    second = run_at(DEADLINE, django_capture_on_commit_callbacks)

    assert second.closed == [] and second.notified == 0
    assert (Notification.objects.count(), AuditEntry.objects.count(), len(mail.outbox)) == (
        notifications,
        audit,
        sent,
    )
    assert personas.provider_a.notifications.filter(key=reminder(later, "deadline", "1d")).count() == 1


def test_a_clock_that_jumps_back_and_forth_never_closes_or_sends_twice(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    Phase.objects.filter(pk=phase.pk).update(question_deadline=None)
    run_at(DEADLINE - timedelta(hours=20), django_capture_on_commit_callbacks)  # the 1-day reminder
    run_at(DEADLINE + timedelta(minutes=1), django_capture_on_commit_callbacks)  # the close
    phase.refresh_from_db()
    closed_at = phase.window_closed_at

    run_at(DEADLINE - timedelta(days=3), django_capture_on_commit_callbacks)  # back: 7-day moment
    run_at(DEADLINE - timedelta(hours=1), django_capture_on_commit_callbacks)
    run_at(DEADLINE + timedelta(hours=1), django_capture_on_commit_callbacks)  # forth

    phase.refresh_from_db()
    assert phase.window_closed_at == closed_at
    assert AuditEntry.objects.filter(action="phase.window_close").count() == 1
    assert keys_of(personas.provider_a) == [reminder(phase, "deadline", "1d")]
    assert personas.officer.notifications.count() == 2  # "ends soon" and "closed"
    assert [m.to for m in mail.outbox].count([personas.provider_a.email]) == 1


def test_a_clock_jump_back_before_the_1_day_reminder_does_not_send_the_7_day_one_after_it(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    Phase.objects.filter(pk=phase.pk).update(question_deadline=None)
    run_at(DEADLINE - timedelta(hours=2), django_capture_on_commit_callbacks)
    run_at(DEADLINE - timedelta(days=5), django_capture_on_commit_callbacks)

    assert keys_of(personas.provider_a) == [reminder(phase, "deadline", "1d")]


@pytest.mark.parametrize("status", [Procurement.Status.DRAFT, Procurement.Status.CANCELLED])
def test_draft_and_cancelled_procurements_are_left_alone(setting, status, django_capture_on_commit_callbacks):
    personas, procurement, phase, _ = setting
    Procurement.objects.filter(pk=procurement.pk).update(status=status)
    run_at(DEADLINE - timedelta(days=1), django_capture_on_commit_callbacks)
    run_at(DEADLINE, django_capture_on_commit_callbacks)

    phase.refresh_from_db()
    assert phase.window_closed_at is None and phase.questions_closed_at is None
    assert not Notification.objects.exists()


def test_a_deadline_moved_after_the_run_picked_it_is_not_closed(setting):
    personas, procurement, phase, _ = setting
    Phase.objects.filter(pk=phase.pk).update(deadline=DEADLINE + timedelta(days=1))
    run = deadlines.DeadlineRun()

    deadlines.close_window(phase.pk, PHASE_DEADLINE, DEADLINE, run)

    phase.refresh_from_db()
    assert phase.window_closed_at is None and run.closed == []


def test_a_failing_phase_is_logged_rolled_back_and_the_others_still_close(
    setting, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    other = make_procurement(personas.officer, phase="registration")
    other_phase = plan(other, "registration", deadline=DEADLINE)
    real_record = deadlines.record

    def failing_record(action, **kwargs):
        if kwargs["procurement_id"] == procurement.pk:
            raise RuntimeError("audit store unavailable")
        return real_record(action, **kwargs)

    monkeypatch.setattr(deadlines, "record", failing_record)
    with caplog.at_level(logging.ERROR, logger="procurement.services.deadlines"):
        run = run_at(DEADLINE, django_capture_on_commit_callbacks)

    phase.refresh_from_db()
    other_phase.refresh_from_db()
    assert phase.window_closed_at is None  # the compare-and-swap was rolled back with the failure
    assert other_phase.window_closed_at == DEADLINE
    assert run.failed == 2  # the registration window and the question window of the failing procurement
    assert "audit store unavailable" in caplog.text

    monkeypatch.setattr(deadlines, "record", real_record)
    run_at(DEADLINE, django_capture_on_commit_callbacks)
    phase.refresh_from_db()
    assert phase.window_closed_at == DEADLINE


def _procurement_with(personas, providers: int) -> Procurement:
    """A procurement whose registration and question windows close and whose submission deadline is a
    day away at DEADLINE; the procurements of earlier calls are cancelled so a run sees only this one."""
    Procurement.objects.update(status=Procurement.Status.CANCELLED)
    procurement = make_procurement(personas.officer, phase="registration")
    register(procurement, *MembershipFactory.create_batch(providers))
    plan(procurement, "registration", deadline=DEADLINE, question_deadline=DEADLINE - timedelta(hours=1))
    plan(procurement, "submission", deadline=DEADLINE + timedelta(hours=12))
    return procurement


def _run_counting_queries(expected_notifications: int) -> int:
    with time_machine.travel(DEADLINE, tick=False), CaptureQueriesContext(connection) as queries:
        run = run_deadlines()
    assert len(run.closed) == 2 and run.notified == expected_notifications
    return len(queries)


def test_the_number_of_queries_of_a_run_does_not_grow_with_the_number_of_recipients(
    personas, django_assert_max_num_queries
):
    # Each run: two closes (2 officers told each) and the submission's 1-day reminder to every
    # provider and to the 2 officers.
    _procurement_with(personas, providers=2)
    few = _run_counting_queries(2 + 2 + 2 + 2)
    _procurement_with(personas, providers=12)
    many = _run_counting_queries(2 + 2 + 12 + 2)

    assert many == few
    _procurement_with(personas, providers=5)
    with django_assert_max_num_queries(40):
        run_deadlines(DEADLINE)


def test_a_deadline_the_officer_moves_gets_its_own_reminders_and_closes_at_its_new_moment(
    setting, django_capture_on_commit_callbacks
):
    personas, procurement, phase, _ = setting
    run_at(DEADLINE - timedelta(hours=3), django_capture_on_commit_callbacks)
    first = reminder(phase, "deadline", "1d")
    moved = DEADLINE + timedelta(days=2)
    schedule_phase(
        phase,
        actor=personas.officer,
        planned_start=None,
        deadline=moved,
        question_deadline=phase.question_deadline,
    )

    run_at(DEADLINE, django_capture_on_commit_callbacks)
    phase.refresh_from_db()
    assert phase.window_closed_at is None
    run_at(moved - timedelta(hours=3), django_capture_on_commit_callbacks)
    run_at(moved, django_capture_on_commit_callbacks)

    phase.refresh_from_db()
    assert phase.window_closed_at == moved
    second = reminder(phase, "deadline", "1d")
    assert first != second
    assert set(keys_of(personas.provider_a)) >= {first, second}
    assert personas.provider_a.notifications.get(key=second).subject.endswith("17 juni 2026, 12:00")
