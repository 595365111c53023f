import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

START_PAGES = {
    "officer": "dashboards:officer",
    "alderman": "dashboards:alderman",
    "provider_a": "dashboards:provider",
    "expert": "dashboards:guest",
    "assessor": "dashboards:assessor",
}


@pytest.mark.parametrize("persona,page", START_PAGES.items())
def test_home_sends_each_role_to_its_own_start_page(client, personas, persona, page):
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("dashboards:home"))
    assert response.url == reverse(page)
    assert client.get(response.url).status_code == 200


def test_anonymous_visitor_sees_the_public_page(client, db):
    response = client.get(reverse("dashboards:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboards:public")
    assert "Inloggen" in response.content.decode()


@pytest.mark.parametrize("page", sorted(set(START_PAGES.values())))
def test_start_pages_refuse_anonymous_visitors(client, db, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona,page",
    [
        ("provider_a", "dashboards:officer"),
        ("alderman", "dashboards:officer"),
        ("officer", "dashboards:alderman"),
        ("expert", "dashboards:provider"),
        ("provider_a", "dashboards:assessor"),
    ],
)
def test_start_pages_refuse_other_roles(client, personas, persona, page):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse(page)).status_code == 403


def test_provider_sees_only_its_own_organisations(client, personas):
    client.force_login(personas.provider_a)
    content = client.get(reverse("dashboards:provider")).content.decode()
    assert personas.organisation_a.name in content
    assert personas.organisation_b.name not in content


def test_revoking_a_role_takes_effect_on_the_next_request(client, personas):
    client.force_login(personas.officer)
    assert client.get(reverse("dashboards:officer")).status_code == 200
    personas.officer.groups.clear()
    assert client.get(reverse("dashboards:officer")).status_code == 403


def test_language_switch_to_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("dashboards:public")).content.decode()
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Inloggen" in client.get(reverse("dashboards:public")).content.decode()


def test_dutch_is_the_default_whatever_the_browser_asks(client, db):
    content = client.get(reverse("dashboards:public"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Inloggen" in content
    assert 'lang="nl"' in content
