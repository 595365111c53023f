"""The award of a lot: the officer prepares the decision (winners and grounds, recorded as a college
decision moment), publication sends every tenderer a letter at the same moment with the reasons, its
scores, the winner and the end of the standstill period (20 calendar days, Europe/Amsterdam); an
objection suspends the award; after the standstill without suspension the award becomes definitive."""

from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import each_in_own_transaction, failures_refused, record, refusals_recorded
from common.tasks import hand_to_worker
from common.timezone import add_calendar_days, local, server_now
from procurement.access import may_manage
from procurement.jobs.award import letters_to_make, make_award_letters
from procurement.models import (
    AwardDecision,
    AwardLetter,
    CostCompensation,
    DecisionMoment,
    Lot,
    Objection,
    TenderInvitation,
    TenderSubmission,
)
from procurement.queries import current_tenders, ranking

STANDSTILL_DAYS = 20

# Called for each award that becomes definitive, inside its transaction (the actor is None for the beat).
# The contracts app connects ``create_awarded_contracts`` here (procurement does not import contracts).
definitive_award_hooks: list[Callable[[AwardDecision, User | None], None]] = []


def standstill_end(published_at: datetime) -> date:
    """The last day of the standstill period: 20 calendar days after publication, in Europe/Amsterdam."""
    return add_calendar_days(published_at, STANDSTILL_DAYS)


def _require_officer(actor: User, lot: Lot) -> None:
    if not may_manage(actor, lot.procurement):
        raise ValidationError(_("Only an officer of this procurement can do this."))


