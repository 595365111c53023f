"""Helpers for the documents and Q&A tests: registered providers, an open question window, files."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from procurement.models import Document, Phase
from procurement.services.documents import create_document, publish_version, upload_version
from procurement.services.procurements import register_participant

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "bestek.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def register(procurement, *memberships_of) -> None:
    """Register the organisations (given as (user, organisation) pairs) on the procurement."""
    for user, organisation in memberships_of:
        register_participant(procurement, organisation, actor=user)


def open_question_window(procurement, *, days: int = 7) -> Phase:
    phase = procurement.phases.get(key=procurement.current_phase)
    phase.question_deadline = timezone.now() + timedelta(days=days)
    phase.save(update_fields=["question_deadline"])
    return phase


def published_document(procurement, officer, *, audience=Document.Audience.PROVIDERS, title="Bestek"):
    document = create_document(
        procurement, actor=officer, kind=Document.Kind.INVITATION, title=title, audience=audience
    )
    version = upload_version(document, pdf_upload(), actor=officer)
    publish_version(version, actor=officer)
    version.refresh_from_db()
    return document, version


def ask(procurement, user, organisation, text: str, **extra):
    from procurement.services.questions import ask_question

    return ask_question(procurement, actor=user, organisation=organisation, text=text, **extra)


def answer(procurement, officer, *questions, published_text: str = "", text: str = "Het antwoord."):
    from procurement.services.questions import answer_questions

    return answer_questions(
        procurement,
        list(questions),
        actor=officer,
        question_text=published_text or questions[0].text,
        answer_text=text,
    )


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
