import pytest
import time_machine
from django.core.files.base import ContentFile

from procurement.models import DecisionMoment, Document, DocumentVersion, Question
from tests.dashboards.factories_dashboards import (
    NOW,
    ask_questions,
    later_steps,
)
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


def add_document(procurement, *, published: bool, title: str = "Preselectieleidraad") -> Document:
    document = Document.objects.create(procurement=procurement, kind=Document.Kind.PRESELECTION, title=title)
    DocumentVersion.objects.create(
        document=document,
        number=1,
        file=ContentFile(b"%PDF-1.4", name="leidraad.pdf"),
        original_name="leidraad.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
        published_at=NOW if published else None,
    )
    return document


@time_machine.travel(NOW, tick=False)
def test_the_officer_sees_the_work_queues_of_the_procurements_they_run(client, personas, zk_procurement):
    ask_questions(zk_procurement, 2, text="Mag een onderaannemer meedoen?")
    ask_questions(zk_procurement, 1, status=Question.Status.ANSWERED, text="Al beantwoorde vraag")
    add_document(zk_procurement, published=False, title="Concept preselectieleidraad")
    add_document(zk_procurement, published=True, title="Gepubliceerde bijlage")
    client.force_login(personas.officer)
    html = client.get("/inkoper/").content.decode()
    assert "Vragen te beantwoorden (2)" in html
    assert "Mag een onderaannemer meedoen?" in html and "Al beantwoorde vraag" not in html
    assert "Document met ongepubliceerde versies (1)" in html
    assert "Concept preselectieleidraad" in html and "Gepubliceerde bijlage" not in html
    # registration: questions close on 1 December, the phase on 10 December; the preselection deadline
    # of 1 February lies beyond 30 days
    assert "1 december 2026 12:00 (over 6 dagen)" in html
    assert "10 december 2026 12:00 (over 15 dagen)" in html
    assert "1 februari 2027" not in html.split("Deadlines in de komende 30 dagen")[1].split("</section>")[0]
    assert "Besluitvormingsmoment open (1)" in html and "Besluit preselectie" in html
    assert f"/audit/?procurement={zk_procurement.pk}" in html


@time_machine.travel(NOW, tick=False)
def test_another_regions_officer_sees_nothing_of_it(client, personas, zk_procurement):
    ask_questions(zk_procurement, 1, text="Vraag uit Zuid-Kennemerland")
    client.force_login(personas.other_officer)
    html = client.get("/inkoper/").content.decode()
    assert zk_procurement.reference not in html
    assert "Vraag uit Zuid-Kennemerland" not in html
    assert "Vragen te beantwoorden (0)" in html


@pytest.mark.parametrize("persona", ["alderman", "expert", "assessor", "provider_a"])
def test_other_roles_are_refused_the_officer_page(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get("/inkoper/").status_code == 403


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get("/inkoper/")
    assert response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.parametrize("size", [10, 1000])
def test_the_officer_page_issues_the_same_number_of_queries_for_10_and_1000(
    client, personas, zk_procurement, django_assert_max_num_queries, size
):
    later_steps(zk_procurement, personas.officer, registrations=size)  # registers the providers too
    ask_questions(zk_procurement, size)
    for n in range(3):
        add_document(zk_procurement, published=False, title=f"Document {n}")
    DecisionMoment.objects.create(
        procurement=zk_procurement,
        kind="other",
        title="Extra besluit",
        body="college",
        planned_date=NOW.date(),
    )
    make_procurement(personas.officer)
    client.force_login(personas.officer)
    with django_assert_max_num_queries(38):
        assert client.get("/inkoper/").status_code == 200
