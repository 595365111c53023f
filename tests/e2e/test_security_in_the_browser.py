"""In a real browser: the Content Security Policy blocks nothing the portal itself needs (htmx loads and
injects no styles), and the second-factor pages work and pass axe."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.two_factor import current_code, give_demo_device
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def assert_htmx_runs_under_the_policy(page, violations):
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert violations == []


def test_pages_load_under_the_policy_without_violations(page, personas, csp_violations):
    page.goto("/account/login/")
    assert_htmx_runs_under_the_policy(page, csp_violations)
    log_in(page, personas.officer.email)
    page.wait_for_url("**/inkoper/")
    assert_htmx_runs_under_the_policy(page, csp_violations)


def test_an_officer_sets_up_the_authenticator_and_confirms_codes(page, personas, settings, csp_violations):
    settings.OTP_REQUIRED_FOR_STAFF_ROLES = True
    log_in(page, personas.officer.email)
    page.wait_for_url("**/tweede-factor/instellen/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Stel uw authenticator-app in"
    assert page.locator("svg.dialoog-qr").is_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=personas.officer, confirmed=False)
    page.get_by_label("Code").fill(current_code(device)[0])
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw herstelcodes"
    assert page.locator(".dialoog-recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url("**/inkoper/")
    assert csp_violations == []


def test_an_officer_with_an_authenticator_confirms_a_code_after_the_password(page, personas, settings):
    settings.OTP_REQUIRED_FOR_STAFF_ROLES = True
    device = give_demo_device(personas.officer)
    log_in(page, personas.officer.email)
    page.wait_for_url("**/tweede-factor/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Bevestig dat u het bent"
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Deze code klopt niet").is_visible()
    assert_accessible(page)
    # the pause after a wrong code is tested in tests/security; here the browser does not wait for it
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    page.get_by_label("Code").fill(current_code(device)[0])
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/inkoper/")
