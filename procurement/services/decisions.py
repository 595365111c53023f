"""Decision moments (go/no-go, preselection, award) with their deciding body, date and outcome."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from audit.actions import Action
from audit.services import changed_fields, record, records_refusals
from procurement.models import DecisionMoment, Procurement

from .procurements import snapshot

DECISION_FIELDS = [
    "kind",
    "title",
    "body",
    "lot",
    "planned_date",
    "decided_on",
    "outcome",
    "notes",
    "minutes",
]


def _check_belongs(decision: DecisionMoment) -> None:
    """The lot and the minutes must be of the decision's own procurement."""
    if decision.lot_id and decision.lot.procurement_id != decision.procurement_id:
        raise ValidationError({"lot": _("Choose a lot of this procurement.")})
    if decision.minutes_id and decision.minutes.procurement_id != decision.procurement_id:
        raise ValidationError({"minutes": _("Choose a document of this procurement.")})


@records_refusals(Action.DECISION_CREATE, procurement_id=lambda procurement: procurement.pk)
def add_decision_moment(procurement: Procurement, *, actor: User, **fields) -> DecisionMoment:
    """Plan (or record) a formal decision of a deciding body."""
    decision = DecisionMoment(procurement=procurement, **fields)
    decision.full_clean()
    _check_belongs(decision)
    decision.save()
    record(
        Action.DECISION_CREATE,
        actor=actor,
        obj=decision,
        procurement_id=procurement.pk,
        changes=changed_fields({}, snapshot(decision, DECISION_FIELDS)),
    )
    return decision


@records_refusals(Action.DECISION_UPDATE, procurement_id=lambda decision: decision.procurement_id)
def update_decision_moment(decision: DecisionMoment, *, actor: User, **fields) -> DecisionMoment:
    """Change a decision moment, e.g. record that it was taken, its outcome and its minutes."""
    decision = DecisionMoment.objects.select_for_update().get(pk=decision.pk)
    before = snapshot(decision, DECISION_FIELDS)
    for key, value in fields.items():
        setattr(decision, key, value)
    decision.full_clean()
    _check_belongs(decision)
    decision.save()
    record(
        Action.DECISION_UPDATE,
        actor=actor,
        obj=decision,
        procurement_id=decision.procurement_id,
        changes=changed_fields(before, snapshot(decision, DECISION_FIELDS)),
    )
    return decision
