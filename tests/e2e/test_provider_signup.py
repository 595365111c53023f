import re

import pytest
from django.core import mail

from accounts.models import Membership
from tests.accounts.factories_organisation import admin_of, make_invitation
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Zonnehof-wachtwoord-2026"


def fill_account(page, name: str, password: str = PASSWORD) -> None:
    page.get_by_label("Volledige naam", exact=True).fill(name)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_label("Herhaal het wachtwoord", exact=True).fill(password)


def test_provider_signs_up_invites_a_colleague_who_accepts_via_the_e_mailed_link(page, browser, live_server):
    page.goto("/welkom/")
    page.get_by_role("link", name="Jeugdhulpaanbieder? Meld uw organisatie aan").click()
    assert_accessible(page)
    fill_account(page, "Fatima el Amrani")
    page.get_by_label("E-mailadres", exact=True).fill("fatima@zonnehof.test")
    page.get_by_label("Naam van de organisatie", exact=True).fill("Zonnehof Jeugdzorg")
    page.get_by_label("KvK-nummer", exact=True).fill("8123456")
    page.get_by_role("button", name="Account en organisatie aanmaken").click()
    assert page.get_by_text("Een KvK-nummer bestaat uit precies 8 cijfers.").is_visible()
    assert_accessible(page)
    page.get_by_label("KvK-nummer", exact=True).fill("81234567")
    fill_account(page, "Fatima el Amrani")  # password fields are not sent back
    page.get_by_role("button", name="Account en organisatie aanmaken").click()
    page.wait_for_url("**/aanbieder/")
    assert page.get_by_text("Welkom! Uw account en Zonnehof Jeugdzorg zijn aangemeld.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Leden en uitnodigingen van Zonnehof Jeugdzorg").click()
    assert_accessible(page)
    page.get_by_role("link", name="Collega uitnodigen").click()
    page.get_by_label("E-mailadres van uw collega").fill("joris@zonnehof.test")
    page.get_by_label("Tekenbevoegd voor de organisatie").check()
    assert_accessible(page)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_text("Er is een uitnodiging gestuurd naar joris@zonnehof.test.").is_visible()
    assert_accessible(page)

    (message,) = mail.outbox
    assert message.to == ["joris@zonnehof.test"]
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    colleague_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    colleague = colleague_context.new_page()
    colleague.set_default_timeout(15_000)
    colleague.goto("/" + path)
    assert colleague.get_by_text("Uw e-mailadres is joris@zonnehof.test.").is_visible()
    assert_accessible(colleague)
    fill_account(colleague, "Joris Bakker")
    colleague.get_by_role("button", name="Account aanmaken en accepteren").click()
    colleague.wait_for_url("**/aanbieder/")
    assert colleague.get_by_text("U treedt nu op namens Zonnehof Jeugdzorg.").is_visible()
    assert_accessible(colleague)
    colleague.goto("/" + path)
    assert colleague.get_by_text("Deze uitnodiging is al gebruikt.").is_visible()
    assert_accessible(colleague)
    colleague_context.close()

    membership = Membership.objects.get(user__email="joris@zonnehof.test")
    assert membership.organisation.kvk_number == "81234567" and membership.is_signatory
    page.reload()
    assert page.get_by_role("cell", name="joris@zonnehof.test").is_visible()


def test_member_management_pages_are_accessible(page, personas):
    admin = admin_of(personas.organisation_a, user__email="beheer@provider-a.test")
    make_invitation(personas.organisation_a, email=admin.email, token="voor-beheer")
    log_in(page, admin.email)
    page.wait_for_url("**/aanbieder/")
    assert page.get_by_text("Aanbieder A nodigt u uit als lid.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Leden en uitnodigingen van Aanbieder A").click()
    page.get_by_role("link", name=f"{personas.provider_a.full_name} wijzigen").click()
    assert_accessible(page)
    page.get_by_label("Rol").select_option("admin")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De wijzigingen zijn opgeslagen.").is_visible()
    page.get_by_role("link", name=f"{admin.full_name} verwijderen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Verwijderen").click()
    page.wait_for_url("**/aanbieder/")
    assert not Membership.objects.filter(user=admin).exists()
    page.goto("/account/uitnodigingen/")
    assert_accessible(page)
