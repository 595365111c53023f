"""Helpers for the deadline tests: plan a phase's deadlines, register providers, Amsterdam times."""

from datetime import datetime

from common.timezone import AMSTERDAM
from procurement.models import Phase
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
