"""A provider registers a partnership for the integral lot with a member organisation; the member fills
in its self-declaration; the lead submits and downloads the receipt. axe checks every page."""

import pytest

from procurement.models import Registration
from tests.e2e.conftest import assert_accessible, log_in
from tests.procurement.factories_registration import PDF_BYTES, build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(personas):
    return build_world(personas)


def fill_declaration(page, certificate) -> None:
    for radio in page.get_by_role("radio", name="Nee").all():
        radio.check()
    for group in page.get_by_role("group").filter(has_text="Vraag ").all():
        group.get_by_role("radio", name="Ja").check()
    page.get_by_label("Document bij vraag 2").set_input_files(certificate)
    page.get_by_role("button", name="Eigen verklaring opslaan").click()
    assert page.get_by_text("De eigen verklaring is opgeslagen.").is_visible()


def test_a_provider_registers_a_partnership_and_downloads_the_receipt(page, world, tmp_path):
    certificate = tmp_path / "certificaat.pdf"
    certificate.write_bytes(PDF_BYTES)
    log_in(page, world.provider_a.email)
    page.goto(f"/aanbestedingen/{world.procurement.pk}/percelen/{world.integral.pk}/aanmelden/")
    assert_accessible(page)
    page.get_by_label("combinatie van gelijkwaardige partners").check()
    page.get_by_role("button", name="Conceptaanmelding starten").click()
    page.get_by_label("KvK-nummer van het lid").fill("7100000")
    page.get_by_role("button", name="Lid toevoegen").click()
    assert page.get_by_text("precies 8 cijfers").first.is_visible()
    page.get_by_label("KvK-nummer van het lid").fill(world.organisation_c.kvk_number)
    page.get_by_role("button", name="Lid toevoegen").click()
    assert_accessible(page)
    lead_types = page.get_by_role("group", name="Zorgvormen geleverd door Aanbieder A")
    lead_types.get_by_label("Ambulante jeugdhulp").check()
    lead_types.get_by_label("Jeugd-GGZ").check()
    missing = page.locator("#missing-care-types")
    missing.get_by_text("Jeugd-GGZ").wait_for(state="detached")  # htmx refreshed the list live
    assert missing.get_by_text("Jeugdhulp met verblijf").is_visible()
    page.get_by_role("link", name="Eigen verklaring van Aanbieder A").click()
    assert_accessible(page)
    fill_declaration(page, certificate)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, world.provider_c.email)
    registration = Registration.objects.get(lead=world.organisation_a)
    page.goto(f"/aanbestedingen/aanmeldingen/{registration.pk}/")
    partner_types = page.get_by_role("group", name="Zorgvormen geleverd door Aanbieder C")
    partner_types.get_by_label("Jeugdhulp met verblijf").check()
    page.get_by_text("Samen leveren de leden alle verplichte zorgvormen.").wait_for()
    page.get_by_role("link", name="Eigen verklaring van Aanbieder C").click()
    fill_declaration(page, certificate)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, world.provider_a.email)
    page.goto(f"/aanbestedingen/aanmeldingen/{registration.pk}/")
    page.get_by_role("link", name="Aanmelding indienen").click()
    assert_accessible(page)
    page.get_by_label("Ik bevestig dat de aanmelding volledig en juist is").check()
    page.get_by_role("button", name="Definitief indienen").click()
    assert page.get_by_text("Uw aanmelding is ingediend.").is_visible()
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Ontvangstbewijs downloaden (PDF)").click()
    assert download.value.suggested_filename == f"ontvangstbewijs-aanmelding-{registration.pk}.pdf"
    assert_accessible(page)
    assert Registration.objects.get(pk=registration.pk).status == "submitted"


def test_the_officer_overview_and_detail_are_accessible(page, world):
    from procurement.services.registration import add_member, create_registration

    registration = create_registration(
        world.integral, lead=world.organisation_a, form="main_contractor", actor=world.provider_a
    )
    add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    log_in(page, world.officer.email)
    page.goto(f"/aanbestedingen/{world.procurement.pk}/percelen/{world.integral.pk}/aanmeldingen/")
    page.get_by_label("Volledigheid").select_option("incomplete")
    page.get_by_role("button", name="Filteren").click()
    assert_accessible(page)
    page.get_by_role("link", name="Aanbieder A").click()
    assert page.get_by_role("heading", name="Aanmelding van Aanbieder A").is_visible()
    assert_accessible(page)
    page.goto(f"/aanbestedingen/{world.procurement.pk}/geschiktheidsvragen/")
    assert_accessible(page)
