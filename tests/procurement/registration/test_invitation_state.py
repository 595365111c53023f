"""The registration editor says where a member organisation that nobody acts for yet stands with its
invitation: pending until its expiry, expired, or not invited at all, with the lead's form to invite it
again or the button to withdraw the open invitation where they can be used; an organisation on the
portal gets no label, whatever invitations of colleagues it has out. One query for all members; nobody
outside the registration sees any of it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.services.organisations import accept_invitation_with_new_account, invite_organisation
from accounts.services.organisations import invite_member as invite_colleague
from procurement.services.registration import (
    add_member,
    create_registration,
    invite_member,
    member_invitations,
    remove_member,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PENDING = "Uitnodiging staat open tot"
EXPIRED = "Uitnodiging verlopen op"
NOBODY = "Nog niemand handelt op het portaal voor deze organisatie."
REINVITE = 'name="reinvite-'  # the lead's form to invite the organisation again, in its row
WITHDRAW = "Uitnodiging aan "  # the button of whoever may withdraw the open invitation


@pytest.fixture
def draft(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    return registration


def invite(registration, actor, kvk_number="87654321", email="info@vgk.test"):
    return invite_member(
        registration, name=f"Nieuw {kvk_number}", kvk_number=kvk_number, contact_email=email, actor=actor
    )


def lapse(invitation, ago=timedelta(hours=1)):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - ago)
    invitation.refresh_from_db()
    return invitation


def revoke(invitation):
    """As the portal's administrators do for an organisation without administrators of its own."""
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())


def editor(client, user, registration):
    client.force_login(user)
    return client.get(reverse("procurement:registration", args=[registration.pk]))


def row_of(html: str, name: str) -> str:
    return html.split(name, 1)[1].split("</tr>", 1)[0]


def test_an_open_invitation_is_pending_until_it_expires(world, draft):
    member, invitation = invite(draft, world.provider_a)
    state = member_invitations(draft)[member.organisation_id]
    assert state.pending_until == invitation.expires_at and state.expired_at is None


def test_an_unused_invitation_past_its_expiry_has_expired(world, draft):
    member, invitation = invite(draft, world.provider_a)
    lapse(invitation)
    state = member_invitations(draft)[member.organisation_id]
    assert state.pending_until is None and state.expired_at == invitation.expires_at


def test_a_new_invitation_after_an_expired_one_is_pending_again(world, draft):
    member, first = invite(draft, world.provider_a)
    lapse(first)
    remove_member(member, actor=world.provider_a)
    member, second = invite(draft, world.provider_a)
    assert second.pk != first.pk
    state = member_invitations(draft)[member.organisation_id]
    assert state.pending_until == second.expires_at and state.expired_at is None


def test_the_latest_expired_invitation_counts(world, draft):
    member, first = invite(draft, world.provider_a)
    lapse(first, ago=timedelta(days=3))
    _organisation, second = invite_organisation(
        name="", kvk_number="87654321", contact_email="ander@vgk.test", invited_by=world.provider_a
    )
    lapse(second)
    assert member_invitations(draft)[member.organisation_id].expired_at == second.expires_at


def test_a_revoked_invitation_or_none_at_all_is_not_invited(world, draft):
    member, invitation = invite(draft, world.provider_a)
    revoke(invitation)
    state = member_invitations(draft)[member.organisation_id]
    assert state.pending_until is None and state.expired_at is None
    never = OrganisationFactory(name="Zonder leden", kvk_number="71000099")
    member = add_member(draft, kvk_number=never.kvk_number, actor=world.provider_a)
    assert member_invitations(draft)[never.pk] == state


def test_an_organisation_on_the_portal_has_no_invitation_state(world, draft):
    member, invitation = invite(draft, world.provider_a)
    accept_invitation_with_new_account(invitation, full_name="Ilse Contact", password="Lang-2026-ww!")
    invite_colleague(world.organisation_c, actor=world.provider_c, email="collega@c.test", role="member")
    assert member_invitations(draft) == {}


