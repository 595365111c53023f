from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.dashboards.factories_dashboards import (
    CONFIDENTIAL_MARKERS,
    CONFIDENTIAL_ORGANISATION,
    ask_questions,
    later_steps,
    plant_confidential_question,
    register_providers,
    scheduled_procurement,
)
from tests.e2e.conftest import ARTIFACTS, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_alderman_sees_the_timeline_and_lot_figures_and_downloads_the_council_report(page, personas):
    procurement = scheduled_procurement(personas.officer)
    register_providers(procurement, 12)
    ask_questions(procurement, 3)
    plant_confidential_question(procurement)
    later_steps(procurement, personas.officer, registrations=4)

    log_in(page, personas.alderman.email)
    page.wait_for_url("**/wethouder/")
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard wethouder"
    timeline = page.get_by_role("img", name="Fasenplanning: gepland tegenover werkelijk")
    assert timeline.is_visible()
    assert page.locator("[data-figure=providers]").inner_text() == "18"
    assert page.locator("[data-figure=questions-asked]").inner_text() == "4"
    assert page.get_by_role("heading", name="Perceel 1: Integraal perceel").is_visible()
    lot = page.locator("[data-lot='1']")
    assert lot.locator("[data-figure=registrations]").inner_text() == "4"
    assert lot.locator("[data-figure=tenders]").inner_text() == "2"
    assert lot.locator("[data-figure=kpis]").inner_text() == "2 / 1"
    content = page.content()
    assert CONFIDENTIAL_ORGANISATION not in content
    assert not [marker for marker in CONFIDENTIAL_MARKERS if marker in content]
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "alderman-dashboard-desktop.png", full_page=True)

    page.get_by_role("button", name="Maak de raadsrapportage van deze maand voor ZKIJ-001").click()
    page.wait_for_url("**/wethouder/")
    assert page.get_by_text("wordt gemaakt").is_visible()
    page.reload()
    link = page.get_by_role("link", name="Stand van zaken")
    with page.expect_download() as download_info:
        link.first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("stand-van-zaken-ZKIJ-001-")
    reader = PdfReader(download.path())
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Voortgang per fase" in text and CONFIDENTIAL_ORGANISATION not in text
    assert "Ontvangen inschrijvingen" in text and "GEHEIM" not in text

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.get_by_role("img", name="Fasenplanning: gepland tegenover werkelijk").is_visible()
    assert_accessible(page)
    page.screenshot(path=ARTIFACTS / "alderman-dashboard-phone.png", full_page=True)


def test_the_officer_follows_the_history_link_to_the_audit_trail_and_exports_it(page, personas):
    procurement = scheduled_procurement(personas.officer)
    ask_questions(procurement, 2, text="Mag een onderaannemer meedoen?")

    log_in(page, personas.officer.email)
    page.wait_for_url("**/inkoper/")
    assert page.get_by_role("heading", name="Vragen te beantwoorden (2)").is_visible()
    assert_accessible(page)
    page.screenshot(path=ARTIFACTS / "officer-dashboard-desktop.png", full_page=True)

    page.get_by_role("link", name="Geschiedenis (audittrail)").click()
    page.wait_for_url(f"**/audit/?procurement={procurement.pk}")
    assert page.get_by_role("cell", name="procurement.publish").is_visible()
    assert_accessible(page)
    page.get_by_label("Handeling").select_option("phase.schedule")
    page.get_by_role("button", name="Zoeken").click()
    assert page.get_by_role("heading", level=2).inner_text() == "4 regels"
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporteren als CSV").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("time_utc,") and len(lines) == 5
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_accessible(page)
