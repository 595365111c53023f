"""Tasks of tenders: thin, taking ids, idempotent."""

from operator import attrgetter

from celery import shared_task

from audit.actions import Action
from audit.services import each_on_its_own
from procurement.jobs import tenders as jobs
from procurement.models import AwardDecision
from procurement.services import award

__all__ = [
    "make_tender_receipt",
    "make_opening_report",
    "make_award_letters",
    "finalise_due_awards",
    "make_missing_tender_pdfs",
]


@shared_task(name="procurement.tasks.tenders.make_tender_receipt")
def make_tender_receipt(submission_id: int) -> bool:
    """Make the receipt PDF of a tender; a second run makes nothing."""
    return jobs.make_tender_receipt(submission_id)


@shared_task(name="procurement.tasks.tenders.make_opening_report")
def make_opening_report(invitation_id: int) -> bool:
    """Make the opening report of an opened vault; a second run makes nothing."""
    return jobs.make_opening_report(invitation_id)


@shared_task(name="procurement.tasks.tenders.make_award_letters")
def make_award_letters(award_id: int) -> int:
    """Make the award letters not made yet and notify the tenderers; a second run makes nothing."""
    return award.send_letters(award_id)


@shared_task(name="procurement.tasks.tenders.finalise_due_awards")
def finalise_due_awards() -> int:
    """Make definitive the awards whose standstill ended without suspension."""
    return award.finalise_due_awards()


@shared_task(name="procurement.tasks.tenders.make_missing_tender_pdfs")
def make_missing_tender_pdfs() -> int:
    """The sweep for receipts, opening reports and letters whose task was never queued; each on its
    own, so one that fails does not stop the others."""
    receipts = jobs.tenders_without_receipt().select_related("lot").order_by("pk")[:100]
    reports = jobs.opened_without_report().select_related("lot").order_by("pk")[:100]
    awards = (
        AwardDecision.objects.filter(letters__file="").distinct().select_related("lot").order_by("pk")[:100]
    )
    of_lot = attrgetter("lot.procurement_id")
    made = each_on_its_own(
        receipts,
        lambda submission: jobs.make_tender_receipt(submission.pk),
        action=Action.TENDER_RECEIPT,
        procurement_id=of_lot,
    )
    made += each_on_its_own(
        reports,
        lambda invitation: jobs.make_opening_report(invitation.pk),
        action=Action.TENDER_OPENING_REPORT,
        procurement_id=of_lot,
    )
    made += each_on_its_own(
        awards,
        lambda decision: award.send_letters(decision.pk),
        action=Action.TENDER_AWARD_LETTER,
        procurement_id=of_lot,
    )
    return len(made)
