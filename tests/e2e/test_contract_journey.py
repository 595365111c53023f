"""The contract in the browser: the officer makes the version, the provider's signatory signs, the
officer countersigns, the provider reports a KPI period and sees it on the contract page."""

import pytest

from contracts.models import Contract
from tests.contracts.factories_contracts import contract_world, signatory
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def open_as(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(30_000)
    log_in(page, email)
    page.wait_for_load_state()
    return page


def test_contract_journey(browser, live_server, personas, tmp_path):
    world = contract_world(personas)
    url = f"/contracten/{world.contract.pk}/"
    provider = signatory(personas)

    officer_page = open_as(browser, live_server, personas.officer.email)
    officer_page.goto(url)
    officer_page.get_by_role("button", name="Versie maken").click()
    officer_page.goto(url)
    assert officer_page.get_by_role("link", name="Versie 1 (PDF)").count() == 1
    assert_accessible(officer_page)

    provider_page = open_as(browser, live_server, provider.email)
    provider_page.goto(url)
    provider_page.get_by_label("Uw naam").fill("Petra Jansen")
    provider_page.get_by_label("Uw functie").fill("Directeur")
    provider_page.get_by_role("button", name="Deze versie ondertekenen").click()
    assert provider_page.get_by_text("De contractversie is ondertekend.").count() == 1
    assert_accessible(provider_page)

    officer_page.goto(url)
    officer_page.get_by_label("Uw naam").fill("Sanne de Vries")
    officer_page.get_by_label("Uw functie").fill("Projectleider inkoop")
    officer_page.get_by_role("button", name="Deze versie medeondertekenen").click()
    assert Contract.objects.get(pk=world.contract.pk).status == Contract.Status.ACTIVE

    csv = tmp_path / "kpi.csv"
    csv.write_text("kpi;period;value\nCliënttevredenheid;2027;7,2\n", encoding="utf-8")
    provider_page.goto(url)
    provider_page.get_by_label("KPI-rapportage (CSV: kpi;period;value)").set_input_files(str(csv))
    provider_page.get_by_role("button", name="KPI-waarden rapporteren").click()
    assert provider_page.get_by_text("De KPI-waarden zijn opgeslagen.").count() == 1
    assert provider_page.get_by_text("2027: 7,20 (onder de norm)").count() == 1
    assert_accessible(provider_page)
