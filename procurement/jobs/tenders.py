"""The documents of the tender submission: the receipt of each tender and the opening report of the vault,
made by the worker after the commits that ask for them."""

import hashlib

from django.db.models import QuerySet

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import render_pdf
from common.timezone import local
from procurement.models import InvitationToTender, TenderSubmission
from procurement.queries import current_tenders


def tenders_without_receipt() -> QuerySet[TenderSubmission]:
    return TenderSubmission.objects.filter(receipt="")


def make_tender_receipt(submission_id: int) -> bool:
    """Render and keep the receipt PDF of a tender, once. Returns whether it made one."""
    pending = (
        tenders_without_receipt().filter(pk=submission_id).select_related("lot__procurement", "organisation")
    )
    return (
        make_once(
            pending,
            render=lambda submission: render_pdf(
                "procurement/pdf/tender_receipt.html",
                {
                    "submission": submission,
                    "files": submission.files.all(),
                    "submitted_at": local(submission.submitted_at),
                },
            ),
            keep=lambda submission, pdf: keep_file(submission, "receipt", "receipt.pdf", pdf),
            recorded=lambda submission, pdf: record(
                Action.TENDER_RECEIPT,
                actor=None,
                obj=submission,
                procurement_id=submission.lot.procurement_id,
                message=submission.content_sha256,
            ),
        )
        is not None
    )


def opened_without_report() -> QuerySet[InvitationToTender]:
    return InvitationToTender.objects.filter(opened_at__isnull=False, opening_report="")


def make_opening_report(invitation_id: int) -> bool:
    """Render and keep the opening report of an opened vault, once: who opened it, when, which tenders
    with their fingerprints. Returns whether it made one."""
    pending = (
        opened_without_report()
        .filter(pk=invitation_id)
        .select_related("lot__procurement", "opening_started_by", "opened_by")
    )
    return (
        make_once(
            pending,
            render=_render_opening_report,
            keep=lambda invitation, pdf: keep_file(
                invitation,
                "opening_report",
                "opening-report.pdf",
                pdf,
                opening_report_sha256=hashlib.sha256(pdf).hexdigest(),
            ),
            recorded=lambda invitation, pdf: record(
                Action.TENDER_OPENING_REPORT,
                actor=None,
                obj=invitation,
                procurement_id=invitation.lot.procurement_id,
                message=invitation.opening_report_sha256,
            ),
        )
        is not None
    )


def _render_opening_report(invitation: InvitationToTender) -> bytes:
    return render_pdf(
        "procurement/pdf/opening_report.html",
        {
            "invitation": invitation,
            "lot": invitation.lot,
            "tenders": current_tenders(invitation.lot).order_by("organisation__name"),
            "started_at": local(invitation.opening_started_at),
            "opened_at": local(invitation.opened_at),
            "deadline": local(invitation.submission_deadline),
        },
    )
