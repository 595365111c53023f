from celery import shared_task

from .services import make_agreement_set_pdf_file, remind_upcoming_sessions


@shared_task(acks_late=True)
def make_agreement_set_pdf(agreement_set_id: int) -> bool:
    """Make the PDF of a frozen agreement set (idempotent: made once)."""
    return make_agreement_set_pdf_file(agreement_set_id)


@shared_task
def send_session_reminders() -> int:
    """Beat task: remind the invitees of sessions that start within a day (idempotent per session)."""
    return remind_upcoming_sessions()
