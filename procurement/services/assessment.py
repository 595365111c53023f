"""The assessment of opened tenders by the committee of a lot: appointed assessors declare per tender
that they have no conflict of interest, score each tender per criterion with a motivation on their own,
and see the others' scores only once they submitted theirs; the chair (an officer) then records the
consensus score per criterion; weighted totals and the ranking follow from the consensus."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from audit.actions import Action
from audit.services import record, refusals_recorded
from common.timezone import server_now
from procurement.access import may_manage
from procurement.models import (
    AssessorAppointment,
    AwardCriterion,
    ConflictDeclaration,
    ConsensusScore,
    IndividualScore,
    InvitationToTender,
    Lot,
    TenderSubmission,
)
from procurement.models.tenders import SCORE_MAX
from procurement.queries import award_criteria, current_tenders


def _opened_invitation(lot: Lot) -> InvitationToTender:
    invitation = InvitationToTender.objects.filter(lot=lot).first()
    if invitation is None or invitation.opened_at is None:
        raise ValidationError(_("The tenders of this lot have not been opened yet."))
    return invitation


def appoint_assessor(lot: Lot, *, user: User, actor: User) -> AssessorAppointment:
    """An officer appoints a user with the assessor role to the committee of a lot."""
    with refusals_recorded(
        Action.TENDER_ASSESSOR_APPOINT, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        if not may_manage(actor, lot.procurement):
            raise ValidationError(_("Only an officer of this procurement can appoint assessors."))
        if not user.has_role(Role.ASSESSOR):
            raise ValidationError(_("Only a user with the assessor role can be appointed."))
        appointment, created = AssessorAppointment.objects.get_or_create(
            lot=lot, user=user, defaults={"appointed_by": actor}
        )
        if not created:
            raise ValidationError(_("This assessor has already been appointed for this lot."))
        record(
            Action.TENDER_ASSESSOR_APPOINT, actor=actor, obj=appointment, procurement_id=lot.procurement_id
        )
    return appointment


def declare_conflict(
    appointment: AssessorAppointment,
    submission: TenderSubmission,
    *,
    has_conflict: bool,
    explanation: str,
    actor: User,
) -> ConflictDeclaration:
    """The assessor declares, per tender and before scoring it, whether there is a conflict of interest."""
    pid = appointment.lot.procurement_id
    with refusals_recorded(Action.TENDER_CONFLICT_DECLARE, actor=actor, obj=submission, procurement_id=pid):
        if appointment.user_id != actor.pk:
            raise ValidationError(_("Only the assessor can make this declaration."))
        _opened_invitation(appointment.lot)
        if submission.lot_id != appointment.lot_id or submission.superseded_at is not None:
            raise ValidationError(_("This tender is not one of the tenders of this lot."))
        if has_conflict and not explanation.strip():
            raise ValidationError(_("Explain the conflict of interest."))
        declaration, created = ConflictDeclaration.objects.get_or_create(
            appointment=appointment,
            submission=submission,
            defaults={"has_conflict": has_conflict, "explanation": explanation.strip()},
        )
        if not created:
            raise ValidationError(_("You have already made a declaration for this tender."))
        record(
            Action.TENDER_CONFLICT_DECLARE,
            actor=actor,
            obj=submission,
            procurement_id=pid,
            changes={"has_conflict": has_conflict},
            message=explanation,
        )
    return declaration


def _checked_scores(
    lot: Lot, scores: dict[int, tuple[Decimal, str]]
) -> dict[AwardCriterion, tuple[Decimal, str]]:
    criteria = list(award_criteria(lot))
    checked = {}
    for criterion in criteria:
        score, motivation = scores.get(criterion.pk, (None, ""))
        if score is None or not Decimal("0") <= Decimal(score) <= SCORE_MAX:
            raise ValidationError(
                _("Give '%(criterion)s' a score from 0 to 10.") % {"criterion": criterion.name}
            )
        if not motivation.strip():
            raise ValidationError(
                _("Motivate the score for '%(criterion)s'.") % {"criterion": criterion.name}
            )
        checked[criterion] = (Decimal(score), motivation.strip())
    return checked


def score_tender(
    appointment: AssessorAppointment,
    submission: TenderSubmission,
    *,
    scores: dict[int, tuple[Decimal, str]],
    actor: User,
) -> None:
    """The assessor's own score and motivation for every criterion of one tender, after declaring no
    conflict of interest for it, until the assessor submits the scores."""
    pid = appointment.lot.procurement_id
    with refusals_recorded(Action.TENDER_SCORE, actor=actor, obj=submission, procurement_id=pid):
        locked = AssessorAppointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.user_id != actor.pk:
            raise ValidationError(_("Only the assessor can score as this assessor."))
        if locked.scores_submitted_at is not None:
            raise ValidationError(_("You have submitted your scores; they can no longer be changed."))
        declaration = ConflictDeclaration.objects.filter(appointment=locked, submission=submission).first()
        if declaration is None:
            raise ValidationError(_("Declare first that you have no conflict of interest with this tender."))
        if declaration.has_conflict:
            raise ValidationError(
                _("You declared a conflict of interest with this tender; you do not score it.")
            )
        for criterion, (score, motivation) in _checked_scores(locked.lot, scores).items():
            IndividualScore.objects.update_or_create(
                appointment=locked,
                submission=submission,
                criterion=criterion,
                defaults={"score": score, "motivation": motivation},
            )
        record(Action.TENDER_SCORE, actor=actor, obj=submission, procurement_id=pid)


def _to_score(appointment: AssessorAppointment) -> list[TenderSubmission]:
    conflicted = ConflictDeclaration.objects.filter(appointment=appointment, has_conflict=True).values(
        "submission_id"
    )
    return list(current_tenders(appointment.lot).exclude(pk__in=conflicted))


def submit_scores(appointment: AssessorAppointment, *, actor: User) -> AssessorAppointment:
    """The assessor submits the individual scores: complete for every tender without a conflict."""
    pid = appointment.lot.procurement_id
    with refusals_recorded(Action.TENDER_SCORES_SUBMIT, actor=actor, obj=appointment, procurement_id=pid):
        if appointment.user_id != actor.pk:
            raise ValidationError(_("Only the assessor can submit these scores."))
        expected = len(award_criteria(appointment.lot))
        for submission in _to_score(appointment):
            if (
                IndividualScore.objects.filter(appointment=appointment, submission=submission).count()
                != expected
            ):
                raise ValidationError(
                    _("Score the tender of %(organisation)s first.")
                    % {"organisation": submission.organisation}
                )
        updated = AssessorAppointment.objects.filter(
            pk=appointment.pk, scores_submitted_at__isnull=True
        ).update(scores_submitted_at=server_now())
        if updated != 1:
            raise ValidationError(_("You have already submitted your scores."))
        record(Action.TENDER_SCORES_SUBMIT, actor=actor, obj=appointment, procurement_id=pid)
    appointment.refresh_from_db()
    return appointment


def record_consensus(
    lot: Lot, submission: TenderSubmission, *, scores: dict[int, tuple[Decimal, str]], actor: User
) -> None:
    """The chair (an officer of the procurement) records the consensus score and motivation for every
    criterion of a tender, once every appointed assessor has submitted."""
    with refusals_recorded(
        Action.TENDER_CONSENSUS, actor=actor, obj=submission, procurement_id=lot.procurement_id
    ):
        if not may_manage(actor, lot.procurement):
            raise ValidationError(_("Only an officer of this procurement chairs the consensus meeting."))
        _opened_invitation(lot)
        if submission.lot_id != lot.pk or submission.superseded_at is not None:
            raise ValidationError(_("This tender is not one of the tenders of this lot."))
        appointments = AssessorAppointment.objects.filter(lot=lot)
        if not appointments.exists() or appointments.filter(scores_submitted_at__isnull=True).exists():
            raise ValidationError(_("Every assessor must submit their scores before the consensus."))
        for criterion, (score, motivation) in _checked_scores(lot, scores).items():
            ConsensusScore.objects.update_or_create(
                submission=submission,
                criterion=criterion,
                defaults={"score": score, "motivation": motivation, "recorded_by": actor},
            )
        record(Action.TENDER_CONSENSUS, actor=actor, obj=submission, procurement_id=lot.procurement_id)
