import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, Notification, User
from accounts.roles import Role
from accounts.services.organisations import hash_token
from audit.models import AuditEntry
from tests.accounts.factories_organisation import admin_of, make_invitation
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Collega-wachtwoord-2026"


def invite_url(organisation):
    return reverse("accounts:organisation_invite", args=[organisation.pk])


def accept_url(token="geheim-token"):
    return reverse("accounts:invitation_accept", args=[token])


def link_in(message) -> str:
    return re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def admin(personas):
    return admin_of(personas.organisation_a, user__email="beheer@provider-a.test")


def test_admin_invites_a_new_address_by_e_mail_with_a_one_time_link(client, personas, admin, on_commit):
    client.force_login(admin)
    with on_commit(execute=True):
        response = client.post(
            invite_url(personas.organisation_a),
            {"email": "Nieuw@Collega.test", "role": "member", "is_signatory": "on"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@collega.test" and invitation.is_signatory
    assert invitation.invited_by == admin and invitation.is_pending
    assert (invitation.expires_at - timezone.now()).days == 6  # 7 days minus a moment
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@collega.test"]
    assert message.subject == "Uitnodiging om namens Aanbieder A op te treden in Dialoog"
    assert "nodigt u uit om namens Aanbieder A op te treden in Dialoog, als lid." in message.body
    assert "De uitnodiging is geldig tot" in message.body
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash
    assert AuditEntry.objects.filter(action="accounts.invitation_send", actor_id=admin.pk).exists()


def test_an_existing_user_is_notified_without_the_token_in_the_database(client, personas, admin, on_commit):
    colleague = UserFactory(email="collega@bestaand.test")
    client.force_login(admin)
    with on_commit(execute=True):
        client.post(invite_url(personas.organisation_a), {"email": colleague.email, "role": "admin"})
    notification = Notification.objects.get(user=colleague)
    assert notification.url == reverse("accounts:my_invitations")
    assert "Log in en accepteer de uitnodiging onder 'Mijn uitnodigingen'." in notification.body
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    assert mail.outbox[0].body.endswith("/account/uitnodigingen/")
    client.force_login(colleague)
    page = client.get(reverse("accounts:my_invitations")).content.decode()
    assert "Aanbieder A nodigt u uit als beheerder van de organisatie." in page


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "geen-adres", "role": "member"}, "Voer een geldig e-mailadres in."),
        (
            {"email": "a@provider-a.test", "role": "member"},
            "Deze persoon treedt al op namens de organisatie.",
        ),
        ({"email": "x@y.test", "role": "koning"}, None),
    ],
)
def test_bad_invitations_are_refused_in_dutch(client, personas, admin, data, message):
    client.force_login(admin)
    response = client.post(invite_url(personas.organisation_a), data)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_second_pending_invitation_for_the_same_address_is_refused(client, personas, admin):
    make_invitation(personas.organisation_a)
    client.force_login(admin)
    response = client.post(
        invite_url(personas.organisation_a), {"email": "nieuw@collega.test", "role": "member"}
    )
    assert "Er staat al een uitnodiging open voor dit e-mailadres." in response.content.decode()
    assert Invitation.objects.count() == 1


