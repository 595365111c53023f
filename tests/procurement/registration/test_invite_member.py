"""The lead invites a member organisation that is not on the portal yet: the organisation is registered by
its KvK number, becomes a member of the registration, and its contact person receives an invitation that
links to the registration; once accepted, the member fills in its own self-declaration. Bad input, a late
invitation and the wrong side are refused with a Dutch message and save nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Invitation, Notification, Organisation
from accounts.services.organisations import accept_invitation_with_new_account
from audit.models import AuditEntry
from procurement.access import registrations_of
from procurement.models import Phase, RegistrationMember
from procurement.services.registration import (
    add_member,
    create_registration,
    invite_member,
    progress,
)
from tests.procurement.factories_registration import complete_member

NEW = {"name": "Vrijgevestigden Kennemerland", "kvk_number": "87654321", "contact_email": "Info@VGK.test"}


@pytest.fixture
def draft(world):
    return create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )


def invite(registration, actor, **changes):
    return invite_member(registration, actor=actor, **(NEW | changes))


def assert_nothing_saved(registration) -> None:
    assert registration.members.count() == 1
    assert not Organisation.objects.filter(kvk_number=NEW["kvk_number"]).exists()
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_an_organisation_not_on_the_portal_is_invited_and_becomes_a_member(
    world, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member, invitation = invite(draft, world.provider_a)
    assert member.registration == draft and member.role == RegistrationMember.Role.PARTNER
    assert member.organisation.name == NEW["name"] and member.organisation.kvk_number == NEW["kvk_number"]
    assert invitation.organisation == member.organisation and invitation.email == "info@vgk.test"
    assert invitation.is_pending
    [message] = mail.outbox
    assert message.to == ["info@vgk.test"]
    assert "/account/uitnodiging/" in message.body
    assert f"/aanbestedingen/aanmeldingen/{draft.pk}/" in message.body
    assert "Aanbieder A noemt uw organisatie als combinant" in message.body
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "registration.invite_member",
        "accounts.organisation_create",
        "accounts.invitation_send",
    } <= actions
    entry = AuditEntry.objects.get(action="registration.invite_member")
    assert entry.actor_id == world.provider_a.pk and entry.changes["member"] == [None, NEW["kvk_number"]]


def test_the_invited_contact_accepts_sees_the_registration_and_completes_its_part(world, draft):
    member, invitation = invite(draft, world.provider_a)
    contact = accept_invitation_with_new_account(
        invitation, full_name="Ilse Contact", password="Lang-2026-ww!"
    )
    assert draft in registrations_of(contact)
    assert not progress(draft).members[1].complete
    complete_member(member, contact, ["verblijf"])
    assert progress(draft).members[1].complete


def test_an_organisation_already_on_the_portal_is_added_and_its_administrators_notified(world, draft):
    member, invitation = invite(draft, world.provider_a, kvk_number=world.organisation_d.kvk_number)
    assert invitation is None and member.organisation == world.organisation_d
    assert Organisation.objects.get(pk=world.organisation_d.pk).name == "Aanbieder D"
    assert Notification.objects.filter(user=world.provider_d).exists()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kvk_number": "1234567"}, "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"kvk_number": "1234567a"}, "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"contact_email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"name": ""}, "Dit veld kan niet leeg zijn"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_saves_nothing(world, draft, changes, message):
    with pytest.raises(ValidationError) as refused:
        invite(draft, world.provider_a, **changes)
    assert message in refused.value.messages
    assert_nothing_saved(draft)
    assert AuditEntry.objects.filter(action="registration.invite_member", result="refused").exists()


def test_an_organisation_already_in_the_registration_is_refused(
    world, draft, django_capture_on_commit_callbacks
):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as refused:
        invite(draft, world.provider_a, kvk_number=world.organisation_c.kvk_number)
    assert refused.value.messages == ["Aanbieder C is al lid van deze aanmelding."]
    assert draft.members.count() == 2
    assert not Notification.objects.filter(user=world.provider_c).exists()
    invite(draft, world.provider_a)
    with pytest.raises(ValidationError) as again:
        invite(draft, world.provider_a, contact_email="ander@vgk.test")
    assert "Vrijgevestigden Kennemerland is al lid van deze aanmelding." in again.value.messages
    assert Invitation.objects.count() == 1 and draft.members.count() == 3


def test_an_invitation_after_the_deadline_is_refused_and_saves_nothing(world, draft):
    deadline = Phase.objects.get(procurement=world.procurement, key="registration").deadline
    with (
        time_machine.travel(deadline + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as late,
    ):
        invite(draft, world.provider_a)
    assert "is verstreken" in late.value.messages[0]
    assert_nothing_saved(draft)


def test_a_single_provider_cannot_invite_members(world):
    single = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    with pytest.raises(ValidationError) as refused:
        invite(single, world.provider_a)
    assert "Een zelfstandige aanbieder heeft geen leden" in refused.value.messages[0]
    assert_nothing_saved(single)


def test_only_the_lead_invites(world, draft):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    for outsider in (world.provider_c, world.provider_b):
        with pytest.raises(ValidationError) as refused:
            invite(draft, outsider)
        assert refused.value.messages == ["Alleen de penvoerder kan deze aanmelding wijzigen."]
    assert draft.members.count() == 2
    assert not Organisation.objects.filter(kvk_number=NEW["kvk_number"]).exists()


# ---------------------------------------------------------------------------------------------- page


def url(registration) -> str:
    return reverse("procurement:registration_invite_member", args=[registration.pk])


def post(client, registration, **changes):
    data = {f"invite-{key}": value for key, value in (NEW | changes).items()}
    return client.post(url(registration), data)


def test_the_lead_invites_from_the_editor(client, world, draft, django_capture_on_commit_callbacks):
    client.force_login(world.provider_a)
    editor = client.get(reverse("procurement:registration", args=[draft.pk])).content.decode()
    assert "Organisatie uitnodigen" in editor and 'name="invite-contact_email"' in editor
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, draft)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Vrijgevestigden Kennemerland is toegevoegd en info@vgk.test is uitgenodigd." in page
    assert "Uitnodiging staat open tot " in page
    assert [m.to for m in mail.outbox] == [["info@vgk.test"]]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kvk_number": "1234567"}, "precies 8 cijfers"),
        ({"contact_email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"name": ""}, "Dit veld is verplicht."),
    ],
)
def test_bad_input_on_the_page_keeps_what_was_entered(client, world, draft, changes, message):
    client.force_login(world.provider_a)
    response = post(client, draft, **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    for key, value in (NEW | changes).items():
        if value:
            assert f'name="invite-{key}"' in html and f'value="{value}"' in html
    assert_nothing_saved(draft)


def test_a_duplicate_member_on_the_page_gets_a_message(client, world, draft):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    client.force_login(world.provider_a)
    response = post(client, draft, kvk_number=world.organisation_c.kvk_number)
    assert response.status_code == 400
    assert "Aanbieder C is al lid van deze aanmelding." in response.content.decode()
    assert draft.members.count() == 2


def test_the_wrong_side_is_refused(client, world, draft):
    add_member(draft, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    response = post(client, draft)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(world.provider_b)  # another organisation
    assert post(client, draft).status_code == 404
    client.force_login(world.officer)  # another role
    assert post(client, draft).status_code == 403
    client.force_login(world.provider_c)  # a member that is not the lead
    assert post(client, draft).status_code == 404
    assert client.get(url(draft)).status_code == 405
    assert draft.members.count() == 2
    assert not Organisation.objects.filter(kvk_number=NEW["kvk_number"]).exists()
    assert not Invitation.objects.exists()
