from celery import shared_task

from . import services


@shared_task(acks_late=True)
def make_agreement_set_pdf(agreement_set_id: int) -> bool:
    """Make the PDF of a frozen agreement set (idempotent: made once)."""
    return services.make_agreement_set_pdf_file(agreement_set_id)


@shared_task
def make_missing_agreement_set_pdfs() -> int:
    """Beat: make the agreement set PDFs that were never made (idempotent: a made PDF is skipped)."""
    return services.make_missing_agreement_set_pdfs()


@shared_task
def send_session_reminders() -> int:
    """Beat task: remind the invitees of sessions that start within a day (idempotent per session)."""
    return services.remind_upcoming_sessions()
