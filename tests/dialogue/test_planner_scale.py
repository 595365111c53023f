"""The dialogue planner at scale: the same number of queries for a small and a large dialogue, and the
agreements of the procurement paged rather than all on one page."""

import pytest
from django.db import connection
from django.urls import reverse

from bench.pages import QueryCounter
from demo import load_data
from dialogue.views import PLANNER_AGREEMENTS_PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_and_large():
    load_data.generate(1, factor=0.02)
    return load_data.generate(2, factor=0.3).regions


def test_the_planner_makes_the_same_queries_for_a_small_and_a_large_dialogue(
    client, small_and_large, django_assert_max_num_queries
):
    counts = []
    for world in small_and_large:
        client.force_login(world.officer)
        path = reverse("dialogue:planner", args=[world.procurement.pk])
        client.get(path)  # warm: per-process caches are filled once
        counter = QueryCounter()
        with django_assert_max_num_queries(20), connection.execute_wrapper(counter):
            response = client.get(path)
        assert response.status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]
    small, large = (world.procurement for world in small_and_large)
    assert small.agreements.count() < PLANNER_AGREEMENTS_PAGE_SIZE < large.agreements.count()
    assert large.dialogue_rounds.count() == small.dialogue_rounds.count()
    assert large.themes.get(order=1).agreements.count() > small.themes.get(order=1).agreements.count()


def test_the_planner_pages_through_every_agreement_once(client, small_and_large):
    world = small_and_large[1]
    client.force_login(world.officer)
    path = reverse("dialogue:planner", args=[world.procurement.pk])
    titles = list(world.procurement.agreements.values_list("title", flat=True))
    total = len(titles)
    pages = -(-total // PLANNER_AGREEMENTS_PAGE_SIZE)
    seen: list[str] = []
    for number in range(1, pages + 1):
        html = client.get(path, {"page": number}).content.decode()
        shown = [title for title in titles if f">{title}</a>" in html]
        assert len(shown) == (PLANNER_AGREEMENTS_PAGE_SIZE if number < pages else total - len(seen))
        assert f"Pagina {number} van {pages}" in html
        if number < pages:
            assert f"?page={number + 1}#afspraken" in html
        seen += shown
    assert sorted(seen) == sorted(titles)


@pytest.mark.parametrize("page", ["abc", "-1", "9999"])
def test_a_bad_page_number_shows_the_first_or_the_last_page(client, small_and_large, page):
    world = small_and_large[1]
    client.force_login(world.officer)
    total = world.procurement.agreements.count()
    last = total - (-(-total // PLANNER_AGREEMENTS_PAGE_SIZE) - 1) * PLANNER_AGREEMENTS_PAGE_SIZE
    response = client.get(reverse("dialogue:planner", args=[world.procurement.pk]), {"page": page})
    assert response.status_code == 200
    links = response.content.decode().count('href="/dialoog/afspraken/')
    assert links == (PLANNER_AGREEMENTS_PAGE_SIZE if page == "abc" else last)
