"""Preselection: criteria per lot, the four-eyes review of each submitted registration, and the
publication of all decisions of a lot at one moment, with a decision letter per registration.

Every step is compare-and-swap on ``Review.status`` (or on ``Lot.preselection_published_at``) and is
written to the audit trail; refusals are recorded too. Nothing of a decision is visible to a provider
before ``Review.published_at`` is set, which happens for all reviews of a lot in one statement."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import record, refusals_recorded
from common.tasks import hand_to_worker
from common.timezone import add_calendar_days, server_now
from procurement.access import may_manage
from procurement.models import (
    MAX_SCORE,
    Assessment,
    Criterion,
    Lot,
    Procurement,
    Registration,
    Review,
)
from procurement.phases import sequence

HUNDRED = Decimal("100")

# Called for each admitted registration when the decisions of its lot are published, inside the
# publishing transaction. The dialogue app connects ``admit_participant`` here (procurement does not
# import dialogue).
admission_hooks: list[Callable[[Registration, User], None]] = []


def _require_manager(actor: User, procurement: Procurement) -> None:
    if not may_manage(actor, procurement):
        raise ValidationError(_("You do not manage this procurement."))


# ---------------------------------------------------------------------------------------------- settings


def update_settings(procurement: Procurement, *, actor: User, scored: bool, objection_days: int) -> None:
    """Whether the preselection uses scored criteria, and the objection period in calendar days."""
    with refusals_recorded(
        Action.PRESELECTION_SETTINGS, actor=actor, obj=procurement, procurement_id=procurement.pk
    ):
        _require_manager(actor, procurement)
        if objection_days < 1:
            raise ValidationError({"objection_days": _("The objection period is at least one day.")})
        if Review.objects.filter(registration__lot__procurement=procurement).exists():
            raise ValidationError(_("The reviews have started; the preselection settings are fixed."))
        if not scored and Criterion.objects.filter(lot__procurement=procurement, kind="scored").exists():
            raise ValidationError(_("Remove the scored criteria first."))
        before = [procurement.preselection_scored, procurement.objection_period_days]
        Procurement.objects.filter(pk=procurement.pk).update(
            preselection_scored=scored, objection_period_days=objection_days
        )
        record(
            Action.PRESELECTION_SETTINGS,
            actor=actor,
            obj=procurement,
            procurement_id=procurement.pk,
            changes={"scored": [before[0], scored], "objection_days": [before[1], objection_days]},
        )
    procurement.refresh_from_db()


# ---------------------------------------------------------------------------------------------- criteria


def criteria_fixed(lot: Lot) -> bool:
    """The criteria are fixed once any review of the lot has started."""
    return Review.objects.filter(registration__lot=lot).exists()


def scored_weight_total(lot: Lot) -> Decimal:
    weights = lot.criteria.filter(kind=Criterion.Kind.SCORED).values_list("weight", flat=True)
    return sum(weights, Decimal("0"))


def criteria_problems(lot: Lot) -> list[str]:
    """Why the criteria of the lot cannot be used for a review yet (empty: they can)."""
    criteria = list(lot.criteria.all())
    if not criteria:
        return [_("Lot %(lot)s has no preselection criteria yet.") % {"lot": lot.number}]
    if any(c.kind == Criterion.Kind.SCORED for c in criteria):
        total = scored_weight_total(lot)
        if total != HUNDRED:
            return [
                _(
                    "The weights of the scored criteria of lot %(lot)s add up to %(total)s; "
                    "they must add up to 100."
                )
                % {"lot": lot.number, "total": formats.number_format(total.normalize())}
            ]
    return []


def _parse_weight(value) -> Decimal:
    try:
        weight = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({"weight": _("Give the weight as a number.")}) from error
    if not weight.is_finite() or weight <= 0 or weight > HUNDRED:
        raise ValidationError({"weight": _("A weight lies between 0 and 100.")})
    return weight.quantize(Decimal("0.01"))


def add_criterion(
    lot: Lot, *, actor: User, kind: str, title: str, description: str = "", weight=None
) -> Criterion:
    """The officer adds a criterion to a lot, while no review has started. A scored criterion needs a
    weight and may not bring the lot's total above 100."""
    with refusals_recorded(
        Action.PRESELECTION_ADD_CRITERION, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        lot = Lot.objects.select_for_update().select_related("procurement").get(pk=lot.pk)
        procurement = lot.procurement
        _require_manager(actor, procurement)
        if criteria_fixed(lot):
            raise ValidationError(_("The reviews have started; the criteria of this lot are fixed."))
        if not (title or "").strip():
            raise ValidationError({"title": _("Name the criterion.")})
        if kind not in Criterion.Kind.values:
            raise ValidationError({"kind": _("Choose the kind of criterion.")})
        if kind == Criterion.Kind.SCORED:
            if not procurement.preselection_scored:
                raise ValidationError({"kind": _("This procurement does not use scored criteria.")})
            if weight in (None, ""):
                raise ValidationError({"weight": _("A scored criterion needs a weight.")})
            weight = _parse_weight(weight)
            total = scored_weight_total(lot) + weight
            if total > HUNDRED:
                raise ValidationError(
                    {
                        "weight": _(
                            "With this weight the scored criteria add up to %(total)s; the total may not "
                            "exceed 100."
                        )
                        % {"total": formats.number_format(total.normalize())}
                    }
                )
        else:
            weight = None
        last = lot.criteria.order_by("-order").first()
        criterion = Criterion.objects.create(
            lot=lot,
            kind=kind,
            title=title.strip(),
            description=(description or "").strip(),
            weight=weight,
            order=(last.order + 1) if last else 1,
        )
        record(
            Action.PRESELECTION_ADD_CRITERION,
            actor=actor,
            obj=criterion,
            procurement_id=procurement.pk,
            changes={"lot": [None, lot.number], "kind": [None, kind], "weight": [None, str(weight or "")]},
        )
    return criterion


def remove_criterion(criterion: Criterion, *, actor: User) -> None:
    lot = criterion.lot
    with refusals_recorded(
        Action.PRESELECTION_REMOVE_CRITERION, actor=actor, obj=criterion, procurement_id=lot.procurement_id
    ):
        _require_manager(actor, lot.procurement)
        Lot.objects.select_for_update().get(pk=lot.pk)
        if criteria_fixed(lot):
            raise ValidationError(_("The reviews have started; the criteria of this lot are fixed."))
        record(
            Action.PRESELECTION_REMOVE_CRITERION,
            actor=actor,
            obj=criterion,
            procurement_id=lot.procurement_id,
            changes={"title": [criterion.title, None]},
        )
        criterion.delete()


# ---------------------------------------------------------------------------------------------- review


@dataclass
class Verdict:
    """What the first officer proposes on one criterion."""

    passed: bool | None = None
    score: int | None = None
    reason: str = ""


def _registration_phase_over(procurement: Procurement) -> bool:
    keys = sequence(procurement)
    return (
        "registration" in keys
        and procurement.current_phase in keys
        and keys.index(procurement.current_phase) > keys.index("registration")
    )


def _check_reviewable(registration: Registration) -> None:
    lot = registration.lot
    if not _registration_phase_over(lot.procurement):
        raise ValidationError(_("The registration period has not ended yet; the review cannot start."))
    if registration.status != Registration.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted registration can be reviewed."))
    if lot.preselection_published_at is not None:
        raise ValidationError(_("The decisions of this lot have been published; they cannot change."))


def _check_verdicts(criteria: list[Criterion], verdicts: dict[int, Verdict]) -> dict:
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        verdict = verdicts.get(criterion.pk) or Verdict()
        key = f"criterion_{criterion.pk}"
        if criterion.kind == Criterion.Kind.KNOCKOUT and verdict.passed is None:
            errors.setdefault(key, []).append(_("Say whether the registration meets this criterion."))
        if criterion.kind == Criterion.Kind.SCORED and (
            verdict.score is None or not 0 <= verdict.score <= MAX_SCORE
        ):
            errors.setdefault(key, []).append(_("Give a score from 0 to %(max)d.") % {"max": MAX_SCORE})
        if not verdict.reason.strip():
            errors.setdefault(f"reason_{criterion.pk}", []).append(_("Give the reason for this verdict."))
    return errors


def propose_decision(
    registration: Registration,
    *,
    actor: User,
    verdicts: dict[int, Verdict],
    outcome: str,
    motivation: str,
) -> Review:
    """The first officer proposes a verdict per criterion (with reasons) and an outcome. Starts the review,
    or revises one that was sent back (by the same or another officer)."""
    procurement_id = registration.lot.procurement_id
    with refusals_recorded(
        Action.PRESELECTION_PROPOSE, actor=actor, obj=registration, procurement_id=procurement_id
    ):
        locked = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("lot__procurement")
            .get(pk=registration.pk)
        )
        _require_manager(actor, locked.lot.procurement)
        _check_reviewable(locked)
        problems = criteria_problems(locked.lot)
        if problems:
            raise ValidationError(problems)
        criteria = list(locked.lot.criteria.all())
        errors = _check_verdicts(criteria, verdicts)
        if outcome not in Review.Outcome.values:
            errors["outcome"] = [_("Choose the proposed outcome.")]
        if not (motivation or "").strip():
            errors["motivation"] = [_("Give the overall motivation.")]
        if errors:
            raise ValidationError(errors)
        failed = [c.title for c in criteria if c.kind == "knockout" and verdicts[c.pk].passed is False]
        if failed and outcome == Review.Outcome.ADMITTED:
            raise ValidationError(
                {
                    "outcome": _(
                        "A registration that fails a knock-out criterion (%(criteria)s) cannot be admitted."
                    )
                    % {"criteria": ", ".join(failed)}
                }
            )
        now = server_now()
        fields = {
            "status": Review.Status.PROPOSED,
            "outcome": outcome,
            "motivation": motivation.strip(),
            "proposed_by": actor,
            "proposed_at": now,
            "decided_by": None,
            "decided_at": None,
        }
        existing = Review.objects.filter(registration=locked).first()
        if existing is None:
            try:
                with transaction.atomic():
                    review = Review.objects.create(registration=locked, **fields)
            except IntegrityError as error:
                raise ValidationError(_("Another officer started this review at the same moment.")) from error
            before = None
        else:
            before = existing.status
            if before != Review.Status.SENT_BACK:
                raise ValidationError(
                    _("This review is %(status)s; it can only be revised after it was sent back.")
                    % {"status": existing.get_status_display()}
                )
            if Review.objects.filter(pk=existing.pk, status=before).update(**fields) != 1:
                raise ValidationError(
                    _("Somebody else changed this review at the same moment; reload the page.")
                )
            review = Review.objects.get(pk=existing.pk)
            review.assessments.all().delete()
        Assessment.objects.bulk_create(
            Assessment(
                review=review,
                criterion=c,
                passed=verdicts[c.pk].passed if c.kind == Criterion.Kind.KNOCKOUT else None,
                score=verdicts[c.pk].score if c.kind == Criterion.Kind.SCORED else None,
                reason=verdicts[c.pk].reason.strip(),
            )
            for c in criteria
        )
        record(
            Action.PRESELECTION_PROPOSE,
            actor=actor,
            obj=review,
            procurement_id=procurement_id,
            changes={"status": [before, Review.Status.PROPOSED], "outcome": [None, outcome]},
            message=motivation.strip(),
        )
    return review


