"""Helpers for the deadline tests: plan a phase's deadlines, register providers, Amsterdam times."""

from datetime import datetime

from common.timezone import AMSTERDAM
from procurement.models import Phase
from procurement.services.deadlines import PHASE_DEADLINE, QUESTION_DEADLINE, reminder_key
from procurement.services.procurements import register_participant


def amsterdam(*args: int) -> datetime:
    """A moment given in Europe/Amsterdam wall-clock time, e.g. amsterdam(2026, 3, 30, 12)."""
    return datetime(*args, tzinfo=AMSTERDAM)


def plan(procurement, key: str, *, deadline=None, question_deadline=None) -> Phase:
    """Set the deadlines of a phase directly (the schedule form's validation is not under test here)."""
    Phase.objects.filter(procurement=procurement, key=key).update(
        deadline=deadline, question_deadline=question_deadline
    )
    return Phase.objects.get(procurement=procurement, key=key)


def register(procurement, *memberships) -> None:
    """Register the organisations of these memberships as providers on the procurement."""
    for membership in memberships:
        register_participant(procurement, membership.organisation, actor=membership.user)


def reminder(phase: Phase, kind: str, label: str, audience: str = "") -> str:
    """The key of a reminder ("deadline" or "questions", "7d" or "1d") for the phase's current deadline."""
    phase.refresh_from_db()
    return reminder_key(phase, PHASE_DEADLINE if kind == "deadline" else QUESTION_DEADLINE, label, audience)
