from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from audit.actions import Action
from audit.services import changed_fields, record, records_refusals, refusals_recorded
from common.timezone import server_now
from procurement.models import Phase, PhaseTransition, Procurement
from procurement.phases import reasons_against

SCHEDULE_FIELDS = ["planned_start", "deadline", "question_deadline"]


def advance_phase(procurement: Procurement, to_key: str, *, actor: User | None, reason: str) -> Procurement:
    """Move the procurement to its next phase, if the guards allow it. Compare-and-swap on the current
    phase: of two officers (or an officer and a task) racing, one wins and the other is refused. A refusal
    is rolled back and then recorded with the transition that was attempted (from the phase the actor
    saw)."""
    with refusals_recorded(
        Action.PHASE_ADVANCE,
        actor=actor,
        obj=procurement,
        procurement_id=procurement.pk,
        changes={"phase": [procurement.current_phase, to_key]},
    ):
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for the transition.")})
        locked = Procurement.objects.select_for_update().get(pk=procurement.pk)
        reasons = reasons_against(locked, to_key)
        if reasons:
            raise ValidationError(reasons)
        _move(locked, locked.current_phase, to_key, actor=actor, reason=reason)
    procurement.refresh_from_db()
    return procurement


def _move(locked: Procurement, from_key: str, to_key: str, *, actor: User | None, reason: str) -> None:
    updated = Procurement.objects.filter(pk=locked.pk, current_phase=from_key).update(current_phase=to_key)
    if updated != 1:
        raise ValidationError(_("Somebody else changed the phase at the same moment; reload the page."))
    now = server_now()
    Phase.objects.filter(procurement=locked, key=from_key, actual_end__isnull=True).update(actual_end=now)
    Phase.objects.filter(procurement=locked, key=to_key, actual_start__isnull=True).update(actual_start=now)
    PhaseTransition.objects.create(
        procurement=locked, from_phase=from_key, to_phase=to_key, actor=actor, reason=reason
    )
    record(
        Action.PHASE_ADVANCE,
        actor=actor,
        obj=locked,
        procurement_id=locked.pk,
        changes={"phase": [from_key, to_key]},
        message=reason,
    )


@records_refusals(Action.PHASE_SCHEDULE, procurement_id=lambda phase: phase.procurement_id)
def schedule_phase(
    phase: Phase,
    *,
    actor: User,
    planned_start: datetime | None,
    deadline: datetime | None,
    question_deadline: datetime | None = None,
) -> Phase:
    """Plan a phase: its start, its deadline and the deadline for questions. A deadline that has closed
    its window cannot be moved any more."""
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    before = {f: getattr(phase, f) for f in SCHEDULE_FIELDS}
    if phase.window_closed_at and deadline != phase.deadline:
        raise ValidationError({"deadline": _("This deadline has passed and its window is closed.")})
    if phase.questions_closed_at and question_deadline != phase.question_deadline:
        raise ValidationError(
            {"question_deadline": _("The question window has closed; its deadline is fixed.")}
        )
    phase.planned_start, phase.deadline, phase.question_deadline = planned_start, deadline, question_deadline
    phase.full_clean()
    phase.save(update_fields=SCHEDULE_FIELDS)
    record(
        Action.PHASE_SCHEDULE,
        actor=actor,
        obj=phase,
        procurement_id=phase.procurement_id,
        changes=changed_fields(before, {f: getattr(phase, f) for f in SCHEDULE_FIELDS}),
    )
    return phase
