"""Tasks of the registration of interest: thin, taking ids, idempotent."""

from celery import shared_task

from common.tasks import hand_to_worker
from procurement.services.registration import make_receipt, registrations_without_receipt

__all__ = ["make_registration_receipt", "make_missing_registration_receipts"]


@shared_task
def make_registration_receipt(registration_id: int) -> bool:
    """Make the receipt PDF of a submitted registration; a second run makes nothing."""
    return make_receipt(registration_id)


@shared_task
def make_missing_registration_receipts() -> int:
    """The sweep for receipts whose task was never queued (the broker was down at submission)."""
    ids = list(registrations_without_receipt().values_list("pk", flat=True)[:100])
    for registration_id in ids:
        hand_to_worker(make_registration_receipt, registration_id, left_to="the next receipt sweep")
    return len(ids)
