from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.actions import Action
from audit.services import changed_fields, record, records_refusals
from procurement.models import Lot, Participant, Phase, Procurement
from procurement.phases import sequence

PROCUREMENT_FIELDS = [
    "title",
    "reference",
    "summary",
    "procedure",
    "estimated_value",
    "contract_term_years",
    "evaluation_years",
    "planned_contract_start",
    "tenderned_reference",
    "tenderned_url",
    "dialogue_cost_compensation",
    "status",
]


def snapshot(obj, fields: list[str]) -> dict:
    return {key: value for key, value in model_to_dict(obj, fields=fields).items()}


@records_refusals(Action.PROCUREMENT_CREATE)
def create_procurement(*, actor: User, regions, municipalities, care_types=(), **fields) -> Procurement:
    """Create a procurement in draft with one phase row per phase of its procedure."""
    procurement = Procurement(created_by=actor, **fields)
    procurement.full_clean()
    procurement.current_phase = sequence(procurement)[0]
    procurement.save()
    procurement.regions.set(regions)
    procurement.municipalities.set(municipalities)
    procurement.care_types.set(care_types)
    Phase.objects.bulk_create([Phase(procurement=procurement, key=key) for key in sequence(procurement)])
    record(
        Action.PROCUREMENT_CREATE,
        actor=actor,
        obj=procurement,
        procurement_id=procurement.pk,
        changes=changed_fields({}, snapshot(procurement, PROCUREMENT_FIELDS)),
    )
    return procurement


@records_refusals(Action.PROCUREMENT_UPDATE, procurement_id=lambda procurement: procurement.pk)
def update_procurement(procurement: Procurement, *, actor: User, **fields) -> Procurement:
    procurement = Procurement.objects.select_for_update().get(pk=procurement.pk)
    before = snapshot(procurement, PROCUREMENT_FIELDS)
    if (
        "procedure" in fields
        and fields["procedure"] != procurement.procedure
        and procurement.status != "draft"
    ):
        raise ValidationError({"procedure": _("The procedure cannot change after publication.")})
    m2m = {key: fields.pop(key) for key in ("regions", "municipalities", "care_types") if key in fields}
    for key, value in fields.items():
        setattr(procurement, key, value)
    procurement.full_clean()
    procurement.save()
    for key, value in m2m.items():
        getattr(procurement, key).set(value)
    if before["procedure"] != procurement.procedure:
        _sync_phase_rows(procurement)
    record(
        Action.PROCUREMENT_UPDATE,
        actor=actor,
        obj=procurement,
        procurement_id=procurement.pk,
        changes=changed_fields(before, snapshot(procurement, PROCUREMENT_FIELDS)),
    )
    return procurement


def _sync_phase_rows(procurement: Procurement) -> None:
    """A draft whose procedure changed gets exactly the phase rows of its new procedure (a draft is
    still in its first phase, which every procedure shares)."""
    keys = sequence(procurement)
    procurement.phases.exclude(key__in=keys).delete()
    existing = set(procurement.phases.values_list("key", flat=True))
    Phase.objects.bulk_create(
        [Phase(procurement=procurement, key=key) for key in keys if key not in existing]
    )


@records_refusals(Action.PROCUREMENT_PUBLISH, procurement_id=lambda procurement: procurement.pk)
def publish_procurement(procurement: Procurement, *, actor: User) -> Procurement:
    """Make the announcement public: providers can find it and register."""
    if not procurement.lots.exists():
        raise ValidationError(_("Add at least one lot before publishing."))
    updated = Procurement.objects.filter(pk=procurement.pk, status=Procurement.Status.DRAFT).update(
        status=Procurement.Status.PUBLISHED
    )
    if updated != 1:
        raise ValidationError(_("The procurement has already been published."))
    procurement.refresh_from_db()
    record(Action.PROCUREMENT_PUBLISH, actor=actor, obj=procurement, procurement_id=procurement.pk)
    return procurement


LOT_FIELDS = [
    "number",
    "title",
    "description",
    "kind",
    "care_type",
    "partnerships_allowed",
    "status",
    "status_reason",
]


