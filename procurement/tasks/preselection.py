"""Tasks of the preselection: thin, taking ids, idempotent."""

from celery import shared_task

from procurement.services.preselection import enqueue_letters, make_letter, reviews_without_letter

__all__ = ["make_decision_letter", "make_missing_decision_letters"]


@shared_task(acks_late=True)
def make_decision_letter(review_id: int) -> bool:
    """Make the decision letter PDF of a published decision; a second run makes nothing."""
    return make_letter(review_id)


@shared_task
def make_missing_decision_letters() -> int:
    """The sweep for letters whose task was never queued (the broker was down at publication)."""
    ids = list(reviews_without_letter().values_list("pk", flat=True)[:100])
    enqueue_letters(ids)
    return len(ids)
