"""Tasks of the questions and answers: thin, taking ids, idempotent."""

from celery import shared_task

from common.tasks import hand_to_worker
from procurement.jobs import questions as jobs

__all__ = ["generate_nota_van_inlichtingen", "make_missing_notas_van_inlichtingen"]


@shared_task(name="procurement.tasks.questions.generate_nota_van_inlichtingen", acks_late=True)
def generate_nota_van_inlichtingen(round_id: int) -> bool:
    """Make the Nota van Inlichtingen PDF of a published round; a second run makes nothing."""
    return jobs.make_nota_van_inlichtingen(round_id)


@shared_task(name="procurement.tasks.questions.make_missing_notas_van_inlichtingen")
def make_missing_notas_van_inlichtingen() -> int:
    """The sweep for published rounds without their PDF (the broker was down at publication, or a worker
    died): queue each once more; making the PDF is idempotent, so a round queued twice gets one PDF."""
    ids = list(jobs.rounds_without_nota().order_by("pk").values_list("pk", flat=True)[:100])
    for round_id in ids:
        hand_to_worker(
            "procurement.tasks.questions.generate_nota_van_inlichtingen",
            round_id,
            left_to="the next Nota van Inlichtingen sweep",
        )
    return len(ids)
