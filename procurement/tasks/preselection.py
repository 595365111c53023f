"""Tasks of the preselection: thin, taking ids, idempotent."""

from celery import shared_task

from procurement.jobs import preselection as jobs
from procurement.services.preselection import enqueue_letters

__all__ = ["make_decision_letter", "make_missing_decision_letters"]


@shared_task(name="procurement.tasks.preselection.make_decision_letter", acks_late=True)
def make_decision_letter(review_id: int) -> bool:
    """Make the decision letter PDF of a published decision; a second run makes nothing."""
    return jobs.make_decision_letter(review_id)


@shared_task(name="procurement.tasks.preselection.make_missing_decision_letters")
def make_missing_decision_letters() -> int:
    """The sweep for letters whose task was never queued (the broker was down at publication)."""
    ids = list(jobs.reviews_without_letter().values_list("pk", flat=True)[:100])
    enqueue_letters(ids)
    return len(ids)
