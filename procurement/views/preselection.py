"""Pages of the preselection: criteria, the four-eyes review, publication, and the provider's decision
letter. Thin views: parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.roles import Role
from procurement.access import get_procurement_for, get_registration_for
from procurement.forms.preselection import (
    CriterionForm,
    PreselectionSettingsForm,
    ProposalForm,
    PublishForm,
    SendBackForm,
)
from procurement.models import Criterion, Lot, Registration, Review
from procurement.services import preselection as services
from procurement.services import registration as registrations

officer_required = role_required(Role.PROCUREMENT_OFFICER)
provider_required = role_required(Role.PROVIDER_MEMBER)


def _managed_lot(request, procurement_pk: int, lot_pk: int) -> Lot:
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    return get_object_or_404(procurement.lots.select_related("procurement"), pk=lot_pk)


def _criteria_url(lot: Lot) -> str:
    return reverse("procurement:preselection_criteria", args=[lot.procurement_id, lot.pk])


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---------------------------------------------------------------------------------------------- criteria


@officer_required
def criteria(request, procurement_pk: int, lot_pk: int):
    lot = _managed_lot(request, procurement_pk, lot_pk)
    procurement = lot.procurement
    form = CriterionForm(
        request.POST if request.method == "POST" else None, scored=procurement.preselection_scored
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_criterion(lot, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The criterion has been added."))
            return redirect(_criteria_url(lot))
    settings_form = PreselectionSettingsForm(
        initial={
            "scored": procurement.preselection_scored,
            "objection_days": procurement.objection_period_days,
        }
    )
    return render(
        request,
        "procurement/preselection/criteria.html",
        {
            "lot": lot,
            "procurement": procurement,
            "criteria": lot.criteria.all(),
            "fixed": services.criteria_fixed(lot),
            "problems": services.criteria_problems(lot),
            "form": form,
            "settings_form": settings_form,
        },
        status=400 if form.errors else 200,
    )


@officer_required
@require_POST
def remove_criterion(request, procurement_pk: int, pk: int):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    criterion = get_object_or_404(
        Criterion.objects.select_related("lot__procurement"), pk=pk, lot__procurement=procurement
    )
    try:
        services.remove_criterion(criterion, actor=request.user)
        messages.success(request, _("The criterion has been removed."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_criteria_url(criterion.lot))


@officer_required
@require_POST
def preselection_settings(request, procurement_pk: int, lot_pk: int):
    lot = _managed_lot(request, procurement_pk, lot_pk)
    form = PreselectionSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_settings(
                lot.procurement,
                actor=request.user,
                scored=form.cleaned_data["scored"],
                objection_days=form.cleaned_data["objection_days"],
            )
            messages.success(request, _("The preselection settings have been saved."))
        except ValidationError as error:
            _refused(request, error)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(_criteria_url(lot))


# ---------------------------------------------------------------------------------------------- review


def _review_url(registration: Registration) -> str:
    return reverse("procurement:preselection_review", args=[registration.lot.procurement_id, registration.pk])


def _reviewed_registration(request, procurement_pk: int, pk: int) -> Registration:
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    return get_object_or_404(
        registrations.with_progress_data(
            Registration.objects.filter(lot__procurement=procurement, status=Registration.Status.SUBMITTED)
        ),
        pk=pk,
    )


def _review_of(registration: Registration) -> Review | None:
    return (
        Review.objects.filter(registration=registration)
        .select_related("proposed_by", "decided_by")
        .prefetch_related("assessments__criterion")
        .first()
    )


@officer_required
def review(request, procurement_pk: int, pk: int):
    registration = _reviewed_registration(request, procurement_pk, pk)
    current = _review_of(registration)
    lot_criteria = list(registration.lot.criteria.all())
    may_propose = current is None or current.status == Review.Status.SENT_BACK
    form = ProposalForm(
        request.POST if request.method == "POST" else None, criteria=lot_criteria, review=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_decision(
                registration,
                actor=request.user,
                verdicts=form.verdicts(),
                outcome=form.cleaned_data["outcome"],
                motivation=form.cleaned_data["motivation"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and all(f in form.fields for f in error.error_dict):
                for field, errors in error.error_dict.items():
                    form.add_error(field, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your proposal has been saved; a second officer must confirm it."))
            return redirect(_review_url(registration))
    return render(
        request,
        "procurement/preselection/review.html",
        {
            "registration": registration,
            "state": registrations.progress(registration),
            "in_several": registrations.organisations_in_several(registration.lot),
            "review": current,
            "form": form,
            "may_propose": may_propose and registration.lot.preselection_published_at is None,
            "problems": services.criteria_problems(registration.lot),
            "send_back_form": SendBackForm(),
            "own_proposal": current is not None and current.proposed_by_id == request.user.pk,
        },
        status=400 if form.errors else 200,
    )


@officer_required
@require_POST
def confirm(request, procurement_pk: int, pk: int):
    registration = _reviewed_registration(request, procurement_pk, pk)
    current = get_object_or_404(Review, registration=registration)
    try:
        services.confirm_decision(current, actor=request.user)
        messages.success(request, _("The decision has been confirmed."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_review_url(registration))


@officer_required
@require_POST
def send_back(request, procurement_pk: int, pk: int):
    registration = _reviewed_registration(request, procurement_pk, pk)
    current = get_object_or_404(Review, registration=registration)
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.send_back(current, actor=request.user, remark=form.cleaned_data["remark"])
            messages.success(request, _("The proposal has been sent back."))
        except ValidationError as error:
            _refused(request, error)
    else:
        messages.error(request, _("Say why you send the proposal back."))
    return redirect(_review_url(registration))


# ---------------------------------------------------------------------------------------------- publication


@officer_required
def publish(request, procurement_pk: int, lot_pk: int):
    lot = _managed_lot(request, procurement_pk, lot_pk)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_decisions(lot, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decisions of this lot have been published."))
            return redirect(
                "procurement:registration_overview", procurement_pk=lot.procurement_id, lot_pk=lot.pk
            )
    return render(
        request,
        "procurement/preselection/publish.html",
        {
            "lot": lot,
            "form": form,
            "problems": services.publication_problems(lot),
            "counts": services.review_counts(lot),
        },
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------- provider


@provider_required
@require_safe
def decision_letter(request, pk: int):
    """The decision letter: for the registration's own organisations, and only after publication."""
    registration = get_registration_for(request.user, pk)
    decision = services.published_decision(registration)
    if decision is None or not decision.letter:
        raise Http404
    return FileResponse(
        decision.letter.open("rb"),
        as_attachment=True,
        filename=f"besluit-preselectie-aanmelding-{registration.pk}.pdf",
        content_type="application/pdf",
    )
