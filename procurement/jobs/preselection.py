"""The decision letter of each published preselection decision, made by the worker after the publication
committed."""

from django.db.models import QuerySet

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import render_pdf
from common.timezone import local
from procurement.models import Review


def reviews_without_letter() -> QuerySet[Review]:
    return Review.objects.filter(published_at__isnull=False, letter="")


def make_decision_letter(review_id: int) -> bool:
    """Render and keep the decision letter of a published decision, once. Returns whether it made one."""
    pending = (
        reviews_without_letter()
        .filter(pk=review_id)
        .select_related("registration__lot__procurement", "registration__lead")
        .prefetch_related("assessments__criterion", "registration__members__organisation")
    )
    return (
        make_once(
            pending,
            render=_render_letter,
            keep=lambda review, pdf: keep_file(review, "letter", f"decision-{review.pk}.pdf", pdf),
            recorded=lambda review, pdf: record(
                Action.PRESELECTION_LETTER,
                actor=None,
                obj=review,
                procurement_id=review.registration.lot.procurement_id,
            ),
        )
        is not None
    )


def _render_letter(review: Review) -> bytes:
    registration = review.registration
    return render_pdf(
        "procurement/pdf/decision_letter.html",
        {
            "review": review,
            "registration": registration,
            "lot": registration.lot,
            "procurement": registration.lot.procurement,
            "published_at": local(review.published_at),
            "objection_until": review.objection_until,
            "assessments": review.assessments.all(),
        },
    )
