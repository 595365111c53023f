"""The pages of the procurement: officers set it up and run its phases, providers find it and register,
anonymous visitors read the public announcement. Thin: parse, call a service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.access import organisations_of
from accounts.decorators import role_required
from accounts.roles import Role
from procurement.access import get_procurement_for, managed_procurements, may_read_as_provider
from procurement.forms.pages import (
    AdvanceForm,
    DecisionMomentForm,
    LotForm,
    PhaseScheduleForm,
    ProcurementForm,
    ReasonForm,
    RegisterForm,
    SplitLotForm,
    add_service_errors,
)
from procurement.models import DecisionMoment, Lot, Phase, PhaseTransition, Procurement
from procurement.phases import PHASES, next_phase, reasons_against
from procurement.services.decisions import add_decision_moment, update_decision_moment
from procurement.services.phases import advance_phase, schedule_phase
from procurement.services.procurements import (
    add_lot,
    create_procurement,
    publish_procurement,
    register_participant,
    resume_lot,
    split_lot,
    suspend_lot,
    update_procurement,
)
from procurement.timeline import phase_timeline

officer_only = role_required(Role.PROCUREMENT_OFFICER)
provider_only = role_required(Role.PROVIDER_MEMBER)


def _run(form, action) -> bool:
    """Call a service with the form's input; show its ValidationError on the form. True if it succeeded."""
    try:
        action()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


# Officers ---------------------------------------------------------------------------------------------


@officer_only
@require_safe
def officer_list(request):
    procurements = (
        managed_procurements(request.user)
        .annotate(lot_count=Count("lots", distinct=True))
        .prefetch_related("regions")
        .order_by("-created_at")
    )
    return render(request, "procurement/pages/officer_list.html", {"procurements": procurements})


