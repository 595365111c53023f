"""The receipt of a registration of interest, made by the worker after the submission committed."""

from django.db.models import QuerySet

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import render_pdf
from common.timezone import local
from procurement.models import Registration


def registrations_without_receipt() -> QuerySet[Registration]:
    return Registration.objects.filter(submitted_at__isnull=False, receipt="")


def make_registration_receipt(registration_id: int) -> bool:
    """Render and keep the receipt PDF of a submitted registration, once. Returns whether it made one."""
    pending = (
        registrations_without_receipt()
        .filter(pk=registration_id)
        .select_related("lot__procurement", "lead")
        .prefetch_related("members__organisation", "members__care_types")
    )
    return (
        make_once(
            pending,
            render=_render_receipt,
            keep=lambda registration, pdf: keep_file(
                registration, "receipt", f"receipt-{registration.pk}.pdf", pdf
            ),
            recorded=lambda registration, pdf: record(
                Action.REGISTRATION_RECEIPT,
                actor=None,
                obj=registration,
                procurement_id=registration.lot.procurement_id,
                message=registration.content_sha256,
            ),
        )
        is not None
    )


def _render_receipt(registration: Registration) -> bytes:
    return render_pdf(
        "procurement/pdf/registration_receipt.html",
        {
            "registration": registration,
            "members": registration.members.all(),
            "submitted_at": local(registration.submitted_at),
        },
    )
