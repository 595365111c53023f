import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import Invitation, Membership, Notification, Organisation
from accounts.services.organisations import invite_organisation
from audit.models import AuditEntry
from tests.accounts.factories_organisation import admin_of

pytestmark = pytest.mark.django_db


def invite(personas, **changes):
    fields = {
        "name": "Vrijgevestigden Kennemerland",
        "kvk_number": "87654321",
        "contact_email": "Contact@Vrijgevestigden.test",
        "invited_by": personas.provider_a,
        "context": "Aanbieder A noemt u als partner in een combinatie.",
    }
    return invite_organisation(**{**fields, **changes})


def test_an_organisation_not_yet_on_the_portal_is_created_and_its_contact_invited_as_admin(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation, invitation = invite(personas)
    assert organisation.kvk_number == "87654321" and organisation.name == "Vrijgevestigden Kennemerland"
    assert invitation.organisation == organisation and invitation.role == Membership.Role.ADMIN
    assert invitation.email == "contact@vrijgevestigden.test" and invitation.invited_by == personas.provider_a
    assert invitation.is_pending
    assert [m.to for m in mail.outbox] == [["contact@vrijgevestigden.test"]]
    assert "Aanbieder A noemt u als partner in een combinatie." in mail.outbox[0].body
    assert "/account/uitnodiging/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(
        action="accounts.organisation_create", object_id=str(organisation.pk)
    ).exists()


def test_inviting_again_reuses_the_pending_invitation(personas):
    first = invite(personas)
    second = invite(personas, name="Andere naam")
    assert first == second
    assert Organisation.objects.filter(kvk_number="87654321").count() == 1
    assert Invitation.objects.count() == 1


def test_an_organisation_already_on_the_portal_gets_no_admin_invitation_from_outsiders(personas):
    admin_b = admin_of(personas.organisation_b)
    organisation, invitation = invite(personas, kvk_number=personas.organisation_b.kvk_number)
    assert organisation == personas.organisation_b and invitation is None
    assert not Invitation.objects.exists()
    assert organisation.name == "Aanbieder B"
    assert Notification.objects.filter(user=admin_b).exists()
    assert not Notification.objects.filter(user=personas.provider_b).exists()  # a plain member


@pytest.mark.parametrize("kvk", ["1234567", "1234567a", ""])
def test_a_bad_kvk_number_saves_nothing(personas, kvk):
    with pytest.raises(ValidationError) as error:
        invite(personas, kvk_number=kvk)
    assert "Een KvK-nummer bestaat uit precies 8 cijfers." in error.value.messages
    assert not Organisation.objects.filter(name="Vrijgevestigden Kennemerland").exists()
    assert not Invitation.objects.exists()


def test_a_bad_name_saves_nothing(personas):
    with pytest.raises(ValidationError):
        invite(personas, name="")
    assert not Organisation.objects.filter(kvk_number="87654321").exists()


def test_the_invited_contact_accepts_and_becomes_admin(client, personas):
    from accounts.services.organisations import accept_invitation_with_new_account

    _, invitation = invite(personas)
    user = accept_invitation_with_new_account(
        invitation, full_name="Contact", password="Lang-wachtwoord-2026"
    )
    membership = Membership.objects.get(user=user)
    assert membership.role == Membership.Role.ADMIN and membership.organisation.kvk_number == "87654321"


@pytest.mark.parametrize("email", ["geen-adres", ""])
def test_a_bad_contact_address_saves_nothing(personas, email):
    with pytest.raises(ValidationError):
        invite(personas, contact_email=email)
    assert not Organisation.objects.filter(kvk_number="87654321").exists()


def test_a_second_inviter_cannot_claim_an_organisation_someone_else_invited(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organisation, first = invite(personas)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again, invitation = invite(
            personas, invited_by=personas.provider_b, contact_email="b@provider-b.test"
        )
    assert again == organisation and invitation == first
    assert list(organisation.invitations.values_list("email", flat=True)) == ["contact@vrijgevestigden.test"]
    assert mail.outbox == []
