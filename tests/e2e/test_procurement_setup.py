"""An officer sets up a procurement with two lots, plans a phase and publishes it; a provider finds it and
registers for it. Every page passes the axe check."""

import pytest

from procurement.care_types import load_care_types
from procurement.models import CareType, Participant, Procurement
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_sets_up_and_publishes_a_procurement_and_a_provider_registers(page, personas):
    load_care_types(CareType)  # a transactional test empties the tables the migrations filled
    log_in(page, personas.officer.email)
    page.wait_for_url("**/inkoper/")
    page.get_by_role("link", name="Aanbestedingen", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn aanbestedingen"
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe aanbesteding").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Jeugdhulp Kennemerland 2027")
    page.get_by_label("Kenmerk", exact=False).first.fill("ZK-2027-01")
    page.get_by_label("Openbare aankondiging").fill("Wij kopen jeugdhulp in, in dialoog met aanbieders.")
    page.get_by_label("Jeugdhulpvormen").select_option(["Jeugd-GGZ", "Dyslexiezorg"])
    page.get_by_label("Geraamde waarde").fill("2500000")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De aanbesteding is als concept aangemaakt.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "Jeugdhulp Kennemerland 2027"
    assert_accessible(page)

    for number, title, kind, care_type in [
        ("1", "Integraal perceel", "integraal perceel", None),
        ("2", "Dyslexiezorg", "specifieke jeugdhulp", "Dyslexiezorg"),
    ]:
        page.get_by_role("link", name="Perceel toevoegen").click()
        assert_accessible(page)
        page.get_by_label("Perceelnummer").fill(number)
        page.get_by_label("Titel").fill(title)
        page.get_by_label("Soort").select_option(label=kind)
        if care_type:
            page.get_by_label("Jeugdhulpvorm").select_option(label=care_type)
        page.get_by_role("button", name="Perceel toevoegen").click()
        page.get_by_text("Het perceel is toegevoegd.").wait_for()

    page.get_by_role("link", name="aanmelding plannen").click()
    assert_accessible(page)
    page.get_by_label("Geplande start").fill("2027-03-01T09:00")
    page.get_by_label("Einde of deadline").fill("2027-03-29T12:00")
    page.get_by_role("button", name="Planning opslaan").click()
    page.get_by_text("De planning van de fase is opgeslagen.").wait_for()
    assert page.get_by_text("29 maart 2027 12:00").is_visible()
    page.get_by_role("button", name="Aanbesteding publiceren").click()
    page.get_by_text("De aanbesteding is gepubliceerd.").wait_for()
    assert_accessible(page)
    procurement = Procurement.objects.get(reference="ZK-2027-01")
    assert procurement.status == "published" and procurement.lots.count() == 2
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/welkom/")

    log_in(page, personas.provider_a.email)
    page.wait_for_url("**/aanbieder/")
    page.get_by_role("link", name="Aanbestedingen", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Jeugdhulp Kennemerland 2027").click()
    assert page.get_by_text("Perceel 2: Dyslexiezorg").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Aanmelden als aanbieder voor deze aanbesteding").click()
    page.get_by_text("Aanbieder A is aangemeld als aanbieder voor deze aanbesteding.").wait_for()
    assert_accessible(page)
    assert Participant.objects.filter(procurement=procurement, organisation=personas.organisation_a).exists()


def test_an_anonymous_visitor_reads_the_public_announcement(page, personas):
    from tests.factories import make_procurement

    procurement = make_procurement(personas.officer, title="Openbare jeugdhulp")
    page.goto("/welkom/")
    page.get_by_role("link", name="Lees de openbare aankondigingen van de aanbestedingen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Openbare jeugdhulp").click()
    assert page.get_by_role("heading", level=1).inner_text() == procurement.title
    assert_accessible(page)


def test_the_officer_pages_of_the_demo_procurement_pass_the_axe_check(page, personas):
    from demo.people import seed_people
    from demo.procurements import seed_procurements

    zkij = seed_procurements(seed_people())["zkij"]
    lot = zkij.lots.get(number="2a")
    decision = zkij.decisions.first()
    log_in(page, "inkoper@zkij.example")
    page.wait_for_url("**/inkoper/")
    base = f"/aanbestedingen/beheer/{zkij.pk}"
    for path in [
        "/aanbestedingen/beheer/",
        f"{base}/",
        f"{base}/bewerken/",
        f"{base}/fase/submission/planning/",
        f"{base}/percelen/{lot.pk}/opschorten/",
        f"{base}/percelen/{lot.pk}/splitsen/",
        f"{base}/besluiten/nieuw/",
        f"{base}/besluiten/{decision.pk}/",
    ]:
        page.goto(path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        assert_accessible(page)
    page.goto(f"{base}/")
    page.get_by_label("Reden").fill("Nog even proberen")
    page.get_by_role("button", name="Door naar inschrijving").click()
    assert page.get_by_text(
        "De dialoog van perceel/percelen 1, 2a, 2b is niet afgesloten."
    ).first.is_visible()
    assert_accessible(page)
