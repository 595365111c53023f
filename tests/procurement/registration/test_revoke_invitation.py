"""An open invitation for a member organisation that nobody acts for yet is withdrawn by whoever sent it,
or by anyone acting for the registration's lead organisation (when the lead's people sent it): nobody
else, not even another lead that invited the same organisation into its own registration. Once people act
for the organisation, its administrators manage its invitations."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.services.organisations import accept_invitation_with_new_account
from audit.models import AuditEntry
from procurement.services.registration import (
    add_member,
    create_registration,
    invite_member,
    member_invitations,
    revocable_invitations,
    revoke_member_invitation,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ROW = "Vrijgevestigden Kennemerland (KvK 87654321)"


@pytest.fixture
def draft(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    return registration


@pytest.fixture
def invited(world, draft):
    """The member the lead's provider A invited, and its open invitation."""
    return invite_member(
        draft,
        name="Vrijgevestigden Kennemerland",
        kvk_number="87654321",
        contact_email="info@vgk.test",
        actor=world.provider_a,
    )


@pytest.fixture
def colleague(world):
    """Someone else acting for the lead organisation (not an administrator)."""
    return MembershipFactory(organisation=world.organisation_a, user__email="collega@provider-a.test").user


def is_open(invitation) -> bool:
    invitation.refresh_from_db()
    return invitation.is_pending


def refused_with(message: str, registration, invitation, actor) -> None:
    with pytest.raises(ValidationError) as refused:
        revoke_member_invitation(registration, invitation, actor=actor)
    assert refused.value.messages == [message]
    assert AuditEntry.objects.filter(
        action="registration.revoke_invitation", result="refused", actor_id=actor.pk
    ).exists()


def test_the_sender_withdraws_the_invitation_and_the_member_stays(world, draft, invited):
    member, invitation = invited
    revoke_member_invitation(draft, invitation, actor=world.provider_a)
    assert not is_open(invitation) and invitation.revoked_at is not None
    state = member_invitations(draft)[member.organisation_id]
    assert state.pending_until is None and state.expired_at is None
    assert draft.members.filter(pk=member.pk).exists()
    entry = AuditEntry.objects.get(action="registration.revoke_invitation")
    assert entry.actor_id == world.provider_a.pk and entry.result == "success"
    assert entry.changes == {"member": ["87654321", "87654321"], "invited": ["info@vgk.test", None]}
    assert AuditEntry.objects.filter(
        action="accounts.invitation_revoke", object_id=str(invitation.pk), actor_id=world.provider_a.pk
    ).exists()


def test_a_colleague_at_the_lead_withdraws_it(world, draft, invited, colleague):
    _member, invitation = invited
    assert list(revocable_invitations(draft, colleague)) == [invitation]
    revoke_member_invitation(draft, invitation, actor=colleague)
    assert not is_open(invitation)


def test_a_member_that_is_not_the_lead_cannot_withdraw_it(world, draft, invited):
    _member, invitation = invited
    assert not revocable_invitations(draft, world.provider_c).exists()
    message = "Alleen wie deze uitnodiging heeft verstuurd, of de penvoerder, kan haar intrekken."
    for outsider in (world.provider_c, world.provider_b, world.officer):
        refused_with(message, draft, invitation, outsider)
    assert is_open(invitation)


def test_another_leads_invitation_of_the_same_organisation_is_not_the_leads_to_withdraw(world, draft):
    other = create_registration(
        world.specific, lead=world.organisation_b, form="combination", actor=world.provider_b
    )
    member, invitation = invite_member(
        other, name="Gedeeld", kvk_number="87654321", contact_email="info@vgk.test", actor=world.provider_b
    )
    add_member(draft, kvk_number="87654321", actor=world.provider_a)
    assert not revocable_invitations(draft, world.provider_a).exists()
    refused_with(
        "Alleen wie deze uitnodiging heeft verstuurd, of de penvoerder, kan haar intrekken.",
        draft,
        invitation,
        world.provider_a,
    )
    assert is_open(invitation)
    revoke_member_invitation(other, invitation, actor=world.provider_b)
    assert not is_open(invitation)