def _locked_proposal(review: Review, actor: User) -> Review:
    locked = (
        Review.objects.select_for_update(of=("self",))
        .select_related("registration__lot__procurement")
        .get(pk=review.pk)
    )
    _require_manager(actor, locked.registration.lot.procurement)
    if locked.registration.lot.preselection_published_at is not None:
        raise ValidationError(_("The decisions of this lot have been published; they cannot change."))
    if locked.status != Review.Status.PROPOSED:
        raise ValidationError(
            _("This review is %(status)s; there is no proposal to decide on.")
            % {"status": locked.get_status_display()}
        )
    if locked.proposed_by_id == actor.pk:
        raise ValidationError(
            _("You proposed this decision yourself; a second officer must confirm it or send it back.")
        )
    return locked


def _decide(review: Review, *, actor: User, action: str, status: str, remark: str = "") -> Review:
    procurement_id = review.registration.lot.procurement_id
    with refusals_recorded(action, actor=actor, obj=review, procurement_id=procurement_id):
        if status == Review.Status.SENT_BACK and not remark.strip():
            raise ValidationError({"remark": _("Say why you send the proposal back.")})
        locked = _locked_proposal(review, actor)
        updated = Review.objects.filter(pk=locked.pk, status=Review.Status.PROPOSED).update(
            status=status, decided_by=actor, decided_at=server_now(), remark=remark.strip()
        )
        if updated != 1:
            raise ValidationError(_("Somebody else changed this review at the same moment; reload the page."))
        record(
            action,
            actor=actor,
            obj=locked,
            procurement_id=procurement_id,
            changes={"status": [Review.Status.PROPOSED, status]},
            message=remark.strip(),
        )
    review.refresh_from_db()
    return review


