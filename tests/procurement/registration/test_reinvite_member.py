"""The lead invites a member organisation that nobody acts for yet once more, in place: its invitation
expired or was withdrawn, or it was added without one. The member stays, with its care types. Refused,
with a Dutch message and nothing saved: an organisation with people on the portal, an open invitation,
anyone but the lead, a closed window or a registration that is no longer a draft, a bad address."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from audit.models import AuditEntry
from procurement.models import CareType, Phase
from procurement.services.registration import (
    add_member,
    create_registration,
    invite_member,
    member_invitations,
    reinvite_member,
    set_care_types,
    withdraw_registration,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "Nieuw@VGK.test"
ROW = "Vrijgevestigden Kennemerland (KvK 87654321)"


@pytest.fixture
def draft(world):
    return create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )


@pytest.fixture
def lapsed(world, draft):
    """A member invited by the lead, with its care types stated, whose invitation expired."""
    member, invitation = invite_member(
        draft,
        name="Vrijgevestigden Kennemerland",
        kvk_number="87654321",
        contact_email="oud@vgk.test",
        actor=world.provider_a,
    )
    set_care_types(member, care_types=CareType.objects.filter(code="verblijf"), actor=world.provider_a)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    mail.outbox.clear()
    return member


def refused_with(message: str, member, actor, email: str = NEW_ADDRESS) -> None:
    entries = AuditEntry.objects.filter(action="registration.reinvite_member")
    before = Invitation.objects.count(), entries.filter(result="success").count()
    with pytest.raises(ValidationError) as refused:
        reinvite_member(member, contact_email=email, actor=actor)
    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert (Invitation.objects.count(), entries.filter(result="success").count()) == before
    assert not mail.outbox
    assert entries.filter(result="refused", actor_id=actor.pk).exists()


def test_an_expired_invitation_is_renewed_in_place_keeping_the_care_types(
    world, draft, lapsed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = reinvite_member(lapsed, contact_email=NEW_ADDRESS, actor=world.provider_a)
    assert invitation.organisation == lapsed.organisation and invitation.email == "nieuw@vgk.test"
    assert invitation.is_pending and invitation.role == "admin" and invitation.invited_by == world.provider_a
    assert draft.members.count() == 2
    assert list(draft.members.get(pk=lapsed.pk).care_types.values_list("code", flat=True)) == ["verblijf"]
    assert member_invitations(draft)[lapsed.organisation_id].pending_until == invitation.expires_at
    [message] = mail.outbox
    assert message.to == ["nieuw@vgk.test"]
    assert "/account/uitnodiging/" in message.body and f"/aanmeldingen/{draft.pk}/" in message.body
    entry = AuditEntry.objects.get(action="registration.reinvite_member")
    assert entry.actor_id == world.provider_a.pk and entry.result == "success"
    assert entry.changes == {"member": ["87654321", "87654321"], "invited": [None, "nieuw@vgk.test"]}
    assert AuditEntry.objects.filter(action="accounts.invitation_send").count() == 2


def test_a_member_never_invited_or_whose_invitation_was_withdrawn_is_invited(world, draft, lapsed):
    never = OrganisationFactory(name="Zonder leden", kvk_number="71000099")
    member = add_member(draft, kvk_number=never.kvk_number, actor=world.provider_a)
    first = reinvite_member(member, contact_email="info@zonder.test", actor=world.provider_a)
    Invitation.objects.filter(pk=first.pk).update(revoked_at=timezone.now())
    second = reinvite_member(member, contact_email="info@zonder.test", actor=world.provider_a)
    assert second.pk != first.pk and second.is_pending


def test_an_organisation_with_people_on_the_portal_is_refused(world, draft):
    member = add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    refused_with("Voor Aanbieder C handelen al mensen op het portaal", member, world.provider_a)
    lead = draft.members.get(role="lead")
    refused_with("Voor Aanbieder A handelen al mensen op het portaal", lead, world.provider_a)


def test_an_open_invitation_is_refused(world, draft, lapsed):
    open_one = reinvite_member(lapsed, contact_email=NEW_ADDRESS, actor=world.provider_a)
    mail.outbox.clear()
    until = timezone.localtime(open_one.expires_at)
    refused_with(
        f"Er staat al een uitnodiging open voor Vrijgevestigden Kennemerland, geldig tot {until.day} ",
        lapsed,
        world.provider_a,
        email="ander@vgk.test",
    )


@pytest.mark.parametrize("email", ["geen-adres", "info@vgk", ""])
def test_a_bad_address_is_refused(world, lapsed, email):
    refused_with("Voer een geldig e-mailadres in.", lapsed, world.provider_a, email=email)


def test_only_the_lead_reinvites(world, draft, lapsed):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    for outsider in (world.provider_c, world.provider_b, world.officer):
        refused_with("Alleen de penvoerder kan deze aanmelding wijzigen.", lapsed, outsider)


def test_after_the_deadline_it_is_refused(world, lapsed):
    deadline = Phase.objects.get(procurement=world.procurement, key="registration").deadline
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        refused_with("is verstreken", lapsed, world.provider_a)


def test_a_registration_that_is_no_longer_a_draft_is_refused(world, draft, lapsed):
    withdraw_registration(draft, actor=world.provider_a)
    refused_with("kan niet meer worden gewijzigd", lapsed, world.provider_a)


def test_a_member_removed_meanwhile_is_refused(world, draft, lapsed):
    draft.members.filter(pk=lapsed.pk).delete()
    refused_with("Deze organisatie is geen lid meer van deze aanmelding.", lapsed, world.provider_a)


# ---------------------------------------------------------------------------------------------- page


def url(member) -> str:
    return reverse("procurement:registration_reinvite_member", args=[member.registration_id, member.pk])


def field(member) -> str:
    return f"reinvite-{member.pk}-contact_email"


def post(client, member, email=NEW_ADDRESS):
    return client.post(url(member), {field(member): email})


def editor(client, registration) -> str:
    return client.get(reverse("procurement:registration", args=[registration.pk])).content.decode()


def row_of(html: str, name: str) -> str:
    return html.split(name, 1)[1].split("</tr>", 1)[0]


def test_the_lead_reinvites_from_the_member_row(client, world, draft, lapsed):
    client.force_login(world.provider_a)
    row = row_of(editor(client, draft), ROW)
    assert f'name="{field(lapsed)}"' in row and "Vrijgevestigden Kennemerland opnieuw uitnodigen" in row
    assert "E-mailadres van de contactpersoon van Vrijgevestigden Kennemerland" in row
    response = post(client, lapsed)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    sent = "Er is een nieuwe uitnodiging voor Vrijgevestigden Kennemerland verstuurd naar nieuw@vgk.test."
    assert sent in html
    row = row_of(html, ROW)
    assert "Uitnodiging staat open tot" in row and f'name="{field(lapsed)}"' not in row


def test_the_form_is_offered_only_where_it_can_be_used(client, world, draft, lapsed):
    member_c = add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    client.force_login(world.provider_a)
    html = editor(client, draft)
    assert f'name="{field(member_c)}"' not in html  # people act for C on the portal
    client.force_login(world.provider_c)  # a member, not the lead
    assert f'name="{field(lapsed)}"' not in editor(client, draft)
    client.force_login(world.provider_a)
    deadline = Phase.objects.get(procurement=world.procurement, key="registration").deadline
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        assert f'name="{field(lapsed)}"' not in editor(client, draft)


def test_a_bad_address_on_the_page_keeps_what_was_entered(client, world, draft, lapsed):
    client.force_login(world.provider_a)
    response = post(client, lapsed, email="info@vgk")
    assert response.status_code == 400
    row = row_of(response.content.decode(), ROW)
    assert "Voer een geldig e-mailadres in." in row and 'value="info@vgk"' in row
    assert not Invitation.objects.filter(email="info@vgk").exists()


def test_a_refusal_on_the_page_shows_in_the_row(client, world, draft, lapsed):
    reinvite_member(lapsed, contact_email=NEW_ADDRESS, actor=world.provider_a)
    client.force_login(world.provider_a)
    response = post(client, lapsed, email="ander@vgk.test")
    assert response.status_code == 400
    row = row_of(response.content.decode(), ROW)
    assert "Er staat al een uitnodiging open voor Vrijgevestigden Kennemerland" in row
    assert 'value="ander@vgk.test"' in row
    assert not Invitation.objects.filter(email="ander@vgk.test").exists()


def test_the_wrong_side_is_refused(client, world, draft, lapsed):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    response = post(client, lapsed)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(world.provider_b)  # another organisation
    assert post(client, lapsed).status_code == 404
    client.force_login(world.officer)  # another role
    assert post(client, lapsed).status_code == 403
    client.force_login(world.provider_c)  # a member that is not the lead
    assert post(client, lapsed).status_code == 404
    client.force_login(world.provider_a)
    assert client.get(url(lapsed)).status_code == 405
    other = create_registration(
        world.specific, lead=world.organisation_b, form="combination", actor=world.provider_b
    )
    stranger = add_member(other, kvk_number="87654321", actor=world.provider_b)
    assert (
        client.post(
            reverse("procurement:registration_reinvite_member", args=[draft.pk, stranger.pk]),
            {field(stranger): NEW_ADDRESS},
        ).status_code
        == 404
    )  # a member of another registration
    assert not Invitation.objects.filter(email="nieuw@vgk.test").exists()
