"""Pages of the assessment and the award: the assessor's scoring page and the officer's committee page
(appointments, consensus, ranking, award, objections, definitive award, cost compensation)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.decorators import role_required
from accounts.models import Organisation, User
from accounts.roles import Role
from procurement.access import MANAGE, get_procurement_for
from procurement.forms.tenders import AppointForm, AwardForm, ConflictForm, ObjectionForm, ScoreForm
from procurement.models import (
    AwardCriterion,
    AwardDecision,
    ConflictDeclaration,
    InvitationToTender,
    Lot,
    TenderInvitation,
)
from procurement.queries import current_tenders, ranking
from procurement.services import assessment, award

officer_required = role_required(Role.PROCUREMENT_OFFICER)
assessor_required = role_required(Role.ASSESSOR)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _run(request, verb, *args, **kwargs) -> bool:
    try:
        verb(*args, **kwargs)
    except ValidationError as error:
        _errors(request, error)
        return False
    return True


# ---------------------------------------------------------------------------------------------- assessor


@assessor_required
def scoring(request, lot_pk: int):
    lot = get_object_or_404(Lot.objects.select_related("procurement"), pk=lot_pk)
    appointment = assessment.appointment_of(request.user, lot)
    if appointment is None:
        raise Http404
    criteria = AwardCriterion.objects.filter(invitation__lot=lot)
    if request.method == "POST":
        submission = None
        if "submission" in request.POST:
            submission = get_object_or_404(current_tenders(lot), pk=request.POST["submission"])
        action = request.POST.get("action")
        if action == "declare" and submission:
            form = ConflictForm(request.POST)
            if form.is_valid():
                _run(
                    request,
                    assessment.declare_conflict,
                    appointment,
                    submission,
                    has_conflict=form.cleaned_data["has_conflict"],
                    explanation=form.cleaned_data["explanation"],
                    actor=request.user,
                )
        elif action == "score" and submission:
            form = ScoreForm(request.POST, criteria=criteria, prefix=f"t{submission.pk}")
            if form.is_valid():
                _run(
                    request,
                    assessment.score_tender,
                    appointment,
                    submission,
                    scores=form.scores(),
                    actor=request.user,
                )
            else:
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
        elif action == "submit":
            _run(request, assessment.submit_scores, appointment, actor=request.user)
        return redirect("procurement:tender_scoring", lot.pk)
    declarations = {d.submission_id: d for d in ConflictDeclaration.objects.filter(appointment=appointment)}
    rows = []
    for tender in current_tenders(lot).order_by("organisation__name"):
        declaration = declarations.get(tender.pk)
        rows.append(
            {
                "tender": tender,
                "declaration": declaration,
                "conflict_form": ConflictForm() if declaration is None else None,
                "score_form": ScoreForm(criteria=criteria, prefix=f"t{tender.pk}")
                if declaration and not declaration.has_conflict and not appointment.scores_submitted_at
                else None,
            }
        )
    return render(
        request,
        "procurement/tenders/scoring.html",
        {
            "lot": lot,
            "appointment": appointment,
            "rows": rows,
            "scores": assessment.visible_scores(request.user, lot).select_related(
                "appointment__user", "submission__organisation", "criterion"
            ),
        },
    )


# ---------------------------------------------------------------------------------------------- officer


def _officer_lot(request, procurement_pk: int, lot_pk: int) -> Lot:
    procurement = get_procurement_for(request.user, procurement_pk, MANAGE)
    lot = get_object_or_404(Lot.objects.select_related("procurement"), procurement=procurement, pk=lot_pk)
    if not InvitationToTender.objects.filter(lot=lot).exists():
        raise Http404
    return lot


def _tenderers(lot: Lot):
    return Organisation.objects.filter(tender_submissions__lot=lot).distinct().order_by("name")


def _not_tendered(lot: Lot):
    invited = TenderInvitation.objects.filter(lot=lot).values("organisation_id")
    return Organisation.objects.filter(pk__in=invited).exclude(tender_submissions__lot=lot).order_by("name")


@officer_required
def committee(request, procurement_pk: int, lot_pk: int):
    lot = _officer_lot(request, procurement_pk, lot_pk)
    decision = AwardDecision.objects.filter(lot=lot).first()
    criteria = AwardCriterion.objects.filter(invitation__lot=lot)
    tenders = current_tenders(lot).order_by("organisation__name")
    if request.method == "POST":
        _handle_committee_post(request, lot, decision, criteria, tenders)
        return redirect("procurement:tender_committee", lot.procurement_id, lot.pk)
    return render(
        request,
        "procurement/tenders/committee.html",
        {
            "lot": lot,
            "decision": decision,
            "appointments": lot.assessors.select_related("user"),
            "appoint_form": AppointForm(users=User.objects.filter(groups__name=Role.ASSESSOR.value)),
            "scores": assessment.visible_scores(request.user, lot).select_related(
                "appointment__user", "submission__organisation", "criterion"
            ),
            "consensus_forms": [(t, ScoreForm(criteria=criteria, prefix=f"c{t.pk}")) for t in tenders],
            "ranking": ranking(lot),
            "award_form": AwardForm(tenders=tenders) if decision is None else None,
            "objection_form": ObjectionForm(organisations=_tenderers(lot)) if decision else None,
            "not_tendered": _not_tendered(lot),
        },
    )


def _handle_committee_post(request, lot, decision, criteria, tenders) -> None:
    action = request.POST.get("action")
    actor = request.user
    if action == "appoint":
        form = AppointForm(request.POST, users=User.objects.filter(groups__name=Role.ASSESSOR.value))
        if form.is_valid():
            _run(request, assessment.appoint_assessor, lot, user=form.cleaned_data["user"], actor=actor)
    elif action == "consensus":
        submission = get_object_or_404(tenders, pk=request.POST.get("submission"))
        form = ScoreForm(request.POST, criteria=criteria, prefix=f"c{submission.pk}")
        if form.is_valid():
            _run(request, assessment.record_consensus, lot, submission, scores=form.scores(), actor=actor)
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif action == "prepare" and decision is None:
        form = AwardForm(request.POST, tenders=tenders)
        if form.is_valid():
            _run(request, award.prepare_award, lot, actor=actor, **form.cleaned_data)
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif action == "publish" and decision:
        _run(request, award.publish_award, decision, actor=actor)
    elif action == "objection" and decision:
        form = ObjectionForm(request.POST, organisations=_tenderers(lot))
        if form.is_valid():
            _run(request, award.register_objection, decision, actor=actor, **form.cleaned_data)
    elif action == "resume" and decision:
        _run(request, award.resolve_objections, decision, actor=actor)
    elif action == "final" and decision:
        _run(request, award.finalise_award, decision, actor=actor)
    elif action == "compensate":
        organisation = get_object_or_404(_not_tendered(lot), pk=request.POST.get("organisation"))
        _run(request, award.grant_cost_compensation, lot, organisation=organisation, actor=actor)
