import pytest

from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_logs_in_and_lands_on_the_officer_dashboard(page, personas):
    page.goto("/")
    assert_accessible(page)
    log_in(page, personas.officer.email)
    page.wait_for_url("**/inkoper/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard inkoper"
    assert "Zuid-Kennemerland" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/welkom/")


def test_wrong_password_shows_a_clear_dutch_message(page, personas):
    log_in(page, personas.officer.email, "fout-wachtwoord")
    assert page.get_by_text("Deze combinatie van e-mailadres en wachtwoord klopt niet.").is_visible()
    assert_accessible(page)


def test_language_switch_to_english_and_back(page, db):
    page.goto("/account/login/")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Nederlands").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
