"""Per-lot figures of the later steps on the alderman's and the officer's dashboard and in the council
report, and the officer's work queues of those steps; nothing confidential reaches the alderman."""

import re

import pytest
import time_machine

from dashboards.jobs import make_council_report
from tests.dashboards.factories_dashboards import (
    CONFIDENTIAL_MARKERS,
    NOW,
    later_steps,
)
from tests.dashboards.test_council_report import pdf_text

pytestmark = pytest.mark.django_db


def figures_of_lot(html: str, number: str) -> dict[str, str]:
    table = html.split(f'data-lot="{number}"')[1].split("</table>")[0]
    return {
        name: " ".join(value.split())
        for name, value in re.findall(r'data-figure="([a-z]+)">(.*?)</td>', table, flags=re.S)
    }


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("persona, url", [("alderman", "/wethouder/"), ("officer", "/inkoper/")])
def test_both_dashboards_show_the_figures_of_each_lot(client, personas, zk_procurement, persona, url):
    lot = later_steps(zk_procurement, personas.officer, registrations=6)
    client.force_login(getattr(personas, persona))
    html = client.get(url).content.decode()
    figures = figures_of_lot(html, lot.number)
    assert figures["registrations"] == "6"
    assert figures["admitted"] == "3"
    assert figures["participants"] == "3"
    assert figures["tenders"] == "2"
    assert figures["award"] == "nog niet gepubliceerd"  # a prepared award is internal until published
    assert figures["contracts"] == "2"
    # on target: satisfaction in its latest report, waiting time (lower is better); off target: start
    assert figures["kpis"] == "2 / 1"
    assert figures["budget"] == "€ 1.500.000 van € 2.000.000 (75%)"  # 2025 and 2026, not 2027
    agreements = html.split(f'data-agreements="{lot.number}"')[1].split("</table>")[0]
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in agreements.split("</tr>")[1:-1]]
    # columns: theme, kind, proposed, in discussion, agreed, withdrawn, included
    assert rows == ["Toegang inhoudelijk 0 1 2 0 0", "Bekostiging financieel 1 0 0 0 0"]
    other = figures_of_lot(html, "2")
    assert other["registrations"] == "0" and other["tenders"] == "–" and other["budget"] == "–"


@time_machine.travel(NOW, tick=False)
def test_before_the_opening_not_even_the_number_of_tenders_is_shown(client, personas, zk_procurement):
    lot = later_steps(zk_procurement, personas.officer, registrations=4, opened=False)
    for persona, url in [("alderman", "/wethouder/"), ("officer", "/inkoper/")]:
        client.force_login(getattr(personas, persona))
        figures = figures_of_lot(client.get(url).content.decode(), lot.number)
        assert figures["tenders"] == "verzegeld tot de opening"


@time_machine.travel(NOW, tick=False)
def test_no_confidential_material_reaches_the_alderman_page_or_the_council_report(
    client, personas, zk_procurement
):
    later_steps(zk_procurement, personas.officer, registrations=4)
    client.force_login(personas.alderman)
    html = client.get("/wethouder/").content.decode()
    text = pdf_text(make_council_report(zk_procurement, period=NOW.date(), actor=personas.alderman))
    for marker in CONFIDENTIAL_MARKERS:
        assert marker not in html and marker not in text, marker
    assert "Bilateraal gesprek" not in html and "Bilateraal gesprek" not in text
    assert "Aanbieder " not in html and "Aanbieder " not in text


@time_machine.travel(NOW, tick=False)
def test_the_council_report_holds_the_figures_of_each_lot(personas, zk_procurement):
    later_steps(zk_procurement, personas.officer, registrations=6)
    text = pdf_text(make_council_report(zk_procurement, period=NOW.date(), actor=personas.alderman))
    for expected in [
        "Aanmeldingen 6",
        "Toegelaten (preselectie) 3",
        "Deelnemers aan de dialoog 3",
        "Ontvangen inschrijvingen 2",
        "Gunning nog niet gepubliceerd",
        "Contracten 2",
        "2 / 1",
        "€ 1.500.000 van € 2.000.000 (75%)",
        "Toegang inhoudelijk 0 1 2 0 0",
    ]:
        assert expected in text, expected


