"""The lead of a partnership invites a member organisation that is not on the portal yet from the
registration editor (withdrawing a first invitation to a mistyped address and inviting the organisation
again in its row); the invited contact person follows the e-mailed link, creates an account, states
the organisation's care types and fills in its self-declaration; the lead sees the registration become
complete and submits it. axe checks the new pages on the way."""

import re

import pytest
from django.core import mail

from procurement.models import Registration
from procurement.services.registration import create_registration
from tests.e2e import test_provider_signup as signup
from tests.e2e import test_registration_journey as registration_journey
from tests.e2e.conftest import assert_accessible, log_in
from tests.procurement.factories_registration import PDF_BYTES, build_world, complete_member

pytestmark = pytest.mark.django_db(transaction=True)

INVITED = "Vrijgevestigden Kennemerland"


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_the_lead_invites_a_new_member_that_fills_in_its_part(page, browser, live_server, personas, tmp_path):
    world = build_world(personas)
    certificate = tmp_path / "certificaat.pdf"
    certificate.write_bytes(PDF_BYTES)
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["ambulant", "jeugd-ggz"])

    log_in(page, world.provider_a.email)
    page.goto(f"/aanbestedingen/aanmeldingen/{registration.pk}/")
    page.get_by_label("KvK-nummer van het lid").fill("87654321")
    page.get_by_role("button", name="Lid toevoegen").click()
    assert page.get_by_text("Nodig de organisatie uit met het formulier").is_visible()
    page.get_by_label("Naam van de organisatie").fill(INVITED)
    page.get_by_label("KvK-nummer van de organisatie").fill("87654321")
    page.get_by_label("E-mailadres van de contactpersoon").fill("info@vgk")
    page.get_by_role("button", name="Organisatie uitnodigen").click()
    assert page.get_by_text("Voer een geldig e-mailadres in.").first.is_visible()
    assert page.get_by_label("Naam van de organisatie").input_value() == INVITED
    assert_accessible(page)
    page.get_by_label("E-mailadres van de contactpersoon").fill("info@vgk.test")
    page.get_by_role("button", name="Organisatie uitnodigen").click()
    assert page.get_by_text(f"{INVITED} is toegevoegd en info@vgk.test is uitgenodigd.").is_visible()
    row = page.get_by_role("row").filter(has_text=INVITED)
    assert "Uitnodiging staat open tot" in row.inner_text() and "onvolledig" in row.inner_text()
    assert page.locator("#missing-care-types").get_by_text("Jeugdhulp met verblijf").is_visible()
    assert_accessible(page)

    # the invitation went to the wrong address: the lead withdraws it and invites again in the row
    row.get_by_role("button", name="Uitnodiging aan info@vgk.test intrekken").click()
    assert page.get_by_text("De uitnodiging aan info@vgk.test is ingetrokken.").is_visible()
    row = page.get_by_role("row").filter(has_text=INVITED)
    address = row.get_by_label(f"E-mailadres van de contactpersoon van {INVITED}")
    address.fill("contact@vgk")
    row.get_by_role("button", name=f"{INVITED} opnieuw uitnodigen").click()
    row = page.get_by_role("row").filter(has_text=INVITED)
    assert row.get_by_text("Voer een geldig e-mailadres in.").first.is_visible()
    assert_accessible(page)
    row.get_by_label(f"E-mailadres van de contactpersoon van {INVITED}").fill("contact@vgk.test")
    row.get_by_role("button", name=f"{INVITED} opnieuw uitnodigen").click()
    assert page.get_by_text(f"nieuwe uitnodiging voor {INVITED} verstuurd naar contact@vgk.test").is_visible()
    assert "Uitnodiging staat open tot" in page.get_by_role("row").filter(has_text=INVITED).inner_text()

    withdrawn, message = mail.outbox
    assert withdrawn.to == ["info@vgk.test"] and message.to == ["contact@vgk.test"]
    invitation = re.search(r"https?://\S+/account/uitnodiging/\S+/", message.body).group(0)
    editor = re.search(rf"https?://\S+/aanbestedingen/aanmeldingen/{registration.pk}/", message.body).group(0)

    invited_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    invited = invited_context.new_page()
    invited.set_default_timeout(15_000)
    invited.goto(path_of(invitation))
    signup.fill_account(invited, "Ilse de Wit")
    invited.get_by_role("button", name="Account aanmaken en accepteren").click()
    assert invited.get_by_text(f"U treedt nu op namens {INVITED}.").is_visible()
    invited.goto(path_of(editor))
    own_types = invited.get_by_role("group", name=f"Zorgvormen geleverd door {INVITED}")
    own_types.get_by_label("Jeugdhulp met verblijf").check()
    invited.get_by_text("Samen leveren de leden alle verplichte zorgvormen.").wait_for()
    assert_accessible(invited)
    invited.get_by_role("link", name=f"Eigen verklaring van {INVITED}").click()
    registration_journey.fill_declaration(invited, certificate)
    invited_context.close()

    page.reload()
    row = page.get_by_role("row").filter(has_text=INVITED)
    assert "onvolledig" not in row.inner_text() and "niemand handelt" not in row.inner_text()
    page.get_by_role("link", name="Aanmelding indienen").click()
    page.get_by_label("Ik bevestig dat de aanmelding volledig en juist is").check()
    page.get_by_role("button", name="Definitief indienen").click()
    assert page.get_by_text("Uw aanmelding is ingediend.").is_visible()
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.SUBMITTED
