"""A dashboard or the answers page is cached per reader: a repeat visit costs one query (loading the
person), and the copy is never served to another person, another browser, in another language, after a
change made through a service, after a new notification, to someone who lost the role, or instead of a
message to show."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from accounts.services.notifications import notify
from audit.services import record, refused
from common.cache import DATA_VERSION_KEY, data_changed, data_version
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db

OFFICER_PAGE = reverse("dashboards:officer")


def _browser(user) -> Client:
    """A browser of ``user`` after its first page: logged in, holding its CSRF cookie."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(reverse("dashboards:home"), follow=True).status_code == 200
    return client


def _visit(client, url=OFFICER_PAGE) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _token(body: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


@pytest.fixture
def procurement(personas):
    return make_procurement(personas.officer)


def test_a_repeat_visit_costs_one_query_and_shows_the_same_page(personas, procurement):
    browser = _browser(personas.officer)
    rendered, first = _visit(browser)
    repeated, second = _visit(browser)
    assert rendered > 1
    assert repeated == 1  # the person, with roles and unread count; the session comes from the cache
    assert second == first
    assert procurement.reference in second


def test_the_cache_can_be_switched_off(personas, procurement, settings):
    settings.PAGE_CACHE_SECONDS = 0
    browser = _browser(personas.officer)
    assert _visit(browser)[0] == _visit(browser)[0] > 1


def test_another_person_with_the_same_role_gets_their_own_page(personas, procurement):
    first, second = _browser(personas.officer), _browser(personas.second_officer)
    _visit(first)
    _visit(first)
    queries, page = _visit(second)
    assert queries > 1
    assert personas.second_officer.get_full_name() in page
    assert personas.officer.get_full_name() not in page


def test_another_browser_of_the_same_person_gets_tokens_for_its_own_csrf_secret(personas, procurement):
    first, second = _browser(personas.officer), _browser(personas.officer)
    _visit(first)
    first_page = _visit(first)[1]
    second_page = _visit(second)[1]
    assert _token(first_page) != _token(second_page)
    url = reverse("dashboards:request_council_report", args=[procurement.pk])
    assert second.post(url, {"csrfmiddlewaretoken": _token(second_page)}).status_code == 302
    assert first.post(url, {"csrfmiddlewaretoken": _token(first_page)}).status_code == 302


def test_a_page_from_the_cache_still_carries_a_valid_token(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    queries, page = _visit(browser)
    assert queries == 1
    url = reverse("dashboards:request_council_report", args=[procurement.pk])
    assert browser.post(url, {"csrfmiddlewaretoken": _token(page)}).status_code == 302


def test_a_change_through_a_service_shows_at_the_next_visit(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    _visit(browser)
    procurement.title = "Jeugdhulp na de wijziging"
    procurement.save(update_fields=["title"])
    assert "Jeugdhulp na de wijziging" not in _visit(browser)[1]  # no service, no audit entry: kept
    record("procurement.update", actor=personas.officer, obj=procurement, procurement_id=procurement.pk)
    assert "Jeugdhulp na de wijziging" in _visit(browser)[1]


def test_a_refused_attempt_changes_nothing_and_keeps_the_copy(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    _visit(browser)
    refused("procurement.update", actor=personas.other_officer, obj=procurement)
    assert _visit(browser)[0] == 1


def test_a_new_notification_shows_at_the_next_visit(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    assert "ongelezen" not in _visit(browser)[1]
    notify([personas.officer], key="test.cache", subject="Nieuw", body="Er is iets nieuws.")
    assert "1 ongelezen" in _visit(browser)[1]


def test_someone_who_lost_the_role_is_refused_despite_the_copy(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    _visit(browser)
    personas.officer.groups.remove(Group.objects.get(name=Role.PROCUREMENT_OFFICER.value))
    assert browser.get(OFFICER_PAGE).status_code == 403


def test_a_deactivated_person_is_logged_out_despite_the_copy(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    _visit(browser)
    personas.officer.is_active = False
    personas.officer.save(update_fields=["is_active"])
    response = browser.get(OFFICER_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_each_language_has_its_own_copy(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    dutch = _visit(browser)[1]
    browser.post(reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": _token(dutch)})
    english = _visit(browser)[1]
    assert 'lang="en"' in english
    assert 'lang="nl"' in dutch


def test_a_message_is_shown_once_and_never_cached(personas, procurement):
    browser = _browser(personas.officer)
    _visit(browser)
    page = _visit(browser)[1]
    url = reverse("dashboards:request_council_report", args=[procurement.pk])
    browser.post(url, {"csrfmiddlewaretoken": _token(page)})
    with_message = _visit(browser)[1]
    assert "wordt gemaakt" in with_message
    assert "wordt gemaakt" not in _visit(browser)[1]


def test_the_alderman_dashboard_and_the_answers_page_are_cached_per_reader_too(personas, procurement):
    alderman = _browser(personas.alderman)
    dashboard = reverse("dashboards:alderman")
    _visit(alderman, dashboard)
    queries, page = _visit(alderman, dashboard)
    assert queries == 1
    assert procurement.reference in page

    answers = reverse("procurement:answers", args=[procurement.pk])
    officer, outsider = _browser(personas.officer), _browser(personas.provider_b)
    _visit(officer, answers)
    assert _visit(officer, answers)[0] == 1
    response = outsider.get(answers)
    assert response.status_code in (200, 404)
    assert personas.officer.get_full_name() not in response.content.decode()


def test_the_data_version_changes_now_and_again_at_the_commit(django_capture_on_commit_callbacks):
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        data_changed()
        inside = data_version()
        assert inside != before
    assert data_version() not in (before, inside)


def test_a_lost_data_version_starts_again_from_the_clock():
    from django.core.cache import cache

    before = data_version()
    cache.delete(DATA_VERSION_KEY)
    data_changed()
    assert data_version() > before
    with translation.override("en"):
        assert data_version() == data_version()