def confirm_decision(review: Review, *, actor: User) -> Review:
    """A second officer, not the one who proposed it, confirms the proposal (four-eyes)."""
    return _decide(review, actor=actor, action=Action.PRESELECTION_CONFIRM, status=Review.Status.CONFIRMED)


def send_back(review: Review, *, actor: User, remark: str) -> Review:
    """A second officer sends the proposal back with a remark; an officer then revises it."""
    return _decide(
        review,
        actor=actor,
        action=Action.PRESELECTION_SEND_BACK,
        status=Review.Status.SENT_BACK,
        remark=remark,
    )


# ---------------------------------------------------------------------------------------------- progress


def submitted_registrations(lot: Lot) -> QuerySet[Registration]:
    return lot.registrations.filter(status=Registration.Status.SUBMITTED)


def review_counts(lot: Lot) -> dict[str, int]:
    """How many submitted registrations of the lot are not reviewed yet, proposed, sent back, confirmed."""
    by_status = dict(
        Review.objects.filter(registration__in=submitted_registrations(lot))
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts = {status: by_status.get(status, 0) for status in Review.Status.values}
    counts["open"] = submitted_registrations(lot).count() - sum(by_status.values())
    return counts


def publication_problems(lot: Lot) -> list[str]:
    """Why the decisions of the lot cannot be published now (empty: they can)."""
    if lot.preselection_published_at is not None:
        return [_("The decisions of this lot have already been published.")]
    if not _registration_phase_over(lot.procurement):
        return [_("The registration period has not ended yet.")]
    counts = review_counts(lot)
    problems = []
    if not submitted_registrations(lot).exists():
        problems.append(_("The lot has no submitted registrations."))
    waiting = counts["open"] + counts[Review.Status.PROPOSED] + counts[Review.Status.SENT_BACK]
    if waiting:
        problems.append(
            _("%(count)d registration(s) do not have a confirmed decision yet.") % {"count": waiting}
        )
    return problems


# ---------------------------------------------------------------------------------------------- publication


def objection_deadline(procurement: Procurement, published_at) -> date:
    return add_calendar_days(published_at, procurement.objection_period_days)


def publish_decisions(lot: Lot, *, actor: User) -> Lot:
    """Publish all decisions of the lot at one moment: the lot's timestamp is set by compare-and-swap and
    every review gets the same timestamp; the lead organisations are notified, the admitted registrations
    handed to the admission hooks, and the decision letters made after commit."""
    procurement = lot.procurement
    with refusals_recorded(Action.PRESELECTION_PUBLISH, actor=actor, obj=lot, procurement_id=procurement.pk):
        _require_manager(actor, procurement)
        locked = Lot.objects.select_for_update().select_related("procurement").get(pk=lot.pk)
        problems = publication_problems(locked)
        if problems:
            raise ValidationError(problems)
        now = server_now()
        if (
            Lot.objects.filter(pk=locked.pk, preselection_published_at__isnull=True).update(
                preselection_published_at=now
            )
            != 1
        ):
            raise ValidationError(_("The decisions of this lot have already been published."))
        count = announce_decisions(locked, now, actor=actor)
        record(
            Action.PRESELECTION_PUBLISH,
            actor=actor,
            obj=locked,
            procurement_id=procurement.pk,
            changes={"preselection_published_at": [None, now.isoformat()]},
            message=_("%(count)d decision(s) published.") % {"count": count},
        )
    lot.refresh_from_db()
    return lot


def announce_decisions(lot: Lot, moment, *, actor: User) -> int:
    """Stamp the confirmed reviews of the lot with the publication moment and the objection deadline,
    notify each registration's lead organisation, call the admission hooks and queue the letters."""
    reviews = Review.objects.filter(
        registration__in=submitted_registrations(lot),
        status=Review.Status.CONFIRMED,
        published_at__isnull=True,
    )
    ids = list(reviews.values_list("pk", flat=True))
    Review.objects.filter(pk__in=ids).update(
        published_at=moment, objection_until=objection_deadline(lot.procurement, moment)
    )
    published = Review.objects.filter(pk__in=ids).select_related("registration__lead")
    leads = {}
    for membership in Membership.objects.filter(
        organisation__in=[r.registration.lead_id for r in published]
    ).select_related("user"):
        leads.setdefault(membership.organisation_id, []).append(membership.user)
    for review in published:
        registration = review.registration
        notify(
            leads.get(registration.lead_id, []),
            key=f"preselection-decision-{review.pk}",
            subject=_("Preselection decision for %(lot)s") % {"lot": lot},
            body=_(
                "The decision on the registration of %(lead)s for %(lot)s has been published. You can read "
                "it, with the decision letter, on the page of your registration."
            )
            % {"lead": registration.lead.name, "lot": lot},
            url=reverse("procurement:registration", args=[registration.pk]),
        )
        if review.outcome == Review.Outcome.ADMITTED:
            for hook in admission_hooks:
                hook(registration, actor)
    transaction.on_commit(lambda: enqueue_letters(ids))
    return len(ids)


def admitted_registrations(lot: Lot) -> QuerySet[Registration]:
    """The registrations of the lot admitted to the dialogue by a published decision."""
    return lot.registrations.filter(
        status=Registration.Status.SUBMITTED,
        review__status=Review.Status.CONFIRMED,
        review__outcome=Review.Outcome.ADMITTED,
        review__published_at__isnull=False,
    )


def published_decision(registration: Registration) -> Review | None:
    """The decision on a registration, only once it has been published; None before."""
    return (
        Review.objects.filter(
            registration=registration, published_at__isnull=False, status=Review.Status.CONFIRMED
        )
        .select_related("registration__lot__procurement", "registration__lead")
        .prefetch_related("assessments__criterion")
        .first()
    )


# ---------------------------------------------------------------------------------------------- letters


def enqueue_letters(review_ids: list[int]) -> None:
    """Hand each letter to a worker; once the broker is found unreachable the rest are left to the sweep
    too, rather than keeping the user waiting for one refused connection per letter."""
    for review_id in review_ids:
        if not hand_to_worker(
            "procurement.tasks.preselection.make_decision_letter",
            review_id,
            left_to="the decision letter sweep",
        ):
            break
