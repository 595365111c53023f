"""Helpers of the procurement page tests: put a procurement in the state a guard asks for."""

from datetime import date, timedelta

from django.utils import timezone

from audit.models import AuditEntry
from procurement.models import Lot, Phase, Procurement
from procurement.phases import sequence


def set_deadline(procurement: Procurement, key: str, deadline) -> None:
    Phase.objects.filter(procurement=procurement, key=key).update(
        planned_start=deadline - timedelta(days=30), deadline=deadline
    )


def satisfy_guard(procurement: Procurement, to_key: str) -> None:
    """Make the guard of the transition to ``to_key`` pass, the way the later steps of the procedure
    would (deadline passed, milestones of every open lot set, contract start reached)."""
    now = timezone.now()
    if to_key == "preselection":
        set_deadline(procurement, "registration", now - timedelta(hours=1))
    elif to_key == "assessment":
        set_deadline(procurement, "submission", now - timedelta(hours=1))
    elif to_key in ("dialogue", "submission", "contracting"):
        field = {
            "dialogue": "preselection_published_at",
            "submission": "dialogue_closed_at",
            "contracting": "award_final_at",
        }[to_key]
        Lot.objects.filter(procurement=procurement).update(**{field: now})
    elif to_key == "term":
        Procurement.objects.filter(pk=procurement.pk).update(planned_contract_start=date.today())
    procurement.refresh_from_db()


def later_phases(procurement: Procurement) -> list[str]:
    return sequence(procurement)[1:]


def audit_actions(procurement: Procurement, action: str, result: str = "success") -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(procurement_id=procurement.pk, action=action, result=result).order_by("pk")
    )
