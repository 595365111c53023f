"""The award letters: one per tenderer of a published award, with the reasons, its own scores and rank, the
winner and the end of the standstill period; made by the worker after the publication committed."""

import hashlib

from django.db.models import QuerySet

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import render_pdf
from common.timezone import local
from procurement.models import AwardDecision, AwardLetter
from procurement.queries import ranking


def letters_to_make() -> QuerySet[AwardLetter]:
    return AwardLetter.objects.filter(file="")


def make_award_letters(award_id: int) -> int:
    """Render and keep the letters of the award not made yet, each once. Returns how many it made."""
    award = AwardDecision.objects.select_related("lot__procurement").get(pk=award_id)
    ranked = ranking(award.lot)
    winners = list(award.winners.select_related("organisation"))
    winning = {w.pk for w in winners}
    shared = {
        "award": award,
        "lot": award.lot,
        "winners": winners,
        "winner_ranked": [r for r in ranked if r.submission.pk in winning],
        "published_at": local(award.published_at),
    }

    def render(letter: AwardLetter) -> bytes:
        own = next((r for r in ranked if r.submission.pk == letter.submission_id), None)
        context = {**shared, "letter": letter, "own": own, "is_winner": letter.submission_id in winning}
        return render_pdf("procurement/pdf/award_letter.html", context)

    made = 0
    for letter_id in letters_to_make().filter(award=award).values_list("pk", flat=True):
        made += (
            make_once(
                letters_to_make().filter(pk=letter_id).select_related("submission__organisation"),
                render=render,
                keep=lambda letter, pdf: keep_file(
                    letter, "file", "award-letter.pdf", pdf, sha256=hashlib.sha256(pdf).hexdigest()
                ),
                recorded=lambda letter, pdf: record(
                    Action.TENDER_AWARD_LETTER,
                    actor=None,
                    obj=letter.submission,
                    procurement_id=award.lot.procurement_id,
                ),
            )
            is not None
        )
    return made