@records_refusals(Action.LOT_CREATE, procurement_id=lambda procurement: procurement.pk)
def add_lot(procurement: Procurement, *, actor: User, **fields) -> Lot:
    lot = Lot(procurement=procurement, **fields)
    lot.full_clean()
    lot.save()
    record(
        Action.LOT_CREATE,
        actor=actor,
        obj=lot,
        procurement_id=procurement.pk,
        changes=changed_fields({}, snapshot(lot, LOT_FIELDS)),
    )
    return lot


def _set_lot_status(lot: Lot, *, actor: User, expected: str, new: str, reason: str, action: str) -> Lot:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    updated = Lot.objects.filter(pk=lot.pk, status=expected).update(status=new, status_reason=reason)
    if updated != 1:
        raise ValidationError(_("The lot is not %(status)s.") % {"status": Lot.Status(expected).label})
    lot.refresh_from_db()
    record(
        action,
        actor=actor,
        obj=lot,
        procurement_id=lot.procurement_id,
        changes={"status": [expected, new]},
        message=reason,
    )
    return lot


@records_refusals(Action.LOT_SUSPEND, procurement_id=lambda lot: lot.procurement_id)
def suspend_lot(lot: Lot, *, actor: User, reason: str) -> Lot:
    """Postpone a lot (e.g. after a complaint about the tariff); its deadlines stop counting for it."""
    return _set_lot_status(
        lot,
        actor=actor,
        expected=Lot.Status.OPEN,
        new=Lot.Status.SUSPENDED,
        reason=reason,
        action=Action.LOT_SUSPEND,
    )


@records_refusals(Action.LOT_RESUME, procurement_id=lambda lot: lot.procurement_id)
def resume_lot(lot: Lot, *, actor: User, reason: str) -> Lot:
    return _set_lot_status(
        lot,
        actor=actor,
        expected=Lot.Status.SUSPENDED,
        new=Lot.Status.OPEN,
        reason=reason,
        action=Action.LOT_RESUME,
    )


# Hooks that carry a lot's data over to the lots it is split into; later steps (registrations) add theirs.
split_carriers: list = []


@records_refusals(Action.LOT_SPLIT, procurement_id=lambda lot: lot.procurement_id)
def split_lot(lot: Lot, *, actor: User, reason: str, new_lots: list[dict]) -> list[Lot]:
    """Split a lot into new lots (e.g. 2a institutions, 2b self-employed practitioners). The old lot is
    closed as 'split'; what was registered for it is carried over to each new lot."""
    if len(new_lots) < 2:
        raise ValidationError(_("A lot is split into at least two new lots."))
    lot = Lot.objects.select_for_update().get(pk=lot.pk)
    if not lot.is_active:
        raise ValidationError(_("Only an open or suspended lot can be split."))
    previous = lot.status
    _set_lot_status(
        lot, actor=actor, expected=previous, new=Lot.Status.SPLIT, reason=reason, action=Action.LOT_SPLIT
    )
    created = []
    for fields in new_lots:
        defaults = {
            "kind": lot.kind,
            "care_type": lot.care_type,
            "partnerships_allowed": lot.partnerships_allowed,
        }
        created.append(add_lot(lot.procurement, actor=actor, split_from=lot, **{**defaults, **fields}))
    for carry in split_carriers:
        carry(lot, created, actor)
    return created


@records_refusals(Action.PARTICIPANT_REGISTER, procurement_id=lambda procurement: procurement.pk)
def register_participant(procurement: Procurement, organisation: Organisation, *, actor: User) -> Participant:
    """A provider registers on a published procurement, to receive its documents and answers."""
    if not procurement.is_public:
        raise ValidationError(_("This procurement is not open for providers."))
    participant, created = Participant.objects.get_or_create(
        procurement=procurement, organisation=organisation, defaults={"registered_by": actor}
    )
    if created:
        record(Action.PARTICIPANT_REGISTER, actor=actor, obj=participant, procurement_id=procurement.pk)
    return participant
