"""Read-only questions about the tenders of a lot that verbs, jobs and pages share: its current tenders,
its award criteria and the ranking that follows from the consensus scores."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from procurement.models import AwardCriterion, ConsensusScore, Lot, TenderSubmission
from procurement.models.tenders import SCORE_MAX


def current_tenders(lot: Lot) -> QuerySet[TenderSubmission]:
    return TenderSubmission.objects.filter(lot=lot, superseded_at__isnull=True).select_related("organisation")


def award_criteria(lot: Lot) -> QuerySet[AwardCriterion]:
    return AwardCriterion.objects.filter(invitation__lot=lot)


@dataclass
class Ranked:
    rank: int
    submission: TenderSubmission
    total: Decimal
    scores: list[ConsensusScore]


def ranking(lot: Lot) -> list[Ranked]:
    """The tenders with a complete consensus, by weighted total (points out of 100), best first. A score
    counts as score / 10 x weight."""
    criteria = list(award_criteria(lot))
    consensus = ConsensusScore.objects.filter(submission__lot=lot, submission__superseded_at__isnull=True)
    by_tender: dict[int, list[ConsensusScore]] = {}
    for score in consensus.select_related("criterion"):
        by_tender.setdefault(score.submission_id, []).append(score)
    rows = []
    for submission in current_tenders(lot):
        scores = by_tender.get(submission.pk, [])
        if len(scores) != len(criteria):
            continue
        total = sum((s.score / SCORE_MAX * s.criterion.weight for s in scores), Decimal("0"))
        rows.append(
            (total.quantize(Decimal("0.01")), submission, sorted(scores, key=lambda s: s.criterion.order))
        )
    rows.sort(key=lambda row: (-row[0], row[1].submitted_at))
    return [Ranked(rank=i + 1, submission=s, total=t, scores=sc) for i, (t, s, sc) in enumerate(rows)]
