"""Pages of the assessment and the award: the assessor's scoring page and the officer's committee page
(appointments, consensus, ranking, award, objections, definitive award, cost compensation).

Each verb has its own URL (POST only) and its own thin view: done, back to the page with a message; bad
input or a refusal, the page again with the form and its errors or the refusal's message (400, nothing
saved)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.models import Organisation, User
from accounts.roles import Role
from common.views import refusal_shown
from procurement.access import appointment_of, get_procurement_for, visible_scores
from procurement.forms.tenders import AppointForm, AwardForm, ConflictForm, ObjectionForm, ScoreForm
from procurement.models import (
    AssessorAppointment,
    AwardCriterion,
    AwardDecision,
    ConflictDeclaration,
    InvitationToTender,
    Lot,
    TenderInvitation,
    TenderSubmission,
)
from procurement.queries import current_tenders, ranking
from procurement.services import assessment, award

officer_required = role_required(Role.PROCUREMENT_OFFICER)
assessor_required = role_required(Role.ASSESSOR)


def _run(request, verb, *args, **kwargs) -> bool:
    """The verbs of these pages: whether the verb went through; its refusal is shown as a message."""
    with refusal_shown(request):
        verb(*args, **kwargs)
        return True
    return False


def _criteria(lot: Lot):
    return AwardCriterion.objects.filter(invitation__lot=lot)


# ---------------------------------------------------------------------------------------------- assessor


def _appointment(request, lot_pk: int) -> AssessorAppointment:
    """The assessor's own appointment for the lot; 404 for an assessor not appointed."""
    lot = get_object_or_404(Lot.objects.select_related("procurement"), pk=lot_pk)
    appointment = appointment_of(request.user, lot)
    if appointment is None:
        raise Http404
    appointment.lot = lot
    return appointment


