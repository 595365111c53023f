from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from procurement.models import Answer, AnswerRound, Question
from procurement.services.questions import publish_round
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import answer, ask, open_question_window, published_document, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    register(
        procurement,
        (personas.provider_a, personas.organisation_a),
        (personas.provider_b, personas.organisation_b),
    )
    open_question_window(procurement)
    return procurement


def post_question(client, procurement, user, organisation, text="Mag een onderaannemer meedoen?"):
    client.force_login(user)
    return client.post(
        reverse("procurement:questions", args=[procurement.pk]),
        {"organisation": organisation.pk, "text": text, "section": "3.2", "document": ""},
    )


def test_registered_provider_asks_a_question_in_the_window(client, personas, procurement):
    response = post_question(client, procurement, personas.provider_a, personas.organisation_a)
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.organisation, question.asked_by, question.section) == (
        personas.organisation_a,
        personas.provider_a,
        "3.2",
    )
    assert AuditEntry.objects.filter(action="question.ask", result="success").count() == 1


def test_question_after_the_deadline_is_refused_in_dutch_and_nothing_is_saved(client, personas, procurement):
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = post_question(client, procurement, personas.provider_a, personas.organisation_a)
    assert response.status_code == 400
    assert "De termijn voor het stellen van vragen is verstreken" in response.content.decode()
    assert not Question.objects.exists()
    assert AuditEntry.objects.filter(action="question.ask", result="refused").count() == 1


def test_question_is_refused_once_the_deadline_task_closed_the_window(client, personas, procurement):
    procurement.phases.filter(key="registration").update(questions_closed_at=timezone.now())
    response = post_question(client, procurement, personas.provider_a, personas.organisation_a)
    assert "De termijn voor het stellen van vragen is verstreken" in response.content.decode()
    assert not Question.objects.exists()


def test_question_is_refused_in_a_phase_without_a_question_window(personas, procurement):
    procurement.phases.filter(key="registration").update(question_deadline=None)
    with pytest.raises(ValidationError, match="In de huidige fase kunnen geen vragen worden gesteld."):
        ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?")
    assert not Question.objects.exists()


def test_empty_question_is_refused_in_dutch(client, personas, procurement):
    response = post_question(client, procurement, personas.provider_a, personas.organisation_a, text="  ")
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Question.objects.exists()


def test_unregistered_provider_cannot_ask(client, personas, procurement):
    procurement.participants.filter(organisation=personas.organisation_b).delete()
    response = post_question(client, procurement, personas.provider_b, personas.organisation_b)
    assert response.status_code == 404
    with pytest.raises(ValidationError):
        ask(procurement, personas.provider_b, personas.organisation_b, "Vraag?")
    assert not Question.objects.exists()


def test_provider_cannot_ask_on_behalf_of_another_organisation(client, personas, procurement):
    response = post_question(client, procurement, personas.provider_b, personas.organisation_a)
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_provider_sees_only_the_questions_of_its_own_organisation(client, personas, procurement):
    ask(procurement, personas.provider_a, personas.organisation_a, "Vraag van A over tarieven")
    client.force_login(personas.provider_b)
    page = client.get(reverse("procurement:questions", args=[procurement.pk])).content.decode()
    assert "Vraag van A over tarieven" not in page
    client.force_login(personas.provider_a)
    page = client.get(reverse("procurement:questions", args=[procurement.pk])).content.decode()
    assert "Vraag van A over tarieven" in page


def test_officer_sees_incoming_questions_with_the_asking_organisation(
    client, personas, procurement, django_assert_max_num_queries
):
    for number in range(4):
        ask(procurement, personas.provider_a, personas.organisation_a, f"Vraag {number}")
    client.force_login(personas.officer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("procurement:questions", args=[procurement.pk])).content.decode()
    assert page.count("Aanbieder A") == 4


def test_officer_merges_duplicate_questions_into_one_answer(client, personas, procurement):
    first = ask(procurement, personas.provider_a, personas.organisation_a, "Wat is het tarief?")
    second = ask(procurement, personas.provider_b, personas.organisation_b, "Welk tarief geldt?")
    client.force_login(personas.officer)
    url = reverse("procurement:question_answer", args=[procurement.pk, first.pk])
    assert "Wat is het tarief?" in client.get(url).content.decode()  # the published text defaults to it
    response = client.post(
        url,
        {
            "question_text": "Welk tarief geldt?",
            "answer_text": "Het tarief staat in bijlage 2.",
            "duplicates": [second.pk],
        },
    )
    assert response.status_code == 302
    merged = Answer.objects.get()
    assert set(merged.questions.all()) == {first, second}
    assert set(Question.objects.values_list("status", flat=True)) == {"answered"}


