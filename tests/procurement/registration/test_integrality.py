"""The integraliteitsvereiste: an integral lot's partnership must together deliver every required care
type, and a registration is submitted only when every member's self-declaration is complete."""

import pytest
from django.core.exceptions import ValidationError

from procurement.models import Registration
from procurement.services.registration import (
    add_member,
    create_registration,
    missing_care_types,
    progress,
    submit_registration,
)
from tests.procurement.factories_registration import complete_member


def combination(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    partner = add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    lead = registration.members.get(role="lead")
    return registration, lead, partner


def test_the_missing_care_types_are_the_required_ones_no_member_delivers(world):
    registration, lead, partner = combination(world)
    assert {c.code for c in missing_care_types(registration)} == {"ambulant", "jeugd-ggz", "verblijf"}
    complete_member(lead, world.provider_a, ["ambulant", "jeugd-ggz"])
    assert [c.code for c in missing_care_types(registration)] == ["verblijf"]
    complete_member(partner, world.provider_c, ["verblijf"])
    assert missing_care_types(registration) == []


def test_an_incomplete_partnership_is_refused_and_stays_a_draft(world):
    registration, lead, partner = combination(world)
    complete_member(lead, world.provider_a, ["ambulant", "jeugd-ggz"])
    complete_member(partner, world.provider_c, ["ambulant"])
    with pytest.raises(ValidationError) as refused:
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    assert "Jeugdhulp met verblijf" in " ".join(refused.value.messages)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.DRAFT and registration.submitted_at is None


def test_a_complete_partnership_is_submitted(world):
    registration, lead, partner = combination(world)
    complete_member(lead, world.provider_a, ["ambulant", "jeugd-ggz"])
    complete_member(partner, world.provider_c, ["verblijf"])
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.SUBMITTED
    assert registration.submitted_at is not None and len(registration.content_sha256) == 64
    assert set(world.procurement.participants.values_list("organisation__name", flat=True)) == {
        "Aanbieder A",
        "Aanbieder C",
    }


def test_an_incomplete_self_declaration_blocks_the_submission(world):
    registration, lead, partner = combination(world)
    complete_member(lead, world.provider_a, ["ambulant", "jeugd-ggz", "verblijf"])
    state = progress(registration)
    assert state.missing_care_types == []
    assert [p.complete for p in state.members] == [True, False]
    with pytest.raises(ValidationError) as refused:
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    assert "De eigen verklaring van Aanbieder C is onvolledig" in " ".join(refused.value.messages)


def test_a_partnership_needs_a_member_besides_the_lead(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["ambulant", "jeugd-ggz", "verblijf"])
    with pytest.raises(ValidationError):
        submit_registration(registration, actor=world.provider_a, confirmed=True)


def test_a_single_provider_of_the_specific_lot_needs_the_lots_care_type(world):
    registration = create_registration(
        world.specific, lead=world.organisation_b, form="single", actor=world.provider_b
    )
    lead = registration.members.get()
    complete_member(lead, world.provider_b, ["ambulant"])
    assert [c.code for c in missing_care_types(registration)] == ["jeugd-ggz"]
    complete_member(lead, world.provider_b, ["jeugd-ggz"])
    submit_registration(registration, actor=world.provider_b, confirmed=True)
    assert Registration.objects.get(pk=registration.pk).status == "submitted"
