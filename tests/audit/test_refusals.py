"""A service verb runs in ``refusals_recorded``: when it refuses, its changes are rolled back and the
refusal is recorded, outside the rolled-back transaction; what it did before the refusal is gone."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation
from audit.models import AuditEntry
from audit.services import Refused, record, refusals_recorded

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
