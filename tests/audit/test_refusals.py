"""A service verb runs in ``refusals_recorded``: when it refuses, its changes are rolled back and the
refusal is recorded, outside the rolled-back transaction; what it did before the refusal is gone."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation
from audit.models import AuditEntry
from audit.services import Refused, logs_refusal, record, refusals_recorded

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


def test_a_refused_names_its_own_action_and_a_plain_refusal_without_action_is_not_recorded(personas):
    organisation = personas.organisation_a
    guarded = logs_refusal(rename)
    with pytest.raises(ValidationError):
        guarded(organisation, "Naam 1", actor=personas.officer, refusal=ValidationError("Onvolledig."))
    assert entries() == []
    with pytest.raises(Refused):
        guarded(
            organisation,
            "Naam 2",
            actor=personas.officer,
            refusal=Refused(
                "Te laat.", action="organisation.deadline", obj=organisation, procurement_id=None
            ),
        )
    assert entries() == [("organisation.deadline", "refused")]
    assert Organisation.objects.get(pk=organisation.pk).name == "Aanbieder A"