def prepare_award(
    lot: Lot,
    *,
    winners: list[TenderSubmission],
    grounds: str,
    advantages: str,
    decided_on: date,
    actor: User,
) -> AwardDecision:
    """The officer prepares the award decision of a lot, recorded as a college decision moment."""
    with refusals_recorded(
        Action.TENDER_AWARD_PREPARE, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        lot = Lot.objects.select_for_update().select_related("procurement").get(pk=lot.pk)
        _require_officer(actor, lot)
        if AwardDecision.objects.filter(lot=lot).exists():
            raise ValidationError(_("The award of this lot has already been prepared."))
        ranked = ranking(lot)
        if not ranked or len(ranked) != current_tenders(lot).count():
            raise ValidationError(_("Record the consensus for every tender before the award."))
        current = {r.submission.pk for r in ranked}
        if not winners or any(w.pk not in current for w in winners):
            raise ValidationError(_("Choose the winning tender(s) among the tenders of this lot."))
        if not grounds.strip() or not advantages.strip():
            raise ValidationError(
                _("Give the grounds and the characteristics and relative advantages of the winning tender.")
            )
        decision = DecisionMoment.objects.create(
            procurement=lot.procurement,
            lot=lot,
            kind=DecisionMoment.Kind.AWARD,
            body=DecisionMoment.Body.COLLEGE,
            title=_("Award of %(lot)s") % {"lot": lot},
            planned_date=decided_on,
            decided_on=decided_on,
            outcome=DecisionMoment.Outcome.ADOPTED,
            notes=grounds.strip(),
        )
        award = AwardDecision.objects.create(
            lot=lot,
            decision=decision,
            grounds=grounds.strip(),
            advantages=advantages.strip(),
            prepared_by=actor,
        )
        award.winners.set(winners)
        record(
            Action.TENDER_AWARD_PREPARE,
            actor=actor,
            obj=award,
            procurement_id=lot.procurement_id,
            changes={"winners": sorted(w.organisation.kvk_number for w in winners)},
        )
    return award


def publish_award(award: AwardDecision, *, actor: User) -> AwardDecision:
    """Publish the award: the standstill starts, and every tenderer gets a letter, all at one moment."""
    lot = award.lot
    with refusals_recorded(
        Action.TENDER_AWARD_PUBLISH, actor=actor, obj=award, procurement_id=lot.procurement_id
    ):
        _require_officer(actor, lot)
        now = server_now()
        ends = standstill_end(now)
        updated = AwardDecision.objects.filter(pk=award.pk, status=AwardDecision.Status.PREPARED).update(
            status=AwardDecision.Status.PUBLISHED, published_at=now, standstill_ends_on=ends
        )
        if updated != 1:
            raise ValidationError(_("This award has already been published."))
        AwardLetter.objects.bulk_create(AwardLetter(award=award, submission=s) for s in current_tenders(lot))
        record(
            Action.TENDER_AWARD_PUBLISH,
            actor=actor,
            obj=award,
            procurement_id=lot.procurement_id,
            changes={"standstill_ends_on": ends.isoformat()},
        )
        transaction.on_commit(
            lambda: hand_to_worker(
                "procurement.tasks.tenders.make_award_letters", award.pk, left_to="the tender PDF sweep"
            )
        )
    award.refresh_from_db()
    return award


def send_letters(award_id: int) -> int:
    """Make the award letters not made yet, then, once every letter is made, notify every tenderer at
    once. Idempotent: a second run makes nothing and notifies nobody twice. Returns how many it made."""
    made = make_award_letters(award_id)
    award = AwardDecision.objects.select_related("lot").get(pk=award_id)
    if not letters_to_make().filter(award=award).exists():
        _notify_tenderers(award)
    return made


def _notify_tenderers(award: AwardDecision) -> None:
    for letter in AwardLetter.objects.filter(award=award).select_related("submission"):
        users = User.objects.filter(
            memberships__organisation=letter.submission.organisation_id, is_active=True
        )
        notify(
            users,
            key=f"award-letter-{letter.pk}",
            subject=_("Award decision: %(lot)s") % {"lot": award.lot},
            body=_(
                "The award decision has been published. Read your letter; "
                "the standstill period ends on %(date)s."
            )
            % {"date": award.standstill_ends_on.strftime("%d-%m-%Y")},
            url=reverse("procurement:award_letter", args=[letter.pk]),
        )


def register_objection(
    award: AwardDecision, *, organisation: Organisation, kind: str, description: str, actor: User
) -> Objection:
    """An officer registers an objection or summary proceedings of a tenderer; it suspends the award."""
    lot = award.lot
    with refusals_recorded(
        Action.TENDER_AWARD_OBJECTION, actor=actor, obj=award, procurement_id=lot.procurement_id
    ):
        _require_officer(actor, lot)
        if kind not in Objection.Kind.values or not description.strip():
            raise ValidationError(_("Choose the kind of objection and describe it."))
        if not TenderSubmission.objects.filter(lot=lot, organisation=organisation).exists():
            raise ValidationError(_("Only a tenderer of this lot can object to its award."))
        updated = AwardDecision.objects.filter(
            pk=award.pk, status__in=[AwardDecision.Status.PUBLISHED, AwardDecision.Status.SUSPENDED]
        ).update(status=AwardDecision.Status.SUSPENDED)
        if updated != 1:
            raise ValidationError(_("Only a published award that is not yet definitive can be objected to."))
        objection = Objection.objects.create(
            award=award,
            organisation=organisation,
            kind=kind,
            description=description.strip(),
            registered_by=actor,
        )
        record(
            Action.TENDER_AWARD_OBJECTION,
            actor=actor,
            obj=award,
            procurement_id=lot.procurement_id,
            message=kind,
        )
    award.refresh_from_db()
    return objection


def resolve_objections(award: AwardDecision, *, actor: User) -> AwardDecision:
    """The objections have been dealt with: the suspension ends and the award is published again."""
    lot = award.lot
    with refusals_recorded(
        Action.TENDER_AWARD_RESUME, actor=actor, obj=award, procurement_id=lot.procurement_id
    ):
        _require_officer(actor, lot)
        updated = AwardDecision.objects.filter(pk=award.pk, status=AwardDecision.Status.SUSPENDED).update(
            status=AwardDecision.Status.PUBLISHED
        )
        if updated != 1:
            raise ValidationError(_("This award is not suspended."))
        award.objections.filter(resolved_at__isnull=True).update(resolved_at=server_now())
        record(Action.TENDER_AWARD_RESUME, actor=actor, obj=award, procurement_id=lot.procurement_id)
    award.refresh_from_db()
    return award


def finalise_award(award: AwardDecision, *, actor: User) -> AwardDecision:
    """The officer makes the award definitive. When a step of the definitive award (a hook, such as the
    contracts') fails unexpectedly, nothing is saved, the failure is logged and recorded, and the officer
    is told that the award is not definitive yet and that the beat tries again."""
    with failures_refused(
        Action.TENDER_AWARD_FINAL,
        actor=actor,
        obj=award,
        procurement_id=award.lot.procurement_id,
        message=_(
            "The award could not be made definitive because a follow-up step failed. Nothing has been "
            "saved and the award is not definitive yet. The portal tries again within the hour; you can "
            "also try again later."
        ),
    ):
        return _finalise_award(award, actor=actor)


def _finalise_award(award: AwardDecision, *, actor: User | None) -> AwardDecision:
    """After the standstill, without suspension, the award becomes definitive (Lot.award_final_at)."""
    lot = award.lot
    with refusals_recorded(
        Action.TENDER_AWARD_FINAL, actor=actor, obj=award, procurement_id=lot.procurement_id
    ):
        if actor is not None:
            _require_officer(actor, lot)
        now = server_now()
        fresh = AwardDecision.objects.get(pk=award.pk)
        if fresh.status != AwardDecision.Status.PUBLISHED:
            raise ValidationError(_("Only a published award that is not suspended can become definitive."))
        if local(now).date() <= fresh.standstill_ends_on:
            raise ValidationError(
                _("The standstill period runs until %(date)s.")
                % {"date": fresh.standstill_ends_on.strftime("%d-%m-%Y")}
            )
        updated = AwardDecision.objects.filter(pk=award.pk, status=AwardDecision.Status.PUBLISHED).update(
            status=AwardDecision.Status.FINAL
        )
        if (
            updated != 1
            or Lot.objects.filter(pk=lot.pk, award_final_at__isnull=True).update(award_final_at=now) != 1
        ):
            raise ValidationError(_("This award is already definitive."))
        record(Action.TENDER_AWARD_FINAL, actor=actor, obj=award, procurement_id=lot.procurement_id)
        for hook in definitive_award_hooks:
            hook(fresh, actor)
    award.refresh_from_db()
    return award


def finalise_due_awards() -> int:
    """For the beat: make every award definitive whose standstill ended without suspension. Each award
    in its own transaction: one that is refused, or whose definitive-award step fails, is rolled back
    alone and stays due for the next run (a failure is logged and recorded in the audit trail), and the
    other awards are finalised all the same."""
    today = local(server_now()).date()
    due = (
        AwardDecision.objects.filter(status=AwardDecision.Status.PUBLISHED, standstill_ends_on__lt=today)
        .select_related("lot")
        .order_by("pk")
    )
    return len(
        each_in_own_transaction(
            due,
            lambda award: _finalise_award(award, actor=None),
            action=Action.TENDER_AWARD_FINAL,
            procurement_id=lambda award: award.lot.procurement_id,
        )
    )


def grant_cost_compensation(lot: Lot, *, organisation: Organisation, actor: User) -> CostCompensation:
    """Grant the procurement's dialogue cost compensation to an invited participant that did not tender."""
    with refusals_recorded(
        Action.TENDER_COMPENSATION, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        _require_officer(actor, lot)
        amount = lot.procurement.dialogue_cost_compensation
        if amount is None:
            raise ValidationError(_("This procurement has no dialogue cost compensation."))
        if not TenderInvitation.objects.filter(lot=lot, organisation=organisation).exists():
            raise ValidationError(_("Only a participant of the dialogue of this lot can be compensated."))
        if TenderSubmission.objects.filter(lot=lot, organisation=organisation).exists():
            raise ValidationError(_("This organisation submitted a tender and is not compensated."))
        compensation, created = CostCompensation.objects.get_or_create(
            lot=lot, organisation=organisation, defaults={"amount": amount, "granted_by": actor}
        )
        if not created:
            raise ValidationError(_("The compensation has already been granted."))
        record(
            Action.TENDER_COMPENSATION,
            actor=actor,
            obj=lot,
            procurement_id=lot.procurement_id,
            message=str(amount),
        )
    return compensation