@officer_only
def procurement_create(request):
    form = ProcurementForm(request.POST or None, officer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            procurement = create_procurement(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The procurement has been created as a draft."))
            return redirect("procurement:manage", pk=procurement.pk)
    return render(request, "procurement/pages/procurement_form.html", {"form": form, "procurement": None})


@officer_only
def procurement_edit(request, pk: int):
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = ProcurementForm(request.POST or None, instance=procurement, officer=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: update_procurement(procurement, actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("The procurement has been saved."))
        return redirect("procurement:manage", pk=procurement.pk)
    return render(
        request, "procurement/pages/procurement_form.html", {"form": form, "procurement": procurement}
    )


@officer_only
@require_safe
def procurement_manage(request, pk: int):
    procurement = get_procurement_for(request.user, pk, manage=True)
    return _render_manage(request, procurement)


def _render_manage(request, procurement: Procurement, advance_form: AdvanceForm | None = None):
    procurement = Procurement.objects.prefetch_related(
        "regions",
        "municipalities",
        "care_types",
        "phases",
        Prefetch("lots", queryset=Lot.objects.select_related("care_type", "split_from")),
        Prefetch("transitions", queryset=PhaseTransition.objects.select_related("actor")),
        Prefetch("decisions", queryset=DecisionMoment.objects.select_related("lot", "minutes")),
    ).get(pk=procurement.pk)
    to_key = next_phase(procurement)
    context = {
        "procurement": procurement,
        "timeline": phase_timeline(procurement),
        "next_phase": PHASES[to_key] if to_key else None,
        "blocking": reasons_against(procurement, to_key) if to_key else [],
        "advance_form": advance_form or AdvanceForm(initial={"to_phase": to_key}),
        "transitions": [
            (transition, PHASES[transition.from_phase].label, PHASES[transition.to_phase].label)
            for transition in procurement.transitions.all()
        ],
    }
    return render(request, "procurement/pages/manage.html", context, status=400 if advance_form else 200)


@officer_only
@require_POST
def procurement_publish(request, pk: int):
    procurement = get_procurement_for(request.user, pk, manage=True)
    try:
        publish_procurement(procurement, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The procurement has been published."))
    return redirect("procurement:manage", pk=procurement.pk)


@officer_only
@require_POST
def phase_advance(request, pk: int):
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = AdvanceForm(request.POST)
    if form.is_valid() and _run(
        form,
        lambda: advance_phase(
            procurement, form.cleaned_data["to_phase"], actor=request.user, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("The procurement has moved on to the next phase."))
        return redirect("procurement:manage", pk=procurement.pk)
    return _render_manage(request, procurement, advance_form=form)


@officer_only
def phase_schedule(request, pk: int, key: str):
    procurement = get_procurement_for(request.user, pk, manage=True)
    phase = get_object_or_404(Phase, procurement=procurement, key=key)
    form = PhaseScheduleForm(
        request.POST or None,
        initial={
            "planned_start": phase.planned_start,
            "deadline": phase.deadline,
            "question_deadline": phase.question_deadline,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: schedule_phase(phase, actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("The planning of the phase has been saved."))
        return redirect("procurement:manage", pk=procurement.pk)
    return render(
        request,
        "procurement/pages/phase_schedule.html",
        {"form": form, "procurement": procurement, "phase": phase, "label": PHASES[key].label},
    )


@officer_only
def lot_add(request, pk: int):
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = LotForm(request.POST or None, procurement=procurement, instance=Lot(procurement=procurement))
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: add_lot(procurement, actor=request.user, **form.cleaned_data))
    ):
        messages.success(request, _("The lot has been added."))
        return redirect("procurement:manage", pk=procurement.pk)
    return render(request, "procurement/pages/lot_form.html", {"form": form, "procurement": procurement})


def _managed_lot(request, pk: int, lot_pk: int) -> tuple[Procurement, Lot]:
    procurement = get_procurement_for(request.user, pk, manage=True)
    return procurement, get_object_or_404(Lot, procurement=procurement, pk=lot_pk)


LOT_ACTIONS = {
    "suspend": (suspend_lot, gettext_lazy("Suspend the lot"), gettext_lazy("The lot has been suspended.")),
    "resume": (resume_lot, gettext_lazy("Resume the lot"), gettext_lazy("The lot has been resumed.")),
}


@officer_only
def lot_status(request, pk: int, lot_pk: int, action: str):
    procurement, lot = _managed_lot(request, pk, lot_pk)
    service, title, done = LOT_ACTIONS[action]
    form = ReasonForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: service(lot, actor=request.user, reason=form.cleaned_data["reason"]))
    ):
        messages.success(request, str(done))
        return redirect("procurement:manage", pk=procurement.pk)
    return render(
        request,
        "procurement/pages/lot_action.html",
        {"form": form, "procurement": procurement, "lot": lot, "title": title},
    )


@officer_only
def lot_split(request, pk: int, lot_pk: int):
    procurement, lot = _managed_lot(request, pk, lot_pk)
    form = SplitLotForm(request.POST or None, lot=lot)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: split_lot(
                lot, actor=request.user, reason=form.cleaned_data["reason"], new_lots=form.new_lots()
            ),
        )
    ):
        messages.success(request, _("The lot has been split."))
        return redirect("procurement:manage", pk=procurement.pk)
    return render(
        request,
        "procurement/pages/lot_action.html",
        {"form": form, "procurement": procurement, "lot": lot, "title": _("Split the lot")},
    )


@officer_only
def decision_form(request, pk: int, decision_pk: int | None = None):
    procurement = get_procurement_for(request.user, pk, manage=True)
    decision = (
        get_object_or_404(DecisionMoment, procurement=procurement, pk=decision_pk) if decision_pk else None
    )
    form = DecisionMomentForm(request.POST or None, procurement=procurement, instance=decision)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if decision is None:
            saved = _run(form, lambda: add_decision_moment(procurement, actor=request.user, **fields))
        else:
            saved = _run(form, lambda: update_decision_moment(decision, actor=request.user, **fields))
        if saved:
            messages.success(request, _("The decision moment has been saved."))
            return redirect("procurement:manage", pk=procurement.pk)
    return render(
        request,
        "procurement/pages/decision_form.html",
        {"form": form, "procurement": procurement, "decision": decision},
    )


# Providers --------------------------------------------------------------------------------------------


def _public_list():
    return (
        Procurement.objects.filter(status=Procurement.Status.PUBLISHED)
        .prefetch_related("regions", Prefetch("lots", queryset=Lot.objects.order_by("number")))
        .order_by("-created_at")
    )


@provider_only
@require_safe
def provider_list(request):
    procurements = _public_list().annotate(
        registered=Count(
            "participants", filter=Q(participants__organisation__in=organisations_of(request.user))
        )
    )
    return render(request, "procurement/pages/provider_list.html", {"procurements": procurements})


@provider_only
@require_safe
def provider_detail(request, pk: int):
    procurement = get_procurement_for(request.user, pk)
    return _render_provider_detail(
        request, procurement, RegisterForm(organisations=_unregistered(request, procurement))
    )


def _unregistered(request, procurement: Procurement):
    return organisations_of(request.user).exclude(participations__procurement=procurement)


def _render_provider_detail(request, procurement: Procurement, form: RegisterForm, status: int = 200):
    context = {
        "procurement": procurement,
        "timeline": phase_timeline(procurement),
        "lots": procurement.lots.select_related("care_type").order_by("number"),
        "registered": procurement.participants.filter(organisation__in=organisations_of(request.user))
        .select_related("organisation")
        .order_by("organisation__name"),
        "is_participant": may_read_as_provider(request.user, procurement),
        "register_form": form,
    }
    return render(request, "procurement/pages/provider_detail.html", context, status=status)


@provider_only
@require_POST
def provider_register(request, pk: int):
    procurement = get_procurement_for(request.user, pk)
    form = RegisterForm(request.POST, organisations=_unregistered(request, procurement))
    if form.is_valid() and _run(
        form, lambda: register_participant(procurement, form.cleaned_data["organisation"], actor=request.user)
    ):
        messages.success(
            request,
            _("%(organisation)s is registered as a provider for this procurement.")
            % {"organisation": form.cleaned_data["organisation"].name},
        )
        return redirect("procurement:detail", pk=procurement.pk)
    return _render_provider_detail(request, procurement, form, status=400)


# Anonymous visitors -----------------------------------------------------------------------------------


@require_safe
def public_list(request):
    return render(request, "procurement/pages/public_list.html", {"procurements": _public_list()})


@require_safe
def public_detail(request, pk: int):
    procurement = Procurement.objects.visible_to_public().filter(pk=pk).first()
    if procurement is None:
        raise Http404
    lots = procurement.lots.order_by("number")
    context = {"procurement": procurement, "lots": lots, "regions": procurement.regions.all()}
    return render(request, "procurement/pages/public_detail.html", context)