@time_machine.travel(NOW, tick=False)
def test_a_kpi_is_judged_on_its_year_report_after_the_quarters_of_that_year(client, personas, zk_procurement):
    """The year's report ends after its first quarter's (tests/contracts/test_period_order.py)."""
    from contracts.models import KpiReport

    lot = later_steps(zk_procurement, personas.officer, registrations=6)
    satisfaction = KpiReport.objects.get(kpi__contract__lot=lot, period="2026-Q1")  # 7.9: on target
    KpiReport.objects.create(
        kpi=satisfaction.kpi,
        period="2026",
        value="7.0",  # below the target of 7.5
        reported_by=personas.officer,
        reported_at=satisfaction.reported_at,
    )
    client.force_login(personas.officer)
    assert figures_of_lot(client.get("/inkoper/").content.decode(), lot.number)["kpis"] == "1 / 2"
    text = pdf_text(make_council_report(zk_procurement, period=NOW.date(), actor=personas.alderman))
    assert "1 / 2" in text


@time_machine.travel(NOW, tick=False)
def test_the_officer_queues_link_to_the_page_where_the_officer_acts(client, personas, zk_procurement):
    lot = later_steps(zk_procurement, personas.officer, registrations=6)
    from contracts.models import Contract
    from dialogue.models import Minutes
    from procurement.models import Registration

    client.force_login(personas.officer)
    html = client.get("/inkoper/").content.decode()
    registrations = Registration.objects.filter(lot=lot).order_by("pk")
    proposed, sent_back = (
        registrations.get(review__status="proposed"),
        registrations.get(review__status="sent_back"),
    )
    # one not reviewed yet and the one sent back await a first review; one proposal awaits confirmation
    assert "Aanmeldingen te beoordelen (2)" in html
    assert f"/aanbestedingen/{zk_procurement.pk}/aanmeldingen/{sent_back.pk}/beoordeling/" in html
    assert "Beoordeling wacht op bevestiging (1)" in html
    assert f"/aanbestedingen/{zk_procurement.pk}/aanmeldingen/{proposed.pk}/beoordeling/" in html
    minutes = Minutes.objects.get(session__lot=lot)
    assert "Verslag open voor commentaar (1)" in html and f"/dialoog/sessies/{minutes.session_id}/" in html
    signed = Contract.objects.get(lot=lot, status=Contract.Status.SIGNED_BY_PROVIDER)
    active = Contract.objects.get(lot=lot, status=Contract.Status.ACTIVE)
    assert "Contract te contrasigneren (1)" in html and f"/contracten/{signed.pk}/" in html
    # 2025 was reported for three KPIs; "Bereik" has no 2025 report
    assert "Te late KPI-rapportage (1)" in html and f"/contracten/{active.pk}/" in html
    assert "Bereik" in html.split("Te late KPI-rapportage")[1].split("</section>")[0]


@time_machine.travel(NOW, tick=False)
def test_registrations_are_not_queued_for_review_before_the_registration_phase_is_over(
    client, personas, zk_procurement
):
    later_steps(zk_procurement, personas.officer, registrations=6)
    zk_procurement.current_phase = "registration"
    zk_procurement.save(update_fields=["current_phase"])
    client.force_login(personas.officer)
    html = client.get("/inkoper/").content.decode()
    assert "Aanmeldingen te beoordelen (0)" in html
    assert "Beoordelingen wachten op bevestiging (0)" in html


@time_machine.travel(NOW, tick=False)
def test_another_regions_officer_sees_no_figures_or_queue_items_of_it(client, personas, zk_procurement):
    lot = later_steps(zk_procurement, personas.officer, registrations=6)
    client.force_login(personas.other_officer)
    html = client.get("/inkoper/").content.decode()
    assert f'data-lot="{lot.number}"' not in html
    for heading in [
        "Aanmeldingen te beoordelen",
        "Verslagen open voor commentaar",
        "Contracten te contrasigneren",
    ]:
        assert f"{heading} (0)" in html
    assert "Te late KPI-rapportages (0)" in html
    assert zk_procurement.reference not in html and "Bilateraal gesprek" not in html
