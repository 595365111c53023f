"""Every procurement page from the wrong side: anonymous visitors go to the login page, other roles get
403, an officer of another region gets 404 (nothing tells that the procurement exists)."""

import pytest
from django.urls import reverse

from procurement.models import DecisionMoment, Participant, Procurement
from procurement.services.decisions import add_decision_moment
from tests.factories import OrganisationFactory, make_procurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(personas):
    procurement = make_procurement(personas.officer, published=False)
    add_decision_moment(procurement, actor=personas.officer, kind="go_no_go", title="Go", body="college")
    return procurement


def officer_urls(procurement) -> list[tuple[str, str]]:
    """(method, url) of every officer page of this procurement."""
    pk = procurement.pk
    lot = procurement.lots.get(number="2").pk
    decision = DecisionMoment.objects.get(procurement=procurement).pk
    return [
        ("get", reverse("procurement:manage", args=[pk])),
        ("get", reverse("procurement:edit", args=[pk])),
        ("post", reverse("procurement:publish", args=[pk])),
        ("post", reverse("procurement:advance", args=[pk])),
        ("get", reverse("procurement:phase_schedule", args=[pk, "registration"])),
        ("get", reverse("procurement:lot_add", args=[pk])),
        ("get", reverse("procurement:lot_suspend", args=[pk, lot])),
        ("get", reverse("procurement:lot_resume", args=[pk, lot])),
        ("get", reverse("procurement:lot_split", args=[pk, lot])),
        ("get", reverse("procurement:decision_add", args=[pk])),
        ("get", reverse("procurement:decision_edit", args=[pk, decision])),
    ]


def _request(client, method, url):
    data = {"to_phase": "registration", "reason": "Poging", "number": "9", "title": "X", "kind": "integral"}
    return client.post(url, data) if method == "post" else client.get(url)


def test_anonymous_visitors_are_sent_to_the_login_page(client, procurement):
    urls = [
        *officer_urls(procurement),
        ("get", reverse("procurement:officer_list")),
        ("get", reverse("procurement:create")),
    ]
    for method, url in urls:
        response = _request(client, method, url)
        assert response.status_code == 302 and response.url.startswith("/account/login/?next="), url


@pytest.mark.parametrize("persona", ["provider_a", "alderman", "expert", "assessor"])
def test_other_roles_cannot_manage(client, personas, procurement, persona):
    client.force_login(getattr(personas, persona))
    urls = [
        *officer_urls(procurement),
        ("get", reverse("procurement:officer_list")),
        ("get", reverse("procurement:create")),
    ]
    for method, url in urls:
        assert _request(client, method, url).status_code == 403, url


def test_an_officer_of_another_region_gets_404_and_changes_nothing(client, personas, procurement):
    client.force_login(personas.other_officer)
    for method, url in officer_urls(procurement):
        assert _request(client, method, url).status_code == 404, url
    procurement.refresh_from_db()
    assert (procurement.status, procurement.current_phase, procurement.lots.count()) == (
        "draft",
        "strategy",
        2,
    )


def test_a_colleague_of_the_same_region_manages_the_procurement(client, personas, procurement):
    client.force_login(personas.second_officer)
    for method, url in officer_urls(procurement):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_a_lot_or_decision_of_another_procurement_is_404(client, personas, procurement):
    other = make_procurement(personas.officer)
    client.force_login(personas.officer)
    foreign_lot = other.lots.first().pk
    assert client.get(reverse("procurement:lot_split", args=[procurement.pk, foreign_lot])).status_code == 404
    decision = add_decision_moment(
        other, actor=personas.officer, kind="award", title="Gunning", body="college"
    )
    assert (
        client.get(reverse("procurement:decision_edit", args=[procurement.pk, decision.pk])).status_code
        == 404
    )


def provider_urls(procurement) -> list[tuple[str, str]]:
    return [
        ("get", reverse("procurement:provider_list")),
        ("get", reverse("procurement:detail", args=[procurement.pk])),
        ("post", reverse("procurement:register", args=[procurement.pk])),
    ]


def test_provider_pages_send_anonymous_visitors_to_the_login_page(client, personas):
    procurement = make_procurement(personas.officer)
    for method, url in provider_urls(procurement):
        response = _request(client, method, url)
        assert response.status_code == 302 and response.url.startswith("/account/login/"), url


