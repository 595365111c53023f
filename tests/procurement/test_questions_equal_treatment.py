"""Equal treatment: every registered provider sees the same answers at the same moment, nobody before
publication, and nothing published shows who asked."""

import pytest
from django.urls import reverse

from procurement.models import AnswerRound
from procurement.services.questions import publish_round
from tests.factories import MembershipFactory, make_procurement
from tests.procurement.factories_docsqa import answer, ask, open_question_window, pdf_text, register

pytestmark = pytest.mark.django_db

ORGANISATION_MARKER = "Zorgbureau Verklikker"
PERSON_MARKER = "Xander Klikspaan"
EMAIL_MARKER = "klikspaan@verklikker.test"


@pytest.fixture
def scene(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    asker = MembershipFactory(
        organisation__name=ORGANISATION_MARKER, user__full_name=PERSON_MARKER, user__email=EMAIL_MARKER
    )
    register(
        procurement,
        (asker.user, asker.organisation),
        (personas.provider_a, personas.organisation_a),
        (personas.provider_b, personas.organisation_b),
    )
    open_question_window(procurement)
    question = ask(
        procurement,
        asker.user,
        asker.organisation,
        f"Wij van {ORGANISATION_MARKER} willen weten of de tarieven worden geïndexeerd.",
    )
    answer(
        procurement,
        personas.officer,
        question,
        published_text="Worden de tarieven jaarlijks geïndexeerd?",
        text="Ja, jaarlijks met de OVA-index.",
    )
    return procurement, asker


def answers_page(client, user, procurement) -> str:
    client.force_login(user)
    response = client.get(reverse("procurement:answers", args=[procurement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def publish(procurement, officer, capture):
    with capture(execute=True):
        publish_round(AnswerRound.objects.get(procurement=procurement), actor=officer)


def test_nobody_sees_an_answer_before_publication(client, personas, scene):
    procurement, asker = scene
    for user in (asker.user, personas.provider_a, personas.provider_b):
        page = answers_page(client, user, procurement)
        assert "OVA-index" not in page
        assert "Er zijn nog geen antwoorden gepubliceerd." in page


def test_every_registered_provider_sees_the_same_answers_after_publication(
    client, personas, scene, django_capture_on_commit_callbacks
):
    procurement, asker = scene
    publish(procurement, personas.officer, django_capture_on_commit_callbacks)
    pages = [answers_page(client, user, procurement) for user in (personas.provider_a, personas.provider_b)]
    main = [page.split('<main id="main"', 1)[1].split("</main>")[0] for page in pages]
    assert main[0] == main[1]
    assert "Ja, jaarlijks met de OVA-index." in main[0]
    assert "Worden de tarieven jaarlijks geïndexeerd?" in main[0]


def test_an_unregistered_provider_sees_no_answers(
    client, personas, scene, django_capture_on_commit_callbacks
):
    procurement, _ = scene
    publish(procurement, personas.officer, django_capture_on_commit_callbacks)
    unregistered = MembershipFactory().user
    page = answers_page(client, unregistered, procurement)
    assert "OVA-index" not in page
    assert "Registreer uw organisatie" in page


def test_the_asker_appears_nowhere_in_published_pages_or_the_pdf(
    client, personas, scene, django_capture_on_commit_callbacks
):
    procurement, asker = scene
    publish(procurement, personas.officer, django_capture_on_commit_callbacks)
    answer_round = AnswerRound.objects.get()
    published = [answers_page(client, user, procurement) for user in (personas.provider_a, personas.alderman)]
    client.force_login(personas.provider_b)
    published.append(client.get(reverse("procurement:documents", args=[procurement.pk])).content.decode())
    download = client.get(reverse("procurement:version_download", args=[answer_round.pdf_id]))
    published.append(pdf_text(b"".join(download.streaming_content)))
    for text in published:
        for marker in (ORGANISATION_MARKER, PERSON_MARKER, EMAIL_MARKER, "Verklikker", "Klikspaan"):
            assert marker not in text
    assert "OVA-index" in published[-1]


def test_answers_page_query_count_does_not_grow_with_answers(
    client, personas, scene, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    procurement, asker = scene
    for number in range(5):
        question = ask(procurement, asker.user, asker.organisation, f"Extra vraag {number}?")
        answer(procurement, personas.officer, question)
    publish(procurement, personas.officer, django_capture_on_commit_callbacks)
    client.force_login(personas.provider_a)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("procurement:answers", args=[procurement.pk])).content.decode()
    assert page.count("Extra vraag") == 5
