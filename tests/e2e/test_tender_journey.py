"""The tender journey in the browser: a participant submits a tender, two officers open the vault after
the deadline, an assessor scores, the chair records consensus, the officer awards and the participant
downloads the award letter. axe checks the pages on the way."""

from datetime import timedelta

import pytest
import time_machine

from procurement.models import AwardLetter, TenderSubmission
from procurement.services.assessment import appoint_assessor
from tests.e2e.conftest import assert_accessible, log_in
from tests.procurement.factories_tenders import PDF_BYTES, submit, tender_procurement

pytestmark = pytest.mark.django_db(transaction=True)


def switch_to(page, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, email)


def fill_scores(page, button: str, index: int, quality: str, price: str) -> None:
    form = page.locator("form").filter(has=page.get_by_role("button", name=button)).nth(index)
    form.get_by_label("Score voor Kwaliteit (0-10)").fill(quality)
    form.get_by_label("Motivering voor Kwaliteit").fill("Sterk plan")
    form.get_by_label("Score voor Prijs (0-10)").fill(price)
    form.get_by_label("Motivering voor Prijs").fill("Scherpe prijs")
    form.get_by_role("button", name=button).click()


def test_submit_open_score_award_and_read_the_letter(page, personas, tmp_path, settings):
    from cryptography.fernet import Fernet

    settings.TENDER_ENCRYPTION_KEY = Fernet.generate_key().decode()
    procurement, lot, invitation = tender_procurement(
        personas.officer, [personas.organisation_a, personas.organisation_b]
    )
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF_BYTES)
    submit(lot, personas.provider_b, personas.organisation_b)

    log_in(page, personas.provider_a.email)
    page.goto(f"/aanbestedingen/percelen/{lot.pk}/inschrijven/")
    assert_accessible(page)
    page.get_by_label("Plan van aanpak").set_input_files(plan)
    page.get_by_label("Totaalprijs (EUR)").fill("-10")
    page.get_by_label("Ik bevestig").check()
    page.get_by_role("button", name="Inschrijving indienen").click()
    assert page.get_by_text("mag niet negatief zijn").is_visible()
    page.get_by_label("Plan van aanpak").set_input_files(plan)
    page.get_by_label("Totaalprijs (EUR)").fill("98000,00")
    page.get_by_label("Ik bevestig").check()
    page.get_by_role("button", name="Inschrijving indienen").click()
    assert page.get_by_text("Uw inschrijving is ontvangen").is_visible()
    assert_accessible(page)
    assert TenderSubmission.objects.filter(organisation=personas.organisation_a).count() == 1

    vault = f"/aanbestedingen/{procurement.pk}/percelen/{lot.pk}/kluis/"
    committee = f"/aanbestedingen/{procurement.pk}/percelen/{lot.pk}/beoordeling/"
    with time_machine.travel(invitation.submission_deadline + timedelta(minutes=1)):
        switch_to(page, personas.officer.email)
        page.goto(vault)
        assert_accessible(page)
        page.get_by_role("button", name="Opening starten").click()
        switch_to(page, personas.second_officer.email)
        page.goto(vault)
        page.get_by_role("button", name="Opening bevestigen").click()
        assert page.get_by_text("Geopend door").is_visible()
        appoint_assessor(lot, user=personas.assessor, actor=personas.officer)

        switch_to(page, personas.assessor.email)
        page.goto(f"/aanbestedingen/percelen/{lot.pk}/beoordelen/")
        assert_accessible(page)
        for _ in range(2):
            page.get_by_role("button", name="Verklaren").first.click()
        for index, (quality, price) in enumerate([("8", "9"), ("6", "5")]):
            fill_scores(page, "Scores opslaan", index, quality, price)
        page.get_by_role("button", name="Mijn scores indienen").click()
        assert page.get_by_text("U hebt uw scores ingediend.").is_visible()

        switch_to(page, personas.officer.email)
        page.goto(committee)
        assert_accessible(page)
        for index, (quality, price) in enumerate([("8", "9"), ("6", "5")]):
            form = (
                page.locator("form")
                .filter(has=page.get_by_role("button", name="Consensus vastleggen"))
                .nth(index)
            )
            form.get_by_label("Score voor Kwaliteit (0-10)").fill(quality)
            form.get_by_label("Motivering voor Kwaliteit").fill("Consensus")
            form.get_by_label("Score voor Prijs (0-10)").fill(price)
            form.get_by_label("Motivering voor Prijs").fill("Consensus")
            form.get_by_role("button", name="Consensus vastleggen").click()
        page.get_by_label("Aanbieder A").check()
        page.get_by_label("Motivering", exact=True).fill("Beste prijs-kwaliteitverhouding")
        page.get_by_label("Kenmerken en relatieve voordelen van de winnende inschrijving").fill("Sterk plan")
        page.get_by_label("Datum van het collegebesluit").fill("2026-12-08")
        page.get_by_role("button", name="Gunningsbeslissing voorbereiden").click()
        page.get_by_role("button", name="Gunning bekendmaken en brieven versturen").click()
        assert page.get_by_text("opschortingstermijn tot en met").is_visible()
        assert_accessible(page)

        switch_to(page, personas.provider_a.email)
        page.goto("/aanbestedingen/inschrijvingen/")
        assert_accessible(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Gunningsbrief").click()
        assert download.value.path().read_bytes().startswith(b"%PDF")
    assert AwardLetter.objects.exclude(file="").count() == 2
