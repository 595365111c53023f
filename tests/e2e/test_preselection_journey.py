"""Two officers review a registration (one proposes, the other confirms) and publish the decisions of the
lot; the provider then reads its decision and downloads the decision letter. axe checks every page."""

import pytest

from procurement.models import Review
from procurement.services.preselection import confirm_decision
from tests.e2e.conftest import assert_accessible, log_in
from tests.procurement.factories_preselection import preselection_world, propose

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_officers_review_and_publish_and_the_provider_downloads_its_letter(page, personas):
    world = preselection_world(personas)
    base = f"/aanbestedingen/{world.procurement.pk}"
    log_in(page, world.officer.email)
    page.goto(f"{base}/percelen/{world.specific.pk}/criteria/")
    assert_accessible(page)
    page.goto(f"{base}/percelen/{world.specific.pk}/aanmeldingen/")
    assert page.get_by_text("nog niet beoordeeld: 3").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Beoordeling Aanbieder A").click()
    assert page.get_by_role("heading", name="Beoordeling van de aanmelding van Aanbieder A").is_visible()
    assert_accessible(page)
    for number, criterion in enumerate(world.criteria, start=1):
        group = page.get_by_role("group", name=f"Criterium {number}: {criterion.title}")
        group.get_by_label("Voldoet aan het criterium", exact=True).check()
        page.get_by_label(f"Onderbouwing bij criterium {number}").fill("Aangetoond met drie referenties.")
    page.get_by_label("toegelaten", exact=True).check()
    page.get_by_label("Motivering van het besluit").fill("Voldoet aan alle eisen.")
    page.get_by_role("button", name="Voorstel opslaan").click()
    assert page.get_by_text("Uw voorstel is opgeslagen").is_visible()
    assert page.get_by_text("U hebt dit besluit zelf voorgesteld").is_visible()
    assert_accessible(page)
    for registration in (world.registration_b, world.registration_c):
        propose(registration, world.officer, admitted=registration == world.registration_c)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, world.second_officer.email)
    page.goto(f"{base}/aanmeldingen/{world.registration_a.pk}/beoordeling/")
    page.get_by_role("button", name="Besluit bevestigen").click()
    assert page.get_by_text("Het besluit is bevestigd.").is_visible()
    for registration in (world.registration_b, world.registration_c):
        confirm_decision(Review.objects.get(registration=registration), actor=world.second_officer)
    page.goto(f"{base}/percelen/{world.specific.pk}/besluiten-publiceren/")
    assert_accessible(page)
    page.get_by_label("Ik bevestig dat alle besluiten van dit perceel nu aan alle aanmelders").check()
    page.get_by_role("button", name="Besluiten bekendmaken").click()
    assert page.get_by_text("De besluiten van dit perceel zijn bekendgemaakt.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, world.provider_a.email)
    page.goto(f"/aanbestedingen/aanmeldingen/{world.registration_a.pk}/")
    assert page.get_by_role("heading", name="Preselectiebesluit").is_visible()
    assert page.get_by_text("Aangetoond met drie referenties.").first.is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Besluitbrief downloaden (PDF)").click()
    assert (
        download.value.suggested_filename == f"besluit-preselectie-aanmelding-{world.registration_a.pk}.pdf"
    )
