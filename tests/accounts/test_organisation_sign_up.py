import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Membership, Organisation, User
from accounts.roles import Role
from accounts.services.organisations import sign_up_provider
from audit.models import AuditEntry
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:sign_up")


def sign_up_data(**changes):
    data = {
        "full_name": "Fatima el Amrani",
        "email": "fatima@zonnehof.test",
        "password1": "Zonnehof-wachtwoord-2026",
        "password2": "Zonnehof-wachtwoord-2026",
        "organisation_name": "Zonnehof Jeugdzorg",
        "kvk_number": "81234567",
        "agb_code": "12345678",
        "street_address": "Grote Markt 1",
        "postal_code": "2011rd",
        "city": "Haarlem",
    }
    return {**data, **changes}


def assert_nothing_saved():
    assert not User.objects.filter(email="fatima@zonnehof.test").exists()
    assert not Organisation.objects.filter(name="Zonnehof Jeugdzorg").exists()
    assert not Membership.objects.exists()


def test_provider_signs_up_with_its_organisation_and_is_logged_in(client):
    response = client.post(URL, sign_up_data())
    assert response.status_code == 302 and response.url == reverse("dashboards:provider")
    user = User.objects.get(email="fatima@zonnehof.test")
    organisation = Organisation.objects.get(kvk_number="81234567")
    assert organisation.postal_code == "2011 RD"
    assert user.has_role(Role.PROVIDER_MEMBER)
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.role == Membership.Role.ADMIN and membership.is_signatory
    assert int(client.session["_auth_user_id"]) == user.pk
    actions = set(AuditEntry.objects.filter(actor_id=user.pk).values_list("action", flat=True))
    assert {
        "accounts.provider_sign_up",
        "accounts.organisation_create",
        "accounts.membership_create",
    } <= actions
    page = client.get(response.url).content.decode()
    assert "Welkom! Uw account en Zonnehof Jeugdzorg zijn aangemeld." in page


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"kvk_number": "8123456"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"kvk_number": "8123456a"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
        ({"agb_code": "123"}, "agb_code", None),
        ({"postal_code": "0123 AB"}, "postal_code", None),
        ({"email": "geen-adres"}, "email", None),
        ({"password2": "iets-anders-2026"}, "password2", "De twee wachtwoorden zijn niet gelijk."),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", None),
        ({"password1": "kort", "password2": "kort"}, "password1", None),
        ({"full_name": ""}, "full_name", "Dit veld is verplicht."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(client, changes, field, message):
    response = client.post(URL, sign_up_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors
    if message:
        assert message in errors
    assert_nothing_saved()


def test_weak_password_messages_are_dutch(client):
    response = client.post(URL, sign_up_data(password1="12345678901", password2="12345678901"))
    assert "Dit wachtwoord bevat alleen cijfers." in response.context["form"].errors["password1"]


def test_duplicate_kvk_number_is_refused_without_naming_the_organisation(client):
    OrganisationFactory(name="Geheime Stichting", kvk_number="81234567")
    response = client.post(URL, sign_up_data())
    content = response.content.decode()
    assert "Er is al een organisatie met dit KvK-nummer op het portaal aangemeld." in content
    assert "Geheime Stichting" not in content
    assert not User.objects.filter(email="fatima@zonnehof.test").exists()
    assert Organisation.objects.count() == 1


def test_duplicate_kvk_at_the_last_moment_rolls_back_the_account(client):
    """Two sign-ups racing for one KvK number: the loser leaves no user behind."""
    OrganisationFactory(kvk_number="81234567")
    data = sign_up_data()
    with pytest.raises(ValidationError) as error:
        sign_up_provider(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            organisation={"name": "Zonnehof", "kvk_number": "81234567"},
        )
    assert error.value.message_dict == {
        "kvk_number": [
            "Er is al een organisatie met dit KvK-nummer op het portaal aangemeld. "
            "Vraag de beheerder van die organisatie om u uit te nodigen."
        ]
    }
    assert not User.objects.filter(email=data["email"]).exists()


def test_existing_email_is_refused(client, personas):
    response = client.post(URL, sign_up_data(email=personas.provider_a.email))
    assert (
        "Er bestaat al een account met dit e-mailadres. Log in." in response.context["form"].errors["email"]
    )
    assert not Organisation.objects.filter(kvk_number="81234567").exists()


def test_sign_up_is_linked_from_the_public_and_login_pages(client):
    for page in (reverse("dashboards:public"), reverse("accounts:login")):
        assert URL in client.get(page).content.decode()


def test_a_logged_in_person_is_sent_to_the_start_page(client, personas):
    client.force_login(personas.provider_a)
    response = client.get(URL)
    assert response.status_code == 302 and response.url == reverse("dashboards:provider")


def test_an_e_mail_address_taken_at_the_last_moment_saves_no_organisation(personas):
    with pytest.raises(ValidationError) as error:
        sign_up_provider(
            email=personas.provider_a.email,
            full_name="Dubbel",
            password="Lang-wachtwoord-2026",
            organisation={"name": "Zonnehof", "kvk_number": "81234567"},
        )
    assert list(error.value.message_dict) == ["email"]
    assert not Organisation.objects.filter(kvk_number="81234567").exists()