def test_answer_without_text_is_refused_in_dutch_and_saves_nothing(client, personas, procurement):
    question = ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?")
    client.force_login(personas.officer)
    response = client.post(
        reverse("procurement:question_answer", args=[procurement.pk, question.pk]),
        {"question_text": "Vraag?", "answer_text": ""},
    )
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Answer.objects.exists() and not AnswerRound.objects.exists()


def test_publishing_a_round_gives_all_answers_one_moment_and_notifies_every_provider_once(
    personas, procurement, django_capture_on_commit_callbacks
):
    first = ask(procurement, personas.provider_a, personas.organisation_a, "Vraag een?")
    second = ask(procurement, personas.provider_b, personas.organisation_b, "Vraag twee?")
    answer(procurement, personas.officer, first)
    answer(procurement, personas.officer, second)
    answer_round = AnswerRound.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        publish_round(answer_round, actor=personas.officer)
    answer_round.refresh_from_db()
    assert answer_round.published_at is not None
    assert list(answer_round.answers.values_list("number", flat=True)) == [1, 2]
    assert set(Question.objects.values_list("status", flat=True)) == {"published"}
    notified = Notification.objects.filter(key=f"answer-round-published-{answer_round.pk}")
    assert sorted(notified.values_list("user__email", flat=True)) == sorted(
        [personas.provider_a.email, personas.provider_b.email]
    )
    with pytest.raises(ValidationError, match="Deze ronde is al gepubliceerd."):
        publish_round(answer_round, actor=personas.officer)
    assert notified.count() == 2


def test_next_answers_go_into_a_new_round(personas, procurement):
    answer(
        procurement, personas.officer, ask(procurement, personas.provider_a, personas.organisation_a, "Een?")
    )
    publish_round(AnswerRound.objects.get(), actor=personas.officer)
    later = answer(
        procurement, personas.officer, ask(procurement, personas.provider_a, personas.organisation_a, "Twee?")
    )
    assert later.round.number == 2 and later.round.published_at is None


def test_officer_pages_are_closed_to_everyone_else(client, personas, procurement):
    question = ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?")
    answer_round = answer(procurement, personas.officer, question).round
    second = ask(procurement, personas.provider_a, personas.organisation_a, "Nog een vraag?")
    for persona in ("provider_a", "provider_b", "alderman", "other_officer", "expert"):
        client.force_login(getattr(personas, persona))
        answer_url = reverse("procurement:question_answer", args=[procurement.pk, second.pk])
        assert client.get(answer_url).status_code == 404, persona
        publish_url = reverse("procurement:round_publish", args=[procurement.pk, answer_round.pk])
        assert client.post(publish_url).status_code == 404, persona
    client.force_login(personas.other_officer)
    assert client.get(reverse("procurement:questions", args=[procurement.pk])).status_code == 404
    answer_round.refresh_from_db()
    assert answer_round.published_at is None


def test_anonymous_is_sent_to_the_login_page(client, procurement):
    for url in (
        reverse("procurement:questions", args=[procurement.pk]),
        reverse("procurement:answers", args=[procurement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_question_about_a_document_of_another_procurement_is_refused(personas, procurement):
    other = make_procurement(personas.officer)
    document, _ = published_document(other, personas.officer)
    with pytest.raises(ValidationError, match="Dit document hoort bij een andere aanbesteding."):
        ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?", document=document)
    assert not Question.objects.exists()


def test_question_about_a_document_and_section_is_kept(client, personas, procurement):
    document, _ = published_document(procurement, personas.officer)
    client.force_login(personas.provider_a)
    client.post(
        reverse("procurement:questions", args=[procurement.pk]),
        {
            "organisation": personas.organisation_a.pk,
            "text": "Vraag?",
            "section": "2.1",
            "document": document.pk,
        },
    )
    assert Question.objects.get().document == document


def test_another_regions_officer_cannot_read_the_answers(client, personas, procurement):
    client.force_login(personas.other_officer)
    assert client.get(reverse("procurement:answers", args=[procurement.pk])).status_code == 404
