"""Tasks of the registration of interest: thin, taking ids, idempotent."""

from celery import shared_task

from common.tasks import hand_to_worker
from procurement.jobs import registration as jobs

__all__ = ["make_registration_receipt", "make_missing_registration_receipts"]


@shared_task(name="procurement.tasks.registration.make_registration_receipt")
def make_registration_receipt(registration_id: int) -> bool:
    """Make the receipt PDF of a submitted registration; a second run makes nothing."""
    return jobs.make_registration_receipt(registration_id)


@shared_task(name="procurement.tasks.registration.make_missing_registration_receipts")
def make_missing_registration_receipts() -> int:
    """The sweep for receipts whose task was never queued (the broker was down at submission)."""
    ids = list(jobs.registrations_without_receipt().values_list("pk", flat=True)[:100])
    for registration_id in ids:
        hand_to_worker(
            "procurement.tasks.registration.make_registration_receipt",
            registration_id,
            left_to="the next receipt sweep",
        )
    return len(ids)
