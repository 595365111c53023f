"""Members are organisations on the portal, found by KvK number; a lead or combination partner is in at
most one registration per lot, a subcontractor may be in several (and the officer sees it)."""

import pytest
from django.core.exceptions import ValidationError

from procurement.models import Registration, RegistrationMember
from procurement.services.registration import (
    add_member,
    change_form,
    create_registration,
    organisations_in_several,
    remove_member,
    withdraw_registration,
)


def register(world, organisation, user, form="combination", lot=None):
    return create_registration(lot or world.integral, lead=organisation, form=form, actor=user)


@pytest.mark.parametrize(
    "kvk,message",
    [
        ("1234567", "precies 8 cijfers"),
        ("99999999", "Er is nog geen organisatie met KvK-nummer 99999999"),
    ],
)
def test_a_bad_or_unknown_kvk_number_is_refused_with_a_dutch_message(world, kvk, message):
    registration = register(world, world.organisation_a, world.provider_a)
    with pytest.raises(ValidationError) as refused:
        add_member(registration, kvk_number=kvk, actor=world.provider_a)
    assert message in " ".join(refused.value.messages)
    assert registration.members.count() == 1


def test_a_lead_already_leading_another_registration_for_the_lot_is_refused(world):
    register(world, world.organisation_a, world.provider_a)
    with pytest.raises(ValidationError) as refused:
        register(world, world.organisation_a, world.provider_a, form="single")
    assert "al penvoerder of combinant" in refused.value.messages[0]
    assert Registration.objects.filter(lead=world.organisation_a).count() == 1


def test_a_combination_partner_of_another_registration_is_refused_as_partner(world):
    first = register(world, world.organisation_a, world.provider_a)
    add_member(first, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    second = register(world, world.organisation_b, world.provider_b)
    with pytest.raises(ValidationError):
        add_member(second, kvk_number=world.organisation_c.kvk_number, actor=world.provider_b)
    with pytest.raises(ValidationError):
        register(world, world.organisation_c, world.provider_c)
    assert second.members.count() == 1


def test_a_subcontractor_may_be_in_several_registrations_and_the_officer_sees_it(world):
    first = register(world, world.organisation_a, world.provider_a)
    add_member(first, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    second = register(world, world.organisation_b, world.provider_b, form="main_contractor")
    member = add_member(second, kvk_number=world.organisation_c.kvk_number, actor=world.provider_b)
    assert member.role == RegistrationMember.Role.SUBCONTRACTOR
    assert organisations_in_several(world.integral) == {world.organisation_c.pk}


def test_a_withdrawn_registration_frees_its_lead(world):
    first = register(world, world.organisation_a, world.provider_a)
    withdraw_registration(first, actor=world.provider_a)
    assert register(world, world.organisation_a, world.provider_a).status == "draft"


def test_partnerships_only_where_the_lot_allows_them(world):
    world.specific.__class__.objects.filter(pk=world.specific.pk).update(partnerships_allowed=False)
    world.specific.refresh_from_db()
    with pytest.raises(ValidationError):
        register(world, world.organisation_a, world.provider_a, lot=world.specific)
    single = register(world, world.organisation_a, world.provider_a, form="single", lot=world.specific)
    with pytest.raises(ValidationError):
        add_member(single, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)


def test_only_the_lead_organisation_composes_the_registration(world):
    registration = register(world, world.organisation_a, world.provider_a)
    with pytest.raises(ValidationError):
        add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_b)
    partner = add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    with pytest.raises(ValidationError):
        remove_member(partner, actor=world.provider_c)
    with pytest.raises(ValidationError):
        create_registration(world.integral, lead=world.organisation_a, form="single", actor=world.provider_b)


def test_changing_the_form_changes_the_members_roles(world):
    registration = register(world, world.organisation_a, world.provider_a)
    add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    change_form(registration, form="main_contractor", actor=world.provider_a)
    assert set(registration.members.values_list("role", flat=True)) == {"lead", "subcontractor"}
    with pytest.raises(ValidationError):
        change_form(registration, form="single", actor=world.provider_a)