def test_another_organisations_invitation_does_not_show_in_this_registration(world, draft):
    other = create_registration(
        world.integral, lead=world.organisation_b, form="combination", actor=world.provider_b
    )
    member, _invitation = invite(other, world.provider_b)
    assert member.organisation_id in member_invitations(other)
    assert member_invitations(draft) == {}


def test_the_states_of_all_members_take_one_query(world, draft, django_assert_num_queries):
    pending, _ = invite(draft, world.provider_a, kvk_number="87654321")
    expired, invitation = invite(draft, world.provider_a, kvk_number="87654322", email="b@vgk.test")
    lapse(invitation)
    revoked, invitation = invite(draft, world.provider_a, kvk_number="87654323", email="c@vgk.test")
    revoke(invitation)
    with django_assert_num_queries(1):
        states = member_invitations(draft)
    assert set(states) == {pending.organisation_id, expired.organisation_id, revoked.organisation_id}


# ---------------------------------------------------------------------------------------------- page


def test_the_lead_sees_each_state_on_the_editor(client, world, draft):
    pending, invitation = invite(draft, world.provider_a, kvk_number="87654321")
    expired, lapsed = invite(draft, world.provider_a, kvk_number="87654322", email="b@vgk.test")
    lapse(lapsed)
    revoked, withdrawn = invite(draft, world.provider_a, kvk_number="87654323", email="c@vgk.test")
    revoke(withdrawn)
    html = editor(client, world.provider_a, draft).content.decode()
    until = timezone.localtime(invitation.expires_at)
    assert f"{PENDING} {until.day} " in row_of(html, pending.organisation.name)
    assert f"{until:%H:%M}; nog niemand handelt" in row_of(html, pending.organisation.name)
    assert REINVITE not in row_of(html, pending.organisation.name)
    assert f"{WITHDRAW}info@vgk.test intrekken" in row_of(html, pending.organisation.name)
    lapsed_row = row_of(html, expired.organisation.name)
    assert f"{EXPIRED} {timezone.localtime(lapsed.expires_at).day} " in lapsed_row and REINVITE in lapsed_row
    revoked_row = row_of(html, revoked.organisation.name)
    assert NOBODY in revoked_row and REINVITE in revoked_row
    assert WITHDRAW not in lapsed_row and WITHDRAW not in revoked_row
    on_portal = row_of(html, "Aanbieder C")
    assert PENDING not in on_portal and EXPIRED not in on_portal and NOBODY not in on_portal
    assert REINVITE not in on_portal and WITHDRAW not in on_portal
    assert "Uitgenodigd" not in html


def test_a_member_sees_the_state_but_not_the_leads_forms(client, world, draft):
    expired, invitation = invite(draft, world.provider_a)
    pending, _invitation = invite(draft, world.provider_a, kvk_number="87654322", email="b@vgk.test")
    lapse(invitation)
    html = editor(client, world.provider_c, draft).content.decode()
    row = row_of(html, expired.organisation.name)
    assert EXPIRED in row and REINVITE not in row
    row = row_of(html, pending.organisation.name)
    assert PENDING in row and WITHDRAW not in row


def test_outside_the_registration_nobody_sees_it(client, world, draft):
    invite(draft, world.provider_a)
    assert editor(client, world.provider_b, draft).status_code == 404  # another organisation
    assert editor(client, world.provider_d, draft).status_code == 404
    assert editor(client, world.officer, draft).status_code == 403  # another role
    client.logout()
    response = client.get(reverse("procurement:registration", args=[draft.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_editor_asks_no_query_per_invited_member(client, world, draft):
    """Seen by a member, whose page has a care-types form only in its own row."""
    invite(draft, world.provider_a, kvk_number="87654321")
    client.force_login(world.provider_c)
    address = reverse("procurement:registration", args=[draft.pk])
    with CaptureQueriesContext(connection) as few:
        assert PENDING in client.get(address).content.decode()
    for number in range(2, 6):
        _member, invitation = invite(
            draft, world.provider_a, kvk_number=f"8765432{number}", email=f"{number}@vgk.test"
        )
        lapse(invitation)
    with CaptureQueriesContext(connection) as many:
        assert client.get(address).content.decode().count(EXPIRED) == 4
    assert len(many) == len(few)
