"""Query counts of the key pages do not grow with the data: a small and a thirty times larger generated
region (more registrations per lot than one page of the overview holds, more agreements, sessions and
contracts) give the same count, under the same bound (the alderman and officer dashboards and the audit
search have their own tests in tests/dashboards)."""

import pytest

from bench.pages import PAGES, QueryCounter
from demo import load_data

pytestmark = pytest.mark.django_db

BOUNDS = {
    "procurement:registration_overview": 20,
    "procurement:answers": 15,
    "dialogue:planner": 20,
    "contracts:register": 12,
}


@pytest.fixture
def small_and_large():
    load_data.generate(1, factor=0.02)
    return load_data.generate(2, factor=0.6).regions


@pytest.mark.parametrize("page", [p for p in PAGES if p.url_name in BOUNDS], ids=lambda p: p.url_name)
def test_the_query_count_does_not_grow_with_the_data(
    client, settings, page, small_and_large, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of rendering the page, not of a cached copy
    from django.db import connection

    counts = []
    for world in small_and_large:
        path, user = page.path_and_user(world)
        client.force_login(user)
        client.get(path)  # warm: per-process caches (content types, translations) are filled once
        counter = QueryCounter()
        with django_assert_max_num_queries(BOUNDS[page.url_name]), connection.execute_wrapper(counter):
            response = client.get(path)
        assert response.status_code == 200
        counts.append(counter.count)
    small, large = small_and_large
    assert counts[0] == counts[1]
    assert large.lots[0].registrations.count() > small.lots[0].registrations.count()
    assert large.procurement.agreements.count() > small.procurement.agreements.count()
    assert large.procurement.dialogue_rounds.filter(sessions__isnull=False).count() > (
        small.procurement.dialogue_rounds.filter(sessions__isnull=False).count()
    )
    assert large.procurement.contracts.count() > small.procurement.contracts.count()


def test_the_registration_overview_is_paginated_and_keeps_its_filters(client, small_and_large):
    from django.db.models import Count

    from procurement.views.registration import OVERVIEW_PAGE_SIZE

    large = small_and_large[1]
    lot = large.lots[0]
    status, total = (
        lot.registrations.values_list("status").annotate(n=Count("pk")).order_by("-n", "status").first()
    )
    assert total > OVERVIEW_PAGE_SIZE
    path, user = PAGES[2].path_and_user(large)
    client.force_login(user)
    names = set(lot.registrations.filter(status=status).values_list("lead__name", flat=True))
    pages = -(-total // OVERVIEW_PAGE_SIZE)
    seen: set[str] = set()
    for number in range(1, pages + 1):
        html = client.get(path, {"status": status, "page": number}).content.decode()
        shown = {name for name in names if f">{name}</a>" in html}
        assert len(shown) == (OVERVIEW_PAGE_SIZE if number < pages else total - len(seen))
        assert not shown & seen
        seen |= shown
        if number < pages:
            assert f"?status={status}&amp;page={number + 1}" in html
    assert seen == names
