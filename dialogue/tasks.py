from celery import shared_task

from .services import make_agreement_set_pdf_file


@shared_task(acks_late=True)
def make_agreement_set_pdf(agreement_set_id: int) -> bool:
    """Make the PDF of a frozen agreement set (idempotent: made once)."""
    return make_agreement_set_pdf_file(agreement_set_id)
