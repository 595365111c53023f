"""The Nota van Inlichtingen of each published round of answers: a numbered PDF, kept as a published
procurement document, made by the worker after the publication committed."""

from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from audit.actions import Action
from audit.services import record
from common.files import make_once
from common.pdf import in_portal_language, render_pdf
from common.uploads import check_upload
from procurement.models import AnswerRound, Document


def rounds_without_nota() -> QuerySet[AnswerRound]:
    """Published rounds whose Nota van Inlichtingen PDF has not been made (yet)."""
    return AnswerRound.objects.filter(published_at__isnull=False, pdf__isnull=True)


def make_nota_van_inlichtingen(round_id: int) -> bool:
    """Render the round's PDF, in the portal's language, and keep it as a published document of kind nvi,
    once. Returns whether it made one."""
    pending = rounds_without_nota().filter(pk=round_id).select_related("procurement", "published_by")
    return (
        make_once(
            pending,
            render=_render_nota,
            keep=_keep_nota,
            recorded=lambda answer_round, pdf: record(
                Action.ANSWERS_NVI_GENERATED,
                actor=answer_round.published_by,
                obj=answer_round.pdf,
                procurement_id=answer_round.procurement_id,
            ),
        )
        is not None
    )


def _render_nota(answer_round: AnswerRound) -> bytes:
    answers = list(answer_round.answers.select_related("document").order_by("number"))
    with in_portal_language():
        return render_pdf(
            "procurement/pdf/nvi.html",
            {"procurement": answer_round.procurement, "round": answer_round, "answers": answers},
        )


def _keep_nota(answer_round: AnswerRound, pdf: bytes) -> None:
    procurement = answer_round.procurement
    with in_portal_language():
        title = _("Nota van Inlichtingen %(number)s") % {"number": answer_round.number}
    document = Document.objects.create(
        procurement=procurement, kind=Document.Kind.NOTA_VAN_INLICHTINGEN, title=title
    )
    upload = ContentFile(pdf, name=f"nota-van-inlichtingen-{procurement.reference}-{answer_round.number}.pdf")
    answer_round.document = document
    answer_round.pdf = document.add_version(
        upload,
        check_upload(upload, allowed={"pdf"}),
        actor=answer_round.published_by,
        published_at=answer_round.published_at,
    )
    answer_round.save(update_fields=["document", "pdf"])
