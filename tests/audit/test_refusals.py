"""A service verb runs in ``refusals_recorded`` (or under ``records_refusals``, its decorator form): when it
refuses, its changes are rolled back and the refusal is recorded, outside the rolled-back transaction;
what it did before the refusal is gone."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Membership, Organisation
from audit.models import AuditEntry
from audit.services import Refused, record, records_refusals, refusals_recorded

pytestmark = pytest.mark.django_db


def rename(organisation: Organisation, name: str, *, actor, refusal: ValidationError | None = None) -> None:
    """A verb that renames, records its success, and then refuses when told to."""
    Organisation.objects.filter(pk=organisation.pk).update(name=name)
    record("organisation.rename", actor=actor, obj=organisation)
    if refusal is not None:
        raise refusal


def entries() -> list[tuple[str, str]]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", "result"))


def test_a_refusal_is_rolled_back_and_then_recorded_under_the_verbs_action(personas):
    organisation = personas.organisation_a
    with (
        pytest.raises(ValidationError),
        refusals_recorded(
            "organisation.rename", actor=personas.provider_a, obj=organisation, procurement_id=None
        ),
    ):
        rename(organisation, "Nieuwe naam", actor=personas.provider_a, refusal=ValidationError("Niet zo."))
    organisation.refresh_from_db()
    assert organisation.name == "Aanbieder A"
    refusal = AuditEntry.objects.get()
    assert (refusal.action, refusal.result, refusal.message) == ("organisation.rename", "refused", "Niet zo.")
    assert refusal.actor_id == personas.provider_a.pk
    assert refusal.object_id == str(organisation.pk)


def test_a_verb_that_does_not_refuse_keeps_its_changes_and_records_no_refusal(personas):
    with refusals_recorded("organisation.rename", actor=personas.provider_a):
        rename(personas.organisation_a, "Nieuwe naam", actor=personas.provider_a)
    assert Organisation.objects.get(pk=personas.organisation_a.pk).name == "Nieuwe naam"
    assert entries() == [("organisation.rename", "success")]


def test_the_refusal_leaves_as_a_refused_naming_the_verb_with_its_field_errors(personas):
    organisation = personas.organisation_a
    with (
        pytest.raises(Refused) as raised,
        refusals_recorded("organisation.rename", actor=personas.officer, obj=organisation),
    ):
        rename(organisation, "Naam", actor=personas.officer, refusal=ValidationError({"name": "Onvolledig."}))
    assert (raised.value.action, raised.value.obj) == ("organisation.rename", organisation)
    assert raised.value.message_dict == {"name": ["Onvolledig."]}
    assert entries() == [("organisation.rename", "refused")]


def test_a_step_that_refuses_under_its_own_action_is_recorded_under_the_verbs_action_too(personas):
    organisation = personas.organisation_a
    step = Refused("Te laat.", action="organisation.deadline", obj=None, procurement_id=None)
    with (
        pytest.raises(Refused),
        refusals_recorded("organisation.rename", actor=personas.officer, obj=organisation),
    ):
        rename(organisation, "Naam 2", actor=personas.officer, refusal=step)
    assert list(
        AuditEntry.objects.order_by("pk").values_list("action", "result", "object_id", "message")
    ) == [
        ("organisation.rename", "refused", str(organisation.pk), "Te laat."),
        ("organisation.deadline", "refused", "", "Te laat."),
    ]
    assert Organisation.objects.get(pk=organisation.pk).name == "Aanbieder A"


def rename_both(first: Organisation, second: Organisation, *, actor, refusal: ValidationError | None = None):
    """An outer verb that renames ``first`` and then calls the inner verb on ``second``."""
    with refusals_recorded("organisation.rename_both", actor=actor, obj=first):
        rename(first, "Buiten", actor=actor)
        with refusals_recorded("organisation.rename", actor=actor, obj=second):
            rename(second, "Binnen", actor=actor, refusal=refusal)


def test_an_inner_verbs_refusal_is_recorded_once_under_the_outer_action_and_the_inner_step(personas):
    first, second = personas.organisation_a, personas.organisation_b
    with pytest.raises(Refused) as raised:
        rename_both(first, second, actor=personas.officer, refusal=ValidationError("Niet zo."))
    assert raised.value.action == "organisation.rename"
    assert list(
        AuditEntry.objects.order_by("pk").values_list("action", "result", "object_id", "message")
    ) == [
        ("organisation.rename_both", "refused", str(first.pk), "Niet zo."),
        ("organisation.rename", "refused", str(second.pk), "Niet zo."),
    ]
    assert set(Organisation.objects.values_list("name", flat=True)) == {"Aanbieder A", "Aanbieder B"}


def test_an_inner_refusal_the_outer_verb_catches_stays_recorded_under_the_inner_action(personas):
    first, second = personas.organisation_a, personas.organisation_b
    with refusals_recorded("organisation.rename_both", actor=personas.officer, obj=first):
        rename(first, "Buiten", actor=personas.officer)
        with pytest.raises(Refused):
            rename_both(second, first, actor=personas.officer, refusal=ValidationError("Niet zo."))
    assert entries() == [
        ("organisation.rename", "success"),
        ("organisation.rename_both", "refused"),
        ("organisation.rename", "refused"),
    ]
    assert Organisation.objects.get(pk=first.pk).name == "Buiten"
    assert Organisation.objects.get(pk=second.pk).name == "Aanbieder B"


@records_refusals("membership.rename", obj=lambda membership: membership.organisation, actor="by")
def rename_through(membership: Membership, name: str, *, by, refusal: ValidationError | None = None) -> None:
    """A verb under the decorator form: its subject is the membership, its actor the ``by`` keyword."""
    rename(membership.organisation, name, actor=by, refusal=refusal)


@records_refusals("organisation.found", actor=None)
def found(*, name: str) -> Organisation:
    """A verb without a subject, by a visitor without an account."""
    Organisation.objects.create(name=name, kvk_number="81234567")
    raise ValidationError("Niet zo.")


def test_the_decorator_form_records_the_refusal_on_what_it_names_of_the_subject_by_the_actor(personas):
    membership = Membership.objects.get(user=personas.provider_a)
    with pytest.raises(Refused) as raised:
        rename_through(membership, "Naam", by=personas.provider_a, refusal=ValidationError("Niet zo."))
    assert (raised.value.action, raised.value.obj) == ("membership.rename", personas.organisation_a)
    assert Organisation.objects.get(pk=personas.organisation_a.pk).name == "Aanbieder A"
    assert list(AuditEntry.objects.values_list("action", "result", "actor_id", "object_id", "message")) == [
        ("membership.rename", "refused", personas.provider_a.pk, str(personas.organisation_a.pk), "Niet zo.")
    ]


def test_the_decorator_form_keeps_what_a_verb_that_goes_through_did(personas):
    membership = Membership.objects.get(user=personas.provider_a)
    rename_through(membership, "Nieuwe naam", by=personas.provider_a)
    assert Organisation.objects.get(pk=personas.organisation_a.pk).name == "Nieuwe naam"
    assert entries() == [("organisation.rename", "success")]


def test_a_verb_without_a_subject_or_an_actor_records_its_refusal_on_nothing_by_anonymous(db):
    with pytest.raises(Refused):
        found(name="Zonnehof")
    assert not Organisation.objects.exists()
    assert list(AuditEntry.objects.values_list("action", "result", "actor_label", "object_type")) == [
        ("organisation.found", "refused", "anonymous", "")
    ]
