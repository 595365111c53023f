"""An officer answers two questions and publishes a Nota van Inlichtingen; a provider reads the answer
and downloads the PDF."""

from pathlib import Path

import pytest

from procurement.models import AnswerRound
from tests.e2e.conftest import assert_accessible, log_in
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import ask, open_question_window, pdf_text, register

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_publishes_a_round_and_a_provider_reads_it(page, personas):
    procurement = make_procurement(personas.officer, phase="registration")
    register(
        procurement,
        (personas.provider_a, personas.organisation_a),
        (personas.provider_b, personas.organisation_b),
    )
    open_question_window(procurement)
    ask(procurement, personas.provider_b, personas.organisation_b, "Mogen wij als B onderaannemers inzetten?")

    log_in(page, personas.provider_a.email)
    page.wait_for_url("**/aanbieder/**")
    page.goto(f"/aanbestedingen/{procurement.pk}/vragen/")
    assert_accessible(page)
    page.get_by_label("Uw vraag").fill("Geldt de reistijd als declarabele tijd?")
    page.get_by_label("Paragraaf of pagina").fill("4.1")
    page.get_by_role("button", name="Vraag versturen").click()
    assert page.get_by_text("Uw vraag is ontvangen.").is_visible()
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, personas.officer.email)
    page.wait_for_url("**/inkoper/")
    page.goto(f"/aanbestedingen/{procurement.pk}/vragen/")
    assert_accessible(page)
    assert page.get_by_role("cell", name="Aanbieder B").count() == 1  # officers see who asked
    for published, text in (
        ("Mogen onderaannemers worden ingezet?", "Ja, met toestemming van de opdrachtgever."),
        ("Geldt de reistijd als declarabele tijd?", "Nee, reistijd is in het tarief inbegrepen."),
    ):
        page.get_by_role("link", name="Vraag 1 beantwoorden").click()
        assert_accessible(page)
        page.get_by_label("Vraag zoals gepubliceerd").fill(published)
        page.get_by_label("Antwoord", exact=True).fill(text)
        page.get_by_role("button", name="Antwoord opslaan").click()
        assert page.get_by_text("Het antwoord is toegevoegd aan de volgende ronde.").is_visible()
    assert page.get_by_text("Er zijn geen onbeantwoorde vragen.").is_visible()
    page.get_by_role("button", name="Nota van Inlichtingen 1 publiceren").click()
    assert page.get_by_text(
        "Nota van Inlichtingen 1 is gepubliceerd aan alle geregistreerde aanbieders."
    ).is_visible()
    assert AnswerRound.objects.get().pdf_id is not None
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, personas.provider_a.email)
    page.wait_for_url("**/aanbieder/**")
    page.goto(f"/aanbestedingen/{procurement.pk}/antwoorden/")
    assert page.get_by_role("heading", name="Nota van Inlichtingen 1").is_visible()
    assert page.get_by_text("Nee, reistijd is in het tarief inbegrepen.").is_visible()
    content = page.content()
    assert "Aanbieder A" not in content and "Aanbieder B" not in content
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Nota van Inlichtingen 1 (pdf)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = pdf_text(Path(download.path()).read_bytes())
    assert "Vraag 1.1" in text and "Vraag 1.2" in text
    assert "Ja, met toestemming van de opdrachtgever." in text
    assert "Aanbieder" not in text
