"""The dialogue in the browser: the officer plans a bilateral session and a plenary, a participant replies
and delivers a position paper, the officer writes minutes and an agreement, the participant comments,
the officer closes the dialogue and the agreement set PDF appears."""

import pytest

from dialogue import services
from dialogue.models import AgreementSet, PositionPaper, Rsvp
from tests.dialogue.factories_dialogue import PDF_BYTES, dialogue_world, pdf_upload
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db(transaction=True)


def open_as(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, email)
    page.wait_for_load_state()
    return page


def test_dialogue_journey(browser, live_server, personas, tmp_path):
    officer = personas.officer
    procurement = make_procurement(officer, phase="dialogue")
    lot = procurement.lots.get(number="1")
    services.admit_participant(lot, personas.organisation_a, actor=officer)
    services.admit_participant(lot, personas.organisation_b, actor=officer)
    services.create_round(lot, actor=officer, title="Eerste ronde")

    page = open_as(browser, live_server, officer.email)
    page.goto(f"/dialoog/aanbesteding/{procurement.pk}/")
    page.get_by_role("button", name="De 14 thema's uit de raadsbrief toevoegen").click()
    assert page.get_by_role("row", name="Tijdigheid en wachttijd").count() == 1
    assert_accessible(page)

    def plan(kind, title, participant=None):
        page.goto(f"/dialoog/aanbesteding/{procurement.pk}/")
        page.get_by_role("link", name="Sessie plannen").first.click()
        page.get_by_label("Soort").select_option(kind)
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Begint om").fill("2030-01-10T10:00")
        page.get_by_label("Eindigt om").fill("2030-01-10T12:00")
        page.get_by_label("Plaats").fill("Stadhuis Haarlem")
        if participant:
            page.get_by_label("Deelnemer (bilaterale sessie)").select_option(label=participant)
        page.get_by_label("Tijdigheid en wachttijd").check()
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("De sessie is gepland en de uitnodigingen zijn verstuurd.").wait_for()

    page.goto(f"/dialoog/aanbesteding/{procurement.pk}/")
    page.get_by_role("link", name="Sessie plannen").first.click()
    assert_accessible(page)
    plan("bilateral", "Bilateraal Aanbieder A", "Aanbieder A")
    bilateral_url = page.url
    assert_accessible(page)
    plan("plenary", "Plenaire sessie bekostiging")

    provider = open_as(browser, live_server, personas.provider_a.email)
    provider.goto("/dialoog/mijn/")
    assert provider.get_by_role("link", name="Bilateraal Aanbieder A").first.is_visible()
    assert_accessible(provider)
    provider.goto(bilateral_url)
    provider.get_by_label("Ja, wij zijn aanwezig").check()
    provider.get_by_label("Wie komt er (namen)").fill("Anna de Boer, Bram Kok")
    provider.get_by_role("button", name="Reactie versturen").click()
    provider.get_by_text("Uw reactie is opgeslagen.").wait_for()
    paper = tmp_path / "positiepaper.pdf"
    paper.write_bytes(PDF_BYTES)
    provider.get_by_label("Thema").select_option(label="Tijdigheid en wachttijd")
    provider.get_by_label("Positiepaper (PDF, DOCX of ODT)").set_input_files(paper)
    provider.get_by_role("button", name="Positiepaper uploaden").click()
    provider.get_by_text("Uw positiepaper is aangeleverd.").wait_for()
    assert_accessible(provider)
    assert Rsvp.objects.get(organisation=personas.organisation_a).attendees == "Anna de Boer, Bram Kok"
    assert PositionPaper.objects.count() == 1

    page.goto(bilateral_url)
    assert page.get_by_role("link", name="positiepaper.pdf").count() == 1
    page.get_by_role("button", name="Verslag starten").click()
    page.get_by_label("Tijdigheid en wachttijd").fill("Aanbieder A stelt een wachttijd van vier weken voor.")
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_label("Deadline voor commentaar").fill("2030-01-20T17:00")
    page.get_by_role("button", name="Versturen voor commentaar").click()
    page.get_by_text("Het verslag is voor commentaar verstuurd.").wait_for()

    page.goto(f"/dialoog/aanbesteding/{procurement.pk}/afspraken/nieuw/")
    page.get_by_label("Thema").select_option(label="Tijdigheid en wachttijd")
    page.get_by_label("Soort").select_option("content")
    page.get_by_label("Titel").fill("Wachttijd vier weken")
    page.get_by_label("Tekst").fill("De hulp start binnen vier weken na aanmelding.")
    page.get_by_label("Integraal perceel").check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De afspraak is voorgesteld.").wait_for()
    agreement_url = page.url

    provider.goto(bilateral_url)
    provider.get_by_label("Uw commentaar").fill("Graag ook de wijkteams noemen.")
    provider.get_by_role("button", name="Commentaar versturen").click()
    provider.get_by_text("Uw commentaar is toegevoegd.").wait_for()
    provider.goto(agreement_url)
    provider.get_by_label("Uw commentaar").fill("Wij kunnen ons hierin vinden.")
    provider.get_by_role("button", name="Commentaar versturen").click()
    provider.get_by_text("Uw commentaar is toegevoegd.").wait_for()
    assert_accessible(provider)

    page.goto(agreement_url)
    assert page.get_by_text("Wij kunnen ons hierin vinden.").count() == 1
    page.get_by_label("Nieuwe status").select_option("agreed")
    page.get_by_role("button", name="Status wijzigen").click()
    page.get_by_text("De status is gewijzigd.").wait_for()
    assert_accessible(page)
    page.goto(f"/dialoog/aanbesteding/{procurement.pk}/")
    page.get_by_role("button", name="Dialoog voor perceel 1 sluiten").click()
    page.get_by_text("De dialoog is gesloten").wait_for()
    link = page.get_by_role("link", name="Afsprakenset ZKIJ-001-P1-AS (pdf)")
    assert link.count() == 1
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "ZKIJ-001-P1-AS.pdf"
    assert AgreementSet.objects.get(lot=lot).agreements.get().title == "Wachttijd vier weken"

    provider.goto("/dialoog/mijn/")
    assert provider.get_by_role("link", name="Afsprakenset ZKIJ-001-P1-AS (pdf)").count() == 1


def test_the_guest_sees_the_invited_plenary_and_its_material(browser, live_server, personas):
    world = dialogue_world(personas)
    services.invite_guest(world.plenary, personas.expert.email, actor=personas.officer)
    services.attach_document(
        world.plenary.agenda_items.first(), pdf_upload("agenda.pdf"), actor=personas.officer
    )
    page = open_as(browser, live_server, personas.expert.email)
    page.goto("/dialoog/gast/")
    assert page.get_by_role("heading", name="Plenaire sessie").count() == 1
    assert page.get_by_role("link", name="agenda.pdf").count() == 1
    assert page.get_by_text("Bilateraal").count() == 0
    assert_accessible(page)
    page.get_by_role("link", name="Plenaire sessie").click()
    page.get_by_label("Ja, wij zijn aanwezig").check()
    page.get_by_role("button", name="Reactie versturen").click()
    page.get_by_text("Uw reactie is opgeslagen.").wait_for()
    assert_accessible(page)
