"""The verbs of the procurement (its set-up, lots, registration of providers, documents, questions, phase
planning and decisions) record their refusal in the audit trail, by who tried, on what, in which
procurement, and save nothing; also when the refusal comes from the wrong side (another organisation,
another procurement)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from audit.services import Refused
from procurement.models import DecisionMoment, Document, Participant, Question, SuitabilityQuestion
from procurement.services.decisions import add_decision_moment
from procurement.services.documents import create_document, upload_version
from procurement.services.phases import schedule_phase
from procurement.services.procurements import publish_procurement, register_participant, suspend_lot
from procurement.services.questions import answer_questions
from procurement.services.registration import add_suitability_question
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import ask, open_question_window, pdf_upload, register

pytestmark = pytest.mark.django_db


def refusals() -> list[tuple]:
    return list(
        AuditEntry.objects.filter(result="refused")
        .order_by("pk")
        .values_list("action", "actor_id", "object_type", "object_id", "procurement_id")
    )


def test_a_provider_registering_on_a_procurement_that_is_not_public_is_refused_and_recorded(personas):
    draft = make_procurement(personas.officer, published=False)
    with pytest.raises(Refused):
        register_participant(draft, personas.organisation_a, actor=personas.provider_a)
    assert not Participant.objects.exists()
    assert refusals() == [
        ("participant.register", personas.provider_a.pk, "procurement.procurement", str(draft.pk), draft.pk)
    ]


def test_publishing_twice_and_suspending_without_a_reason_are_refused_and_recorded(personas):
    procurement = make_procurement(personas.officer)
    lot = procurement.lots.get(number="1")
    with pytest.raises(Refused):
        publish_procurement(procurement, actor=personas.second_officer)
    with pytest.raises(Refused):
        suspend_lot(lot, actor=personas.officer, reason=" ")
    lot.refresh_from_db()
    assert lot.status == "open"
    assert refusals() == [
        (
            "procurement.publish",
            personas.second_officer.pk,
            "procurement.procurement",
            str(procurement.pk),
            procurement.pk,
        ),
        ("lot.suspend", personas.officer.pk, "procurement.lot", str(lot.pk), procurement.pk),
    ]


def test_a_document_for_a_lot_of_another_procurement_and_a_refused_file_are_recorded(personas):
    procurement = make_procurement(personas.officer)
    other = make_procurement(personas.other_officer)
    with pytest.raises(Refused):
        create_document(
            procurement, actor=personas.officer, kind="invitation", title="Bestek", lot=other.lots.first()
        )
    assert not Document.objects.exists()
    document = create_document(procurement, actor=personas.officer, kind="invitation", title="Bestek")
    with pytest.raises(Refused):
        upload_version(document, pdf_upload("bestek.exe", b"MZ"), actor=personas.officer)
    assert not document.versions.exists()
    assert refusals() == [
        (
            "document.create",
            personas.officer.pk,
            "procurement.procurement",
            str(procurement.pk),
            procurement.pk,
        ),
        (
            "document.version.upload",
            personas.officer.pk,
            "procurement.document",
            str(document.pk),
            procurement.pk,
        ),
    ]


def test_a_question_on_behalf_of_an_organisation_that_is_not_registered_is_refused_and_recorded(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    register(procurement, (personas.provider_a, personas.organisation_a))
    open_question_window(procurement)
    with pytest.raises(Refused):
        ask(procurement, personas.provider_b, personas.organisation_b, "Mag een onderaannemer meedoen?")
    with pytest.raises(Refused):  # provider B's person on behalf of organisation A: another organisation
        ask(procurement, personas.provider_b, personas.organisation_a, "Mag een onderaannemer meedoen?")
    assert not Question.objects.exists()
    entry = (
        "question.ask",
        personas.provider_b.pk,
        "procurement.procurement",
        str(procurement.pk),
        procurement.pk,
    )
    assert refusals() == [entry, entry]


def test_answering_a_question_of_another_procurement_is_refused_and_recorded(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    other = make_procurement(personas.officer, phase="registration")
    register(other, (personas.provider_a, personas.organisation_a))
    open_question_window(other)
    question = ask(other, personas.provider_a, personas.organisation_a, "Hoe lang duurt het contract?")
    with pytest.raises(Refused):
        answer_questions(
            procurement,
            [question],
            actor=personas.officer,
            question_text="Hoe lang duurt het contract?",
            answer_text="Negen jaar.",
        )
    question.refresh_from_db()
    assert question.status == Question.Status.SUBMITTED
    assert refusals() == [
        (
            "question.answer",
            personas.officer.pk,
            "procurement.procurement",
            str(procurement.pk),
            procurement.pk,
        )
    ]


def test_moving_a_closed_deadline_and_a_decision_on_a_lot_of_another_procurement_are_recorded(personas):
    procurement = make_procurement(personas.officer)
    other = make_procurement(personas.other_officer)
    phase = procurement.phases.get(key="registration")
    phase.deadline, phase.window_closed_at = timezone.now() - timedelta(days=1), timezone.now()
    phase.save(update_fields=["deadline", "window_closed_at"])
    with pytest.raises(Refused):
        schedule_phase(phase, actor=personas.officer, planned_start=None, deadline=timezone.now())
    with pytest.raises(Refused):
        add_decision_moment(
            procurement,
            actor=personas.officer,
            kind="go_no_go",
            title="Go/no-go",
            body="college",
            lot=other.lots.first(),
        )
    assert not DecisionMoment.objects.exists()
    assert refusals() == [
        ("phase.schedule", personas.officer.pk, "procurement.phase", str(phase.pk), procurement.pk),
        (
            "decision.create",
            personas.officer.pk,
            "procurement.procurement",
            str(procurement.pk),
            procurement.pk,
        ),
    ]


def test_an_empty_suitability_question_is_refused_and_recorded(personas):
    procurement = make_procurement(personas.officer)
    with pytest.raises(Refused):
        add_suitability_question(procurement, actor=personas.officer, text=" ", requires_document=False)
    assert not SuitabilityQuestion.objects.exists()
    assert refusals() == [
        (
            "registration.add_question",
            personas.officer.pk,
            "procurement.procurement",
            str(procurement.pk),
            procurement.pk,
        )
    ]
