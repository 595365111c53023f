from celery import shared_task

from common.tasks import hand_to_worker

__all__ = ["generate_nota_van_inlichtingen", "make_missing_notas_van_inlichtingen"]


@shared_task(acks_late=True)
def generate_nota_van_inlichtingen(round_id: int) -> int | None:
    """Make the Nota van Inlichtingen PDF of a published round (idempotent)."""
    from procurement.services.questions import make_nota_van_inlichtingen

    return make_nota_van_inlichtingen(round_id).pdf_id


@shared_task
def make_missing_notas_van_inlichtingen() -> int:
    """The sweep for published rounds without their PDF (the broker was down at publication, or a worker
    died): queue each once more; making the PDF is idempotent, so a round queued twice gets one PDF."""
    from procurement.services.questions import rounds_without_nota

    ids = list(rounds_without_nota().order_by("pk").values_list("pk", flat=True)[:100])
    for round_id in ids:
        hand_to_worker(
            generate_nota_van_inlichtingen, round_id, left_to="the next Nota van Inlichtingen sweep"
        )
    return len(ids)
