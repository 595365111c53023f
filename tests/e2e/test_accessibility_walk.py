"""Accessibility of every page: each persona of the permission matrix opens, in Chromium, every HTML page
the matrix says it may open (GET 200) in the matrix's world, and axe-core finds no serious or critical
violation on any of them."""

import pytest

from tests.e2e.conftest import assert_accessible, log_in
from tests.procurement.factories_tenders import _tender_key  # noqa: F401  (the world seals tenders)
from tests.security.matrix import PERSONAS, PersonaClient, named_routes
from tests.security.test_permission_matrix import EXPECTED, path_of
from tests.security.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def html_pages(world, persona: str) -> list[str]:
    """The paths of the HTML pages this persona may open (downloads left out)."""
    client = PersonaClient(world, persona)
    pages = []
    for route in named_routes():
        row = EXPECTED.get(route.name)
        if row is None or row.get[persona] != 200:
            continue
        path = path_of(route, world)
        if client.request("GET", path).content_type.startswith("text/html"):
            pages.append(path)
    return pages


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_may_open_passes_axe(page, personas, persona):
    world = build_world(personas)
    pages = html_pages(world, persona)
    assert len(pages) >= 3
    if persona != "anonymous":
        log_in(page, getattr(world, persona).email)
    problems = []
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        try:
            assert_accessible(page)
        except AssertionError as violation:
            problems.append(str(violation))
    assert problems == []


def test_the_accessibility_statement_is_linked_from_every_page_and_says_what_it_must(page, db):
    page.goto("/account/login/")
    page.get_by_role("link", name="Toegankelijkheidsverklaring").click()
    assert page.url.endswith("/toegankelijkheid/")
    text = page.locator("main").inner_text()
    for expected in ("WCAG 2.1", "niveau AA", "axe-core", "vijf werkdagen"):
        assert expected in text
    assert_accessible(page)