@pytest.mark.parametrize("persona", ["officer", "alderman", "expert"])
def test_provider_pages_are_for_providers(client, personas, persona):
    procurement = make_procurement(personas.officer)
    client.force_login(getattr(personas, persona))
    for method, url in provider_urls(procurement):
        assert _request(client, method, url).status_code == 403, url


def test_a_draft_is_invisible_to_providers(client, personas, procurement):
    client.force_login(personas.provider_a)
    assert client.get(reverse("procurement:detail", args=[procurement.pk])).status_code == 404
    response = client.post(
        reverse("procurement:register", args=[procurement.pk]), {"organisation": personas.organisation_a.pk}
    )
    assert response.status_code == 404
    assert not Participant.objects.exists()
    assert procurement.title not in client.get(reverse("procurement:provider_list")).content.decode()


def test_the_public_pages_show_published_procurements_only(client, personas, procurement):
    assert client.get(reverse("procurement:public_detail", args=[procurement.pk])).status_code == 404
    assert procurement.reference not in client.get(reverse("procurement:public_list")).content.decode()


def test_anonymous_visitors_see_the_public_announcement_only(client, personas):
    procurement = make_procurement(
        personas.officer, tenderned_url="https://www.tenderned.nl/x/1", tenderned_reference="TN-9"
    )
    add_decision_moment(
        procurement, actor=personas.officer, kind="award", title="Geheim gunningsbesluit", body="college"
    )
    Participant.objects.create(
        procurement=procurement, organisation=personas.organisation_a, registered_by=personas.provider_a
    )
    procurement.documents.create(kind="annex", title="Bijlage tarieven")
    for url in [
        reverse("procurement:public_list"),
        reverse("procurement:public_detail", args=[procurement.pk]),
    ]:
        page = client.get(url).content.decode()
        assert procurement.title in page and "Perceel 1: Integraal perceel" in page
        for secret in ["Aanbieder A", "Geheim gunningsbesluit", "Bijlage tarieven", "officer@zk.test"]:
            assert secret not in page, (url, secret)
    detail = client.get(reverse("procurement:public_detail", args=[procurement.pk])).content.decode()
    assert "Dialooggerichte aanbesteding van jeugdhulp." in detail
    assert "https://www.tenderned.nl/x/1" in detail and "Zuid-Kennemerland" in detail
    assert "Geraamde waarde" not in detail


def test_the_welcome_page_links_to_the_public_announcements(client):
    page = client.get(reverse("dashboards:public")).content.decode()
    assert reverse("procurement:public_list") in page


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("officer", "procurement:officer_list"),
        ("provider_a", "procurement:provider_list"),
        ("alderman", None),
    ],
)
def test_the_main_navigation_links_to_the_procurements(client, personas, persona, target):
    client.force_login(getattr(personas, persona))
    page = client.get(reverse("accessibility")).content.decode()
    link = ">Aanbestedingen</a>"
    if target:
        assert f'href="{reverse(target)}">Aanbestedingen</a>' in page
    else:
        assert link not in page


@pytest.mark.parametrize(
    ("persona", "shown"), [("provider_a", True), ("officer", False), ("alderman", False)]
)
def test_the_main_navigation_links_providers_to_their_tenders(client, personas, persona, shown):
    client.force_login(getattr(personas, persona))
    page = client.get(reverse("accessibility")).content.decode()
    assert (f'href="{reverse("procurement:my_tenders")}">Mijn inschrijvingen</a>' in page) is shown
    assert ("Mijn inschrijvingen" in page) is shown


def test_a_provider_cannot_register_an_organisation_it_does_not_act_for(client, personas):
    procurement = make_procurement(personas.officer)
    client.force_login(personas.provider_a)
    response = client.post(
        reverse("procurement:register", args=[procurement.pk]), {"organisation": personas.organisation_b.pk}
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Participant.objects.exists()
    stranger = OrganisationFactory()
    client.post(reverse("procurement:register", args=[procurement.pk]), {"organisation": stranger.pk})
    assert not Participant.objects.exists()
    assert Procurement.objects.get().participants.count() == 0
