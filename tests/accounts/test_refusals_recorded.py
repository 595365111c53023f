"""The verbs of accounts (signing up, inviting and re-inviting an organisation, accepting an invitation,
the administrators' verbs, confirming an authenticator) record their refusal in the audit trail, by who
tried (anonymous for a visitor without an account), on what, and save nothing; also from the wrong side:
another person, another organisation, another role."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Invitation, Membership, Organisation, User
from accounts.services.organisations import (
    accept_invitation,
    invite_member,
    invite_organisation,
    reinvite_organisation,
    sign_up_provider,
)
from accounts.services.two_factor import confirm_setup, start_setup
from audit.models import AuditEntry
from audit.services import Refused
from tests.accounts.factories_organisation import make_invitation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def refusals() -> list[tuple]:
    return list(
        AuditEntry.objects.filter(result="refused")
        .order_by("pk")
        .values_list("action", "actor_id", "actor_label", "object_type", "object_id")
    )


def test_a_sign_up_with_a_kvk_number_on_the_portal_is_recorded_as_refused_for_the_anonymous_visitor():
    OrganisationFactory(kvk_number="81234567")  # registered at the last moment, after the form's check
    with pytest.raises(Refused):
        sign_up_provider(
            email="fatima@zonnehof.test",
            full_name="Fatima el Amrani",
            password="Zonnehof-wachtwoord-2026",
            organisation={"name": "Zonnehof", "kvk_number": "81234567"},
        )
    assert not User.objects.exists()
    assert refusals() == [("accounts.provider_sign_up", None, "anonymous", "", "")]


def test_accepting_an_invitation_for_another_person_is_refused_and_recorded(personas):
    invitation = make_invitation(personas.organisation_a, email="nieuw@collega.test")
    with pytest.raises(Refused):
        accept_invitation(invitation, user=personas.provider_b)
    assert not Membership.objects.filter(
        user=personas.provider_b, organisation=personas.organisation_a
    ).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    assert refusals() == [
        (
            "accounts.invitation_accept",
            personas.provider_b.pk,
            personas.provider_b.email,
            "accounts.invitation",
            str(invitation.pk),
        )
    ]


def test_re_inviting_an_organisation_that_people_act_for_is_refused_and_recorded(personas):
    with pytest.raises(Refused):
        reinvite_organisation(
            personas.organisation_a, contact_email="overname@provider-b.test", invited_by=personas.provider_b
        )
    assert not Invitation.objects.exists()
    assert refusals() == [
        (
            "accounts.organisation_reinvite",
            personas.provider_b.pk,
            personas.provider_b.email,
            "accounts.organisation",
            str(personas.organisation_a.pk),
        )
    ]


def test_inviting_an_organisation_with_a_bad_kvk_number_is_refused_and_recorded(personas):
    with pytest.raises(Refused):
        invite_organisation(
            name="Zonnehof",
            kvk_number="123",
            contact_email="info@zonnehof.test",
            invited_by=personas.provider_a,
        )
    assert not Organisation.objects.filter(name="Zonnehof").exists()
    assert refusals() == [
        ("accounts.organisation_invite", personas.provider_a.pk, personas.provider_a.email, "", "")
    ]


def test_an_administrators_verb_by_a_plain_member_is_refused_and_recorded_on_the_organisation(personas):
    Membership.objects.filter(user=personas.provider_a).update(role=Membership.Role.MEMBER)
    with pytest.raises(Refused) as refused:
        invite_member(
            personas.organisation_a, actor=personas.provider_a, email="x@provider-a.test", role="member"
        )
    assert refused.value.code == "not_admin"
    assert not Invitation.objects.exists()
    assert refusals() == [
        (
            "accounts.invitation_send",
            personas.provider_a.pk,
            personas.provider_a.email,
            "accounts.organisation",
            str(personas.organisation_a.pk),
        )
    ]


def test_confirming_an_authenticator_with_a_wrong_code_is_refused_and_recorded(personas):
    start_setup(personas.officer)
    with pytest.raises(Refused) as refused:
        confirm_setup(personas.officer, "geen-code", actor=personas.officer)
    assert list(refused.value.message_dict) == ["code"]
    assert not TOTPDevice.objects.filter(user=personas.officer, confirmed=True).exists()
    assert refusals() == [
        (
            "accounts.second_factor_set_up",
            personas.officer.pk,
            personas.officer.email,
            "accounts.user",
            str(personas.officer.pk),
        )
    ]
