import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def login(client, email, password, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_by_email_sends_the_officer_to_the_officer_dashboard(client, personas):
    response = login(client, personas.officer.email, "dialoog-demo")
    assert response.status_code == 302
    assert response.url == reverse("dashboards:home")
    assert client.get(response.url).url == reverse("dashboards:officer")


def test_login_ignores_the_case_of_the_email_address(client, personas):
    response = login(client, personas.alderman.email.upper(), "dialoog-demo")
    assert response.status_code == 302


def test_wrong_password_gets_one_message_that_reveals_nothing(client, personas):
    wrong_password = login(client, personas.officer.email, "not-the-password")
    unknown_account = login(client, "nobody@nowhere.test", "not-the-password")
    message = "Deze combinatie van e-mailadres en wachtwoord klopt niet."
    assert message in wrong_password.content.decode()
    assert message in unknown_account.content.decode()
    assert wrong_password.status_code == unknown_account.status_code == 200


def test_five_failures_lock_the_account_from_that_address_with_a_clear_message(client, personas):
    for _ in range(4):
        assert login(client, personas.officer.email, "wrong").status_code == 200
    locked = login(client, personas.officer.email, "wrong")
    assert locked.status_code == 429
    assert "te vaak mislukt" in locked.content.decode()
    # even the right password is refused while the pause lasts
    assert login(client, personas.officer.email, "dialoog-demo").status_code == 429
    # another address is not locked out, so an attacker cannot lock an account for everyone
    assert login(client, personas.officer.email, "dialoog-demo", ip="10.2.2.2").status_code == 302


def test_lockout_looks_the_same_for_an_unknown_account(client, personas):
    for _ in range(4):
        login(client, "nobody@nowhere.test", "wrong")
    locked = login(client, "nobody@nowhere.test", "wrong")
    assert locked.status_code == 429
    assert "te vaak mislukt" in locked.content.decode()


def test_password_reset_token_works_once(client, personas):
    response = client.post(reverse("accounts:password_reset"), {"email": personas.provider_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    new = {"new_password1": "een-nieuw-wachtwoord-77", "new_password2": "een-nieuw-wachtwoord-77"}
    assert client.post(form_url, new).status_code == 302
    assert User.objects.get(pk=personas.provider_a.pk).check_password("een-nieuw-wachtwoord-77")
    reused = client.get(link, follow=True)
    assert "niet meer geldig" in reused.content.decode()


def test_password_reset_for_an_unknown_address_looks_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@nowhere.test"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_logout_needs_post_and_ends_the_session(client, personas):
    client.force_login(personas.officer)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboards:officer")).status_code == 302
