from celery import shared_task

__all__ = ["generate_nota_van_inlichtingen"]


@shared_task(acks_late=True)
def generate_nota_van_inlichtingen(round_id: int) -> int | None:
    """Make the Nota van Inlichtingen PDF of a published round (idempotent)."""
    from procurement.services.questions import make_nota_van_inlichtingen

    return make_nota_van_inlichtingen(round_id).pdf_id
