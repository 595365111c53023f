"""The second factor: officers, assessors and administrators confirm a TOTP code (or a single-use recovery
code) after their password before any page but verify, setup and logout."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.services.two_factor import replace_recovery_codes
from audit.models import AuditEntry
from demo.two_factor import current_code, give_demo_device

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.OTP_REQUIRED_FOR_STAFF_ROLES = True


@pytest.fixture
def device(personas):
    return give_demo_device(personas.officer)


def password_login(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "dialoog-demo"})
    assert response.status_code == 302
    return response


def code(device) -> str:
    return current_code(TOTPDevice.objects.get(pk=device.pk))[0]


def test_after_the_password_every_page_asks_for_the_code(client, personas, device):
    password_login(client, personas.officer)
    response = client.get(reverse("dashboards:officer"))
    assert response.status_code == 302
    assert response.url == f"{VERIFY}?next=%2Finkoper%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Bevestig dat u het bent" in page.content.decode()
    assert client.get("/beheer/").status_code == 302


def test_the_right_code_opens_the_portal_in_a_new_session(client, personas, device):
    password_login(client, personas.officer)
    before = client.session.session_key
    response = client.post(VERIFY, {"code": code(device), "next": "/inkoper/"})
    assert response.status_code == 302
    assert response.url == "/inkoper/"
    assert client.session.session_key != before
    assert client.get("/inkoper/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor_verified", result="success").exists()


def test_a_wrong_code_is_refused_with_a_clear_message(client, personas, device):
    password_login(client, personas.officer)
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/inkoper/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.second_factor_verified", result="refused").exists()


def test_a_used_code_cannot_be_used_again(client, personas, device):
    first = code(device)
    password_login(client, personas.officer)
    assert client.post(VERIFY, {"code": first}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, personas.officer)
    assert client.post(VERIFY, {"code": first}).status_code == 200


def test_wrong_codes_slow_down_further_attempts(client, personas, device):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_login(client, personas.officer)
        client.post(VERIFY, {"code": "000000"})
        client.post(VERIFY, {"code": "111111"})
        throttled = client.post(VERIFY, {"code": code(device)})
        assert throttled.status_code == 200
        assert "Te veel foute codes. Wacht 2 seconden" in throttled.content.decode()
        clock.shift(timedelta(seconds=3))
        assert client.post(VERIFY, {"code": code(device)}).status_code == 302


def test_a_recovery_code_works_once(client, personas, device):
    codes = replace_recovery_codes(personas.officer)
    password_login(client, personas.officer)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert StaticToken.objects.filter(device__user=personas.officer).count() == 9
    client.post(reverse("accounts:logout"))
    password_login(client, personas.officer)
    reused = client.post(VERIFY, {"code": codes[0]})
    assert reused.status_code == 200
    assert "Deze code klopt niet" in reused.content.decode()


def test_without_an_authenticator_the_officer_sets_one_up_and_sees_ten_recovery_codes_once(client, personas):
    password_login(client, personas.officer)
    assert client.get("/inkoper/").url == f"{SETUP}?next=%2Finkoper%2F"
    page = client.get(f"{SETUP}?next=/inkoper/").content.decode()
    new_device = TOTPDevice.objects.get(user=personas.officer, confirmed=False)
    assert "<svg" in page
    assert "otpauth://totp/Dialoog%3Aofficer%40zk.test?secret=" in page
    assert client.get(SETUP).status_code == 200
    assert TOTPDevice.objects.filter(user=personas.officer).count() == 1  # a reload keeps the same secret

    response = client.post(SETUP, {"code": code(new_device), "next": "/inkoper/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(c in response.content.decode() for c in codes)
    assert TOTPDevice.objects.get(pk=new_device.pk).confirmed
    assert client.get("/inkoper/").status_code == 200
    again = client.get(SETUP)
    assert again.status_code == 302  # the codes are never shown again
    assert codes[0] not in client.get(again.url, follow=True).content.decode()


def test_setup_with_a_wrong_code_saves_nothing(client, personas):
    password_login(client, personas.officer)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=personas.officer, confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert client.get("/inkoper/").status_code == 302


def test_the_password_alone_cannot_replace_an_existing_authenticator(client, personas, device):
    password_login(client, personas.officer)
    response = client.post(SETUP, {"code": code(device)})
    assert response.status_code == 302
    assert response.url == VERIFY
    assert list(TOTPDevice.objects.filter(user=personas.officer)) == [device]


@pytest.mark.parametrize("who", ["assessor", "administrator"])
def test_assessors_and_administrators_need_it_too(client, personas, administrator, who):
    user = administrator if who == "administrator" else personas.assessor
    password_login(client, user)
    assert client.get("/beoordelaar/").url.startswith(SETUP)


@pytest.mark.parametrize("who", ["provider_a", "alderman", "expert"])
def test_other_roles_are_not_asked_for_a_second_factor(client, personas, who):
    user = getattr(personas, who)
    password_login(client, user)
    assert client.get("/", follow=True).redirect_chain[-1][0] not in {VERIFY, SETUP}
    assert client.get(VERIFY).status_code == 302
    assert client.get(SETUP).status_code == 302
    assert not TOTPDevice.objects.exists()


def test_logout_and_the_language_switch_work_before_the_code(client, personas, device):
    password_login(client, personas.officer)
    assert client.post(reverse("set_language"), {"language": "en", "next": VERIFY}).url == VERIFY
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/inkoper/").url.startswith(reverse("accounts:login"))


def test_verify_refuses_to_send_the_user_to_another_site(client, personas, device):
    password_login(client, personas.officer)
    response = client.post(VERIFY, {"code": code(device), "next": "https://evil.example/"})
    assert response.url == "/"


def test_anonymous_visitors_get_the_login_page(client, db):
    assert client.get(VERIFY).url.startswith(reverse("accounts:login"))
    assert client.get(SETUP).url.startswith(reverse("accounts:login"))


def test_with_enforcement_off_the_officer_goes_straight_in(client, personas, device, settings):
    settings.OTP_REQUIRED_FOR_STAFF_ROLES = False
    password_login(client, personas.officer)
    assert client.get("/inkoper/").status_code == 200


def test_seed_demo_gives_demo_officers_an_authenticator_and_demo_totp_prints_its_code(
    client, settings, capsys
):
    settings.DEBUG = True
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "demo_totp" in printed
    officer = User.objects.get(email="inkoper@zkij.example")
    for email in ("inkoper@zkij.example", "beoordelaar@zkij.example", "beheer@dialoog.example"):
        assert TOTPDevice.objects.filter(user__email=email, confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user__email="aanbieder@kustlicht.example").exists()

    call_command("demo_totp", "inkoper@zkij.example")
    demo_code = capsys.readouterr().out.strip()
    assert len(demo_code) == 6 and demo_code.isdigit()
    password_login(client, officer)
    assert client.post(VERIFY, {"code": demo_code}).status_code == 302
    assert client.get("/inkoper/").status_code == 200


def test_demo_totp_refuses_accounts_without_the_demo_authenticator(personas):
    with pytest.raises(CommandError, match="no demo authenticator"):
        call_command("demo_totp", personas.officer.email)