def test_an_invitation_sent_from_outside_the_lead_is_the_senders_alone(world, draft, invited, colleague):
    """The lead's people may withdraw what the lead's people sent; any sender what he sent."""
    _member, invitation = invited
    Invitation.objects.filter(pk=invitation.pk).update(invited_by=world.provider_c)
    assert not revocable_invitations(draft, colleague).exists()
    refused_with(
        "Alleen wie deze uitnodiging heeft verstuurd, of de penvoerder, kan haar intrekken.",
        draft,
        invitation,
        colleague,
    )
    revoke_member_invitation(draft, invitation, actor=world.provider_c)
    assert not is_open(invitation)


def test_an_invitation_no_longer_open_is_refused(world, draft, invited):
    _member, invitation = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    refused_with("Deze uitnodiging staat niet meer open.", draft, invitation, world.provider_a)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    refused_with("Deze uitnodiging staat niet meer open.", draft, invitation, world.provider_a)


def test_once_people_act_for_the_organisation_its_administrators_manage_its_invitations(
    world, draft, invited
):
    member, invitation = invited
    second = Invitation.objects.create(
        organisation=member.organisation,
        email="tweede@vgk.test",
        role="admin",
        token_hash="x" * 64,
        invited_by=world.provider_a,
    )
    accept_invitation_with_new_account(invitation, full_name="Ilse Contact", password="Lang-2026-ww!")
    assert not revocable_invitations(draft, world.provider_a).exists()
    refused_with(
        "Voor Vrijgevestigden Kennemerland handelen al mensen op het portaal: de beheerders daarvan gaan "
        "over de uitnodigingen.",
        draft,
        second,
        world.provider_a,
    )
    assert is_open(second)


# ---------------------------------------------------------------------------------------------- page


def url(registration, invitation) -> str:
    return reverse("procurement:registration_revoke_invitation", args=[registration.pk, invitation.pk])


def editor(client, registration) -> str:
    return client.get(reverse("procurement:registration", args=[registration.pk])).content.decode()


def row_of(html: str, anchor: str) -> str:
    return html.split(anchor, 1)[1].split("</tr>", 1)[0]


def test_the_sender_withdraws_from_the_member_row(client, world, draft, invited):
    _member, invitation = invited
    client.force_login(world.provider_a)
    row = row_of(editor(client, draft), ROW)
    assert "Uitnodiging aan info@vgk.test intrekken" in row and url(draft, invitation) in row
    response = client.post(url(draft, invitation))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "De uitnodiging aan info@vgk.test is ingetrokken." in html
    row = row_of(html, ROW)
    assert "Nog niemand handelt op het portaal voor deze organisatie." in row
    assert "intrekken" not in row and 'name="reinvite-' in row
    assert not is_open(invitation)


def test_a_member_sees_no_button_and_is_refused(client, world, draft, invited):
    _member, invitation = invited
    client.force_login(world.provider_c)
    row = row_of(editor(client, draft), ROW)
    assert "Uitnodiging staat open tot" in row and "intrekken" not in row
    response = client.post(url(draft, invitation), follow=True)
    assert "Alleen wie deze uitnodiging heeft verstuurd" in response.content.decode()
    assert is_open(invitation)


def test_the_wrong_side_is_refused(client, world, draft, invited):
    _member, invitation = invited
    response = client.post(url(draft, invitation))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(world.provider_b)  # another organisation
    assert client.post(url(draft, invitation)).status_code == 404
    client.force_login(world.officer)  # another role
    assert client.post(url(draft, invitation)).status_code == 403
    client.force_login(world.provider_a)
    assert client.get(url(draft, invitation)).status_code == 405
    other = create_registration(
        world.specific, lead=world.organisation_b, form="combination", actor=world.provider_b
    )
    _stranger, elsewhere = invite_member(
        other, name="Elders", kvk_number="87654399", contact_email="x@elders.test", actor=world.provider_b
    )
    assert client.post(url(draft, elsewhere)).status_code == 404  # not a member of this registration
    assert is_open(invitation) and is_open(elsewhere)
