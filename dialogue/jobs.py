"""What the worker makes for the dialogue: the PDF of the agreement set frozen when a lot's dialogue
closed, in the portal's language, made once with ``common.files.make_once``. A leaf: it imports models,
common and audit."""

from django.db.models import QuerySet

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import in_portal_language, render_pdf
from common.timezone import server_now

from .models import AgreementSet, FrozenAgreement


def agreement_sets_without_pdf() -> QuerySet[AgreementSet]:
    return AgreementSet.objects.filter(pdf="")


def make_agreement_set_pdf(agreement_set_id: int) -> bool:
    """Render the agreement set's PDF once, in Dutch whatever language is active; False if it existed
    already."""
    pending = agreement_sets_without_pdf().filter(pk=agreement_set_id).select_related("lot__procurement")
    return (
        make_once(
            pending,
            render=_render,
            keep=lambda agreement_set, pdf: keep_file(
                agreement_set, "pdf", f"{agreement_set.number}.pdf", pdf, pdf_made_at=server_now()
            ),
            recorded=lambda agreement_set, pdf: record(
                Action.DIALOGUE_AGREEMENT_SET_PDF,
                actor=None,
                obj=agreement_set,
                procurement_id=agreement_set.lot.procurement_id,
            ),
        )
        is not None
    )


def _render(agreement_set: AgreementSet) -> bytes:
    with in_portal_language():
        groups: dict[str, dict[str, list[FrozenAgreement]]] = {}
        for frozen in agreement_set.agreements.order_by("kind", "theme_order", "pk"):
            groups.setdefault(frozen.get_kind_display(), {}).setdefault(frozen.theme_title, []).append(frozen)
        return render_pdf(
            "dialogue/agreement_set_pdf.html", {"agreement_set": agreement_set, "groups": groups}
        )
