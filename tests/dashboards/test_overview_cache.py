"""The overview is rendered once per set of procurements and cached as HTML: a change made through a
service shows at the next request, each reader still gets their own CSRF token in the council report
button, and the officer's and the alderman's overviews are cached apart."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procurement.models import DecisionMoment
from procurement.services.decisions import add_decision_moment
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    return len(queries), body


def _decide_on_the_award(procurement, officer) -> None:
    add_decision_moment(
        procurement,
        actor=officer,
        title="Besluit over de gunning",
        kind=DecisionMoment.Kind.AWARD,
        body=DecisionMoment.Body.COLLEGE,
        planned_date=date(2027, 3, 1),
    )


def test_a_decision_added_through_the_service_shows_at_the_next_request(personas):
    procurement = make_procurement(personas.officer)
    officer, url = _client(personas.officer), reverse("dashboards:officer")
    cold, body = _queries(officer, url)
    assert "Besluit over de gunning" not in body
    warm, _body = _queries(officer, url)
    assert warm < cold  # the overview came from the cache

    _decide_on_the_award(procurement, personas.officer)
    assert "Besluit over de gunning" in officer.get(url).content.decode()


def test_each_reader_gets_their_own_token_around_the_cached_overview(personas):
    procurement = make_procurement(personas.officer)
    first, second = _client(personas.officer), _client(personas.second_officer)
    first_page, second_page = (
        first.get(reverse("dashboards:officer")),
        second.get(reverse("dashboards:officer")),
    )
    assert procurement.reference in second_page.content.decode()
    assert _token(first_page) != _token(second_page)

    url = reverse("dashboards:request_council_report", args=[procurement.pk])
    answer = second.post(url, {"csrfmiddlewaretoken": _token(second_page)})
    assert answer.status_code == 302


def test_the_officer_and_the_alderman_overviews_are_cached_apart(personas):
    procurement = make_procurement(personas.officer)
    officer_page = _client(personas.officer).get(reverse("dashboards:officer")).content.decode()
    alderman_page = _client(personas.alderman).get(reverse("dashboards:alderman")).content.decode()
    history = f'{reverse("dashboards:audit")}?procurement={procurement.pk}"'
    assert procurement.reference in alderman_page
    assert history in officer_page
    assert history not in alderman_page


def test_the_work_queues_are_shared_by_the_officers_and_follow_a_service_verb(personas, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the queues' own cache, not the per-reader page cache
    procurement = make_procurement(personas.officer)
    url = reverse("dashboards:officer")
    first, second = _client(personas.officer), _client(personas.second_officer)
    cold, _body = _queries(first, url)
    warm, body = _queries(second, url)
    assert warm < cold  # the second officer got the queues (and overviews) from the cache
    pending = re.search(r'id="queue-decisions">([^<]+)<', body).group(1)

    _decide_on_the_award(procurement, personas.officer)
    after = re.search(r'id="queue-decisions">([^<]+)<', second.get(url).content.decode()).group(1)
    assert after != pending
    assert re.search(r"\d+", after).group() == str(int(re.search(r"\d+", pending).group()) + 1)