def _scoring_page(
    request,
    appointment: AssessorAppointment,
    *,
    submission: TenderSubmission | None = None,
    conflict_form: ConflictForm | None = None,
    score_form: ScoreForm | None = None,
):
    """The scoring page; after a POST (a bound form of ``submission`` shown in its tender's place with its
    errors, or a refusal's message above the page) with status 400."""
    lot = appointment.lot
    criteria = _criteria(lot)
    declarations = {d.submission_id: d for d in ConflictDeclaration.objects.filter(appointment=appointment)}
    rows = []
    for tender in current_tenders(lot).order_by("organisation__name"):
        declaration = declarations.get(tender.pk)
        bound = submission is not None and tender.pk == submission.pk
        if bound and conflict_form is not None:
            conflict = conflict_form
        else:
            conflict = ConflictForm() if declaration is None else None
        if bound and score_form is not None:
            score = score_form
        elif declaration and not declaration.has_conflict and not appointment.scores_submitted_at:
            score = ScoreForm(criteria=criteria, prefix=f"t{tender.pk}")
        else:
            score = None
        rows.append(
            {"tender": tender, "declaration": declaration, "conflict_form": conflict, "score_form": score}
        )
    return render(
        request,
        "procurement/tenders/scoring.html",
        {
            "lot": lot,
            "appointment": appointment,
            "rows": rows,
            "scores": visible_scores(request.user, lot).select_related(
                "appointment__user", "submission__organisation", "criterion"
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


def _scored(request, appointment: AssessorAppointment, success: str):
    messages.success(request, success)
    return redirect("procurement:tender_scoring", appointment.lot_id)


@assessor_required
@require_safe
def scoring(request, lot_pk: int):
    return _scoring_page(request, _appointment(request, lot_pk))


@assessor_required
@require_POST
def scoring_declare(request, lot_pk: int, submission_pk: int):
    appointment = _appointment(request, lot_pk)
    submission = get_object_or_404(current_tenders(appointment.lot), pk=submission_pk)
    form = ConflictForm(request.POST)
    if form.is_valid() and _run(
        request,
        assessment.declare_conflict,
        appointment,
        submission,
        has_conflict=form.cleaned_data["has_conflict"],
        explanation=form.cleaned_data["explanation"],
        actor=request.user,
    ):
        return _scored(
            request,
            appointment,
            _("Your declaration for %(organisation)s has been saved.")
            % {"organisation": submission.organisation.name},
        )
    return _scoring_page(request, appointment, submission=submission, conflict_form=form)


@assessor_required
@require_POST
def scoring_score(request, lot_pk: int, submission_pk: int):
    appointment = _appointment(request, lot_pk)
    submission = get_object_or_404(current_tenders(appointment.lot), pk=submission_pk)
    form = ScoreForm(request.POST, criteria=_criteria(appointment.lot), prefix=f"t{submission.pk}")
    if form.is_valid() and _run(
        request, assessment.score_tender, appointment, submission, scores=form.scores(), actor=request.user
    ):
        return _scored(
            request,
            appointment,
            _("Your scores for %(organisation)s have been saved.")
            % {"organisation": submission.organisation.name},
        )
    return _scoring_page(request, appointment, submission=submission, score_form=form)


@assessor_required
@require_POST
def scoring_submit(request, lot_pk: int):
    appointment = _appointment(request, lot_pk)
    if _run(request, assessment.submit_scores, appointment, actor=request.user):
        return _scored(request, appointment, _("Your scores have been submitted to the committee."))
    return _scoring_page(request, appointment)


# ---------------------------------------------------------------------------------------------- officer


def _officer_lot(request, procurement_pk: int, lot_pk: int) -> Lot:
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    lot = get_object_or_404(Lot.objects.select_related("procurement"), procurement=procurement, pk=lot_pk)
    if not InvitationToTender.objects.filter(lot=lot).exists():
        raise Http404
    return lot


def _assessors():
    return User.objects.filter(groups__name=Role.ASSESSOR.value)


def _tenderers(lot: Lot):
    return Organisation.objects.filter(tender_submissions__lot=lot).distinct().order_by("name")


def _not_tendered(lot: Lot):
    invited = TenderInvitation.objects.filter(lot=lot).values("organisation_id")
    return Organisation.objects.filter(pk__in=invited).exclude(tender_submissions__lot=lot).order_by("name")


def _tenders(lot: Lot):
    return current_tenders(lot).order_by("organisation__name")


def _decision(lot: Lot) -> AwardDecision:
    """The lot's award decision, for the verbs on it; 404 while none has been prepared."""
    return get_object_or_404(AwardDecision, lot=lot)


def _committee_page(
    request,
    lot: Lot,
    *,
    appoint_form: AppointForm | None = None,
    consensus_form: ScoreForm | None = None,
    award_form: AwardForm | None = None,
    objection_form: ObjectionForm | None = None,
):
    """The committee page; a bound form is shown in its place with its errors, with status 400 (as after
    a refusal, whose message is shown above the page)."""
    decision = AwardDecision.objects.filter(lot=lot).first()
    criteria = _criteria(lot)
    tenders = _tenders(lot)
    objectable = decision is not None and decision.status in (
        AwardDecision.Status.PUBLISHED,
        AwardDecision.Status.SUSPENDED,
    )
    consensus_forms = [
        (
            tender,
            consensus_form
            if consensus_form is not None and consensus_form.prefix == f"c{tender.pk}"
            else ScoreForm(criteria=criteria, prefix=f"c{tender.pk}"),
        )
        for tender in tenders
    ]
    if appoint_form is None:
        appoint_form = AppointForm(users=_assessors())
    if award_form is None and decision is None:
        award_form = AwardForm(tenders=tenders)
    if objection_form is None and objectable:
        objection_form = ObjectionForm(organisations=_tenderers(lot))
    return render(
        request,
        "procurement/tenders/committee.html",
        {
            "lot": lot,
            "decision": decision,
            "appointments": lot.assessors.select_related("user"),
            "appoint_form": appoint_form,
            "scores": visible_scores(request.user, lot).select_related(
                "appointment__user", "submission__organisation", "criterion"
            ),
            "consensus_forms": consensus_forms,
            "ranking": ranking(lot),
            "award_form": award_form,
            "objection_form": objection_form,
            "not_tendered": _not_tendered(lot),
        },
        status=400 if request.method == "POST" else 200,
    )


def _committee_done(request, lot: Lot, success: str):
    messages.success(request, success)
    return redirect("procurement:tender_committee", lot.procurement_id, lot.pk)


@officer_required
@require_safe
def committee(request, procurement_pk: int, lot_pk: int):
    return _committee_page(request, _officer_lot(request, procurement_pk, lot_pk))


@officer_required
@require_POST
def committee_appoint(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    form = AppointForm(request.POST, users=_assessors())
    if form.is_valid() and _run(
        request, assessment.appoint_assessor, lot, user=form.cleaned_data["user"], actor=request.user
    ):
        return _committee_done(
            request,
            lot,
            _("%(person)s has been appointed as an assessor.") % {"person": form.cleaned_data["user"]},
        )
    return _committee_page(request, lot, appoint_form=form)


@officer_required
@require_POST
def committee_consensus(request, procurement_pk: int, lot_pk: int, submission_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    submission = get_object_or_404(_tenders(lot), pk=submission_pk)
    form = ScoreForm(request.POST, criteria=_criteria(lot), prefix=f"c{submission.pk}")
    if form.is_valid() and _run(
        request, assessment.record_consensus, lot, submission, scores=form.scores(), actor=request.user
    ):
        return _committee_done(
            request,
            lot,
            _("The consensus for %(organisation)s has been recorded.")
            % {"organisation": submission.organisation.name},
        )
    return _committee_page(request, lot, consensus_form=form)


@officer_required
@require_POST
def committee_prepare(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    form = AwardForm(request.POST, tenders=_tenders(lot))
    if form.is_valid() and _run(request, award.prepare_award, lot, actor=request.user, **form.cleaned_data):
        return _committee_done(
            request, lot, _("The award decision has been prepared. Publish it to send the letters.")
        )
    return _committee_page(request, lot, award_form=form)


@officer_required
@require_POST
def committee_publish(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    if _run(request, award.publish_award, _decision(lot), actor=request.user):
        return _committee_done(
            request, lot, _("The award has been published; every tenderer receives a letter.")
        )
    return _committee_page(request, lot)


@officer_required
@require_POST
def committee_objection(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    decision = _decision(lot)
    form = ObjectionForm(request.POST, organisations=_tenderers(lot))
    if form.is_valid() and _run(
        request, award.register_objection, decision, actor=request.user, **form.cleaned_data
    ):
        return _committee_done(request, lot, _("The objection has been registered; the award is suspended."))
    return _committee_page(request, lot, objection_form=form)


@officer_required
@require_POST
def committee_resume(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    if _run(request, award.resolve_objections, _decision(lot), actor=request.user):
        return _committee_done(request, lot, _("The suspension has ended; the award is published again."))
    return _committee_page(request, lot)


@officer_required
@require_POST
def committee_final(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    if _run(request, award.finalise_award, _decision(lot), actor=request.user):
        return _committee_done(request, lot, _("The award is definitive."))
    return _committee_page(request, lot)


@officer_required
@require_POST
def committee_compensate(request, procurement_pk: int, lot_pk: int, organisation_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    if _run(request, award.grant_cost_compensation, lot, organisation=organisation, actor=request.user):
        return _committee_done(
            request,
            lot,
            _("%(organisation)s has been granted the dialogue cost compensation.")
            % {"organisation": organisation.name},
        )
    return _committee_page(request, lot)
