"""Tasks of tenders: thin, taking ids, idempotent."""

from celery import shared_task

from procurement.services import tenders as services

__all__ = ["make_tender_receipt", "make_opening_report"]


@shared_task
def make_tender_receipt(submission_id: int) -> bool:
    """Make the receipt PDF of a tender; a second run makes nothing."""
    return services.make_receipt(submission_id)


@shared_task
def make_opening_report(invitation_id: int) -> bool:
    """Make the opening report of an opened vault; a second run makes nothing."""
    return services.make_opening_report(invitation_id)
