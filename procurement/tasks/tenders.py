"""Tasks of tenders: thin, taking ids, idempotent."""

from celery import shared_task

from procurement.models import AwardLetter, InvitationToTender, TenderSubmission
from procurement.services import award, tenders

__all__ = [
    "make_tender_receipt",
    "make_opening_report",
    "make_award_letters",
    "finalise_due_awards",
    "make_missing_tender_pdfs",
]


@shared_task
def make_tender_receipt(submission_id: int) -> bool:
    """Make the receipt PDF of a tender; a second run makes nothing."""
    return tenders.make_receipt(submission_id)


@shared_task
def make_opening_report(invitation_id: int) -> bool:
    """Make the opening report of an opened vault; a second run makes nothing."""
    return tenders.make_opening_report(invitation_id)


@shared_task
def make_award_letters(award_id: int) -> int:
    """Make the award letters not made yet and notify the tenderers; a second run makes nothing."""
    return award.make_letters(award_id)


@shared_task
def finalise_due_awards() -> int:
    """Make definitive the awards whose standstill ended without suspension."""
    return award.finalise_due_awards()


@shared_task
def make_missing_tender_pdfs() -> int:
    """The sweep for receipts, opening reports and letters whose task was never queued."""
    receipts = list(TenderSubmission.objects.filter(receipt="").values_list("pk", flat=True)[:100])
    reports = list(
        InvitationToTender.objects.filter(opened_at__isnull=False, opening_report="").values_list(
            "pk", flat=True
        )[:100]
    )
    awards = set(AwardLetter.objects.filter(file="").values_list("award_id", flat=True)[:100])
    for pk in receipts:
        tenders.make_receipt(pk)
    for pk in reports:
        tenders.make_opening_report(pk)
    for pk in awards:
        award.make_letters(pk)
    return len(receipts) + len(reports) + len(awards)
