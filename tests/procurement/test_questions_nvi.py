"""The Nota van Inlichtingen PDF: numbered, made once, and by a real worker."""

import time

import pytest
from django.urls import reverse

from procurement.models import AnswerRound, Document, DocumentVersion
from procurement.services.questions import publish_round
from procurement.tasks.questions import generate_nota_van_inlichtingen
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import answer, ask, open_question_window, pdf_text, register


def published_round(personas, *texts: str) -> AnswerRound:
    procurement = make_procurement(personas.officer, phase="registration")
    register(procurement, (personas.provider_a, personas.organisation_a))
    open_question_window(procurement)
    for text in texts:
        question = ask(procurement, personas.provider_a, personas.organisation_a, text)
        answer(procurement, personas.officer, question, text=f"Antwoord op: {text}")
    answer_round = AnswerRound.objects.get(procurement=procurement)
    publish_round(answer_round, actor=personas.officer)
    return answer_round


@pytest.mark.django_db
def test_the_nvi_pdf_is_numbered_and_published_as_a_document(client, personas):
    answer_round = published_round(personas, "Hoe lang duurt het contract?", "Wie beoordeelt de plannen?")
    generate_nota_van_inlichtingen.delay(answer_round.pk)
    answer_round.refresh_from_db()
    version = answer_round.pdf
    assert version.document.kind == Document.Kind.NOTA_VAN_INLICHTINGEN
    assert version.published_at == answer_round.published_at
    client.force_login(personas.provider_a)
    response = client.get(reverse("procurement:version_download", args=[version.pk]))
    text = pdf_text(b"".join(response.streaming_content))
    assert "Nota van Inlichtingen 1" in text
    assert text.index("Vraag 1.1") < text.index("Hoe lang duurt het contract?") < text.index("Vraag 1.2")
    assert "Antwoord op: Wie beoordeelt de plannen?" in text
    assert answer_round.procurement.reference in text


@pytest.mark.django_db
def test_the_task_run_twice_makes_one_pdf(personas):
    answer_round = published_round(personas, "Een vraag?")
    generate_nota_van_inlichtingen.delay(answer_round.pk)
    generate_nota_van_inlichtingen.delay(answer_round.pk)
    assert Document.objects.filter(kind=Document.Kind.NOTA_VAN_INLICHTINGEN).count() == 1
    assert DocumentVersion.objects.filter(document__kind=Document.Kind.NOTA_VAN_INLICHTINGEN).count() == 1


@pytest.mark.django_db
def test_no_pdf_for_an_unpublished_round(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    register(procurement, (personas.provider_a, personas.organisation_a))
    open_question_window(procurement)
    question = ask(procurement, personas.provider_a, personas.organisation_a, "Vraag?")
    answer_round = answer(procurement, personas.officer, question).round
    generate_nota_van_inlichtingen.delay(answer_round.pk)
    assert not DocumentVersion.objects.exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_nvi_pdf_after_publication(personas, celery_worker_process):
    answer_round = published_round(personas, "Vraag voor de echte worker?")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        answer_round.refresh_from_db()
        if answer_round.pdf_id:
            break
        time.sleep(0.3)
    assert answer_round.pdf_id, celery_worker_process.log.read_text()[-3000:]
    version = answer_round.pdf
    text = pdf_text(version.file.read())
    assert "Vraag 1.1" in text and "Vraag voor de echte worker?" in text
    assert "generate_nota_van_inlichtingen" in celery_worker_process.log.read_text()