def test_new_person_creates_an_account_on_the_accept_page_and_joins(client, personas):
    invitation = make_invitation(personas.organisation_a, role="admin", is_signatory=True)
    page = client.get(accept_url())
    assert "Uw e-mailadres is nieuw@collega.test." in page.content.decode()
    response = client.post(
        accept_url(),
        {
            "full_name": "Nieuwe Collega",
            "email": "ander@adres.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302 and response.url == reverse("dashboards:provider")
    user = User.objects.get(email="nieuw@collega.test")
    assert not User.objects.filter(email="ander@adres.test").exists()
    assert user.has_role(Role.PROVIDER_MEMBER)
    membership = Membership.objects.get(user=user)
    assert (membership.organisation, membership.role, membership.is_signatory) == (
        personas.organisation_a,
        "admin",
        True,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.accepted_by == user
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_accept_sign_up_form_checks_the_password(client, personas):
    make_invitation(personas.organisation_a)
    response = client.post(
        accept_url(), {"full_name": "X", "password1": PASSWORD, "password2": "anders-2026!"}
    )
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
    response = client.post(
        accept_url(), {"full_name": "X", "password1": "nieuw@collega", "password2": "nieuw@collega"}
    )
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="nieuw@collega.test").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_logged_in_user_with_the_invited_address_accepts(client, personas):
    colleague = UserFactory(email="nieuw@collega.test")
    make_invitation(personas.organisation_a)
    client.force_login(colleague)
    assert "Uitnodiging accepteren" in client.get(accept_url()).content.decode()
    response = client.post(accept_url())
    assert response.url == reverse("dashboards:provider")
    assert Membership.objects.filter(user=colleague, organisation=personas.organisation_a).exists()


def test_an_existing_user_who_is_not_logged_in_is_asked_to_log_in(client, personas):
    UserFactory(email="nieuw@collega.test")
    make_invitation(personas.organisation_a)
    response = client.post(
        accept_url(), {"full_name": "Indringer", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "Er bestaat al een account voor nieuw@collega.test." in response.content.decode()
    assert not Membership.objects.filter(user__email="nieuw@collega.test").exists()


def test_accepting_with_another_e_mail_address_is_refused(client, personas):
    make_invitation(personas.organisation_a)
    client.force_login(personas.provider_b)
    for response in (client.get(accept_url()), client.post(accept_url())):
        assert response.status_code == 410
        assert "Deze uitnodiging is voor een ander e-mailadres." in response.content.decode()
    assert not personas.organisation_a.memberships.filter(user=personas.provider_b).exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"expired": True}, "Deze uitnodiging is verlopen. Vraag de organisatie om een nieuwe uitnodiging."),
        ({"revoked_at": timezone.now()}, "Deze uitnodiging is ingetrokken."),
        ({"accepted_at": timezone.now()}, "Deze uitnodiging is al gebruikt."),
    ],
)
def test_expired_revoked_and_used_links_change_nothing(client, personas, fields, message):
    make_invitation(personas.organisation_a, **fields)
    data = {"full_name": "Laat", "password1": PASSWORD, "password2": PASSWORD}
    for response in (client.get(accept_url()), client.post(accept_url(), data)):
        assert response.status_code == 410
        assert message in response.content.decode()
    assert not User.objects.filter(email="nieuw@collega.test").exists()


def test_an_unknown_link_gets_a_clear_message(client, db):
    response = client.get(accept_url("verzonnen"))
    assert response.status_code == 404
    assert "Deze uitnodigingslink is niet geldig." in response.content.decode()


def test_a_link_works_once(client, personas):
    colleague = UserFactory(email="nieuw@collega.test")
    make_invitation(personas.organisation_a)
    client.force_login(colleague)
    client.post(accept_url())
    Membership.objects.filter(user=colleague).delete()
    response = client.post(accept_url())
    assert "Deze uitnodiging is al gebruikt." in response.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()


def test_a_link_expires_after_seven_days(client, personas, admin, on_commit):
    client.force_login(admin)
    with on_commit(execute=True):
        client.post(invite_url(personas.organisation_a), {"email": "later@collega.test", "role": "member"})
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    client.logout()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=7, minutes=1)):
        response = client.get(accept_url(token))
    assert "Deze uitnodiging is verlopen." in response.content.decode()


def test_accepting_from_the_dashboard_is_only_for_the_invited_address(client, personas):
    invitation = make_invitation(personas.organisation_a, email=personas.provider_b.email)
    other = make_invitation(personas.organisation_a, email="iemand@anders.test", token="ander")
    client.force_login(personas.provider_b)
    assert client.post(reverse("accounts:invitation_accept_mine", args=[other.pk])).status_code == 404
    response = client.post(reverse("accounts:invitation_accept_mine", args=[invitation.pk]))
    assert response.url == reverse("dashboards:provider")
    assert personas.organisation_a.memberships.filter(user=personas.provider_b).exists()


def test_non_admin_member_cannot_invite(client, personas):
    member = MembershipFactory(organisation=personas.organisation_a).user
    client.force_login(member)
    assert client.get(invite_url(personas.organisation_a)).status_code == 404
    assert (
        client.post(invite_url(personas.organisation_a), {"email": "x@y.test", "role": "admin"}).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_provider_b_cannot_invite_for_a(client, personas):
    admin_b = admin_of(personas.organisation_b)
    client.force_login(admin_b)
    assert (
        client.post(invite_url(personas.organisation_a), {"email": "x@y.test", "role": "admin"}).status_code
        == 404
    )
    assert not Invitation.objects.exists()


def test_anonymous_is_sent_to_the_login_page(client, personas):
    response = client.get(invite_url(personas.organisation_a))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_a_stale_copy_of_an_accepted_invitation_cannot_be_used_again(personas):
    """Two tabs accept at once: the compare-and-swap lets only the first one in."""
    from accounts.services.organisations import accept_invitation
    from audit.services import Refused

    first = UserFactory(email="nieuw@collega.test")
    invitation = make_invitation(personas.organisation_a)
    stale = Invitation.objects.get(pk=invitation.pk)
    accept_invitation(invitation, user=first)
    Membership.objects.filter(user=first).delete()
    with pytest.raises(Refused) as error:  # the invitation's refusal, as the recorder raises it
        accept_invitation(stale, user=first)
    assert error.value.code == "used"
    assert not Membership.objects.filter(user=first).exists()
