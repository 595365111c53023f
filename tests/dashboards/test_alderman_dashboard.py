import pytest
import time_machine

from procurement.models import Question
from tests.dashboards.factories_dashboards import (
    CONFIDENTIAL_ORGANISATION,
    CONFIDENTIAL_QUESTION,
    NOW,
    ask_questions,
    later_steps,
    plant_confidential_question,
    register_providers,
)
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
def test_the_alderman_of_haarlem_sees_the_zk_ij_procurement_and_not_zaanstreek(
    client, personas, zk_procurement
):
    zaanstreek = make_procurement(personas.other_officer, reference="ZW-001", title="Jeugdhulp Zaanstreek")
    from regions.models import Region

    zaanstreek.regions.set([Region.objects.get(slug="zaanstreek-waterland")])
    client.force_login(personas.alderman)
    html = client.get("/wethouder/").content.decode()
    assert zk_procurement.reference in html
    assert "ZW-001" not in html and "Jeugdhulp Zaanstreek" not in html


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_shows_timeline_current_phase_decisions_and_lot_figures(
    client, personas, zk_procurement
):
    register_providers(zk_procurement, 3)
    ask_questions(zk_procurement, 2)
    ask_questions(zk_procurement, 1, status=Question.Status.PUBLISHED)
    client.force_login(personas.alderman)
    html = client.get("/wethouder/").content.decode()
    assert "<svg" in html and "Fasenplanning: gepland tegenover werkelijk" in html
    assert "vandaag" in html
    assert "Huidige fase: aanmelding." in html
    assert "nog 15 dagen" in html  # 10 December, counted in Amsterdam from 25 November
    assert "Vaststelling verwervingsstrategie" in html and "Besluit preselectie" in html
    assert "Perceel 1: Integraal perceel" in html and "Perceel 2: Jeugd-GGZ" in html
    assert 'data-figure="providers">5<' in html  # three plus the two organisations that asked
    assert 'data-figure="questions-asked">3<' in html
    assert 'data-figure="questions-answered">1<' in html
    assert 'data-figure="questions-published">1<' in html


@time_machine.travel(NOW, tick=False)
def test_no_provider_name_or_question_text_reaches_the_alderman_page(client, personas, zk_procurement):
    plant_confidential_question(zk_procurement)
    register_providers(zk_procurement, 2)
    client.force_login(personas.alderman)
    html = client.get("/wethouder/").content.decode()
    assert CONFIDENTIAL_QUESTION not in html and "GEHEIM-VRAAG" not in html
    assert CONFIDENTIAL_ORGANISATION not in html
    assert "Aanbieder " not in html


@pytest.mark.parametrize("persona", ["officer", "other_officer", "expert", "assessor", "provider_a"])
def test_other_roles_are_refused_the_alderman_page(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get("/wethouder/").status_code == 403


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get("/wethouder/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("size", [10, 1000])
def test_the_alderman_page_issues_the_same_number_of_queries_for_10_and_1000(
    client, personas, zk_procurement, django_assert_max_num_queries, size
):
    later_steps(zk_procurement, personas.officer, registrations=size)  # registers the providers too
    ask_questions(zk_procurement, size)
    make_procurement(personas.officer)  # a second procurement on the page
    client.force_login(personas.alderman)
    with django_assert_max_num_queries(22):
        assert client.get("/wethouder/").status_code == 200
