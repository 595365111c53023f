from celery import shared_task

from audit.actions import Action
from audit.services import each_on_its_own

from . import jobs, services


@shared_task(name="dialogue.tasks.make_agreement_set_pdf", acks_late=True)
def make_agreement_set_pdf(agreement_set_id: int) -> bool:
    """Make the PDF of a frozen agreement set (idempotent: made once)."""
    return jobs.make_agreement_set_pdf(agreement_set_id)


@shared_task(name="dialogue.tasks.make_missing_agreement_set_pdfs")
def make_missing_agreement_set_pdfs() -> int:
    """Beat: make the agreement set PDFs that were never made (the broker was down when the dialogue
    closed, or a worker died), each on its own, so one that fails does not stop the others. How many it
    made."""
    missing = jobs.agreement_sets_without_pdf().select_related("lot").order_by("pk")[:100]
    return sum(
        each_on_its_own(
            missing,
            lambda agreement_set: jobs.make_agreement_set_pdf(agreement_set.pk),
            action=Action.DIALOGUE_AGREEMENT_SET_PDF,
            procurement_id=lambda agreement_set: agreement_set.lot.procurement_id,
        )
    )


@shared_task(name="dialogue.tasks.send_session_reminders")
def send_session_reminders() -> int:
    """Beat task: remind the invitees of sessions that start within a day (idempotent per session)."""
    return services.remind_upcoming_sessions()
