"""Thin views: parse input, call a service, render. Object access goes through contracts.access."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.roles import Role
from common.timezone import local, server_now
from common.views import refusal_shown
from contracts.access import (
    get_contract_for,
    managed_contracts,
    may_act_as_provider,
    may_manage,
    may_sign,
    visible_contracts,
)
from procurement.access import get_procurement_for
from procurement.models import Lot

from . import forms, jobs, services
from .models import Contract, ContractVersion, Evaluation, Signature


def _form_on_detail(request, contract, form, form_name: str, action: Callable[[dict], object], success: str):
    """Run a service with the form's data: done, back to the contract page with ``success``; bad input or a
    refusal, the contract page again with the form and its errors (400), nothing saved."""
    if form.is_valid():
        with refusal_shown(form):
            action(form.cleaned_data)
            messages.success(request, success)
            return redirect("contracts:detail", contract.pk)
    context = _contract_context(request, contract, **{form_name: form})
    return render(request, "contracts/detail.html", context, status=400)


@require_safe
@login_required
def register(request):
    """Officers: every contract of their procurements; providers: their own contracts."""
    contracts = (
        managed_contracts(request.user)
        if request.user.has_role(Role.PROCUREMENT_OFFICER)
        else visible_contracts(request.user)
    )
    filters = forms.RegisterFilter(request.GET or None, contracts=contracts)
    if filters.is_valid():
        if filters.cleaned_data["lot"]:
            contracts = contracts.filter(lot=filters.cleaned_data["lot"])
        if filters.cleaned_data["status"]:
            contracts = contracts.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["party"]:
            contracts = contracts.filter(parties__organisation=filters.cleaned_data["party"])
    page = Paginator(
        contracts.select_related("procurement", "lot", "organisation").order_by(
            "procurement__reference", "number"
        ),
        25,
    ).get_page(request.GET.get("pagina"))
    return render(request, "contracts/register.html", {"page": page, "filters": filters})


@role_required(Role.PROCUREMENT_OFFICER)
def contract_new(request, procurement_pk):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    form = forms.ContractForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusal_shown(form):
            contract = services.create_contract(
                data["lot"],
                data["organisation"],
                actor=request.user,
                start=data["start"],
                implementation_start=data["implementation_start"],
            )
            return redirect("contracts:detail", contract.pk)
    return render(
        request, "contracts/form.html", {"form": form, "procurement": procurement, "title": _("New contract")}
    )


@role_required(Role.PROCUREMENT_OFFICER)
def template_edit(request, procurement_pk):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    form = forms.TemplateForm(request.POST or None, initial={"text": jobs.template_text(procurement)})
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services.update_template(procurement, form.cleaned_data["text"], actor=request.user)
            messages.success(request, _("The template has been saved."))
            return redirect("contracts:template", procurement.pk)
    return render(
        request,
        "contracts/template.html",
        {"form": form, "procurement": procurement, "placeholders": jobs.PLACEHOLDERS},
    )


@role_required(Role.PROCUREMENT_OFFICER)
def lot_contracts(request, lot_pk):
    lot = get_object_or_404(Lot.objects.select_related("procurement"), pk=lot_pk)
    get_procurement_for(request.user, lot.procurement_id, manage=True)
    if request.method == "POST":
        made = services.request_lot_versions(lot, actor=request.user)
        messages.success(request, _("%(count)s contract versions are being made.") % {"count": made})
        return redirect("contracts:lot", lot.pk)
    return render(
        request,
        "contracts/lot.html",
        {
            "lot": lot,
            "contracts": lot.contracts.select_related("organisation"),
            "progress": services.lot_progress(lot),
        },
    )


def _contract_context(request, contract, **forms_) -> dict:
    versions = list(
        contract.versions.select_related("signed_copy_of").prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.order_by("signed_at"))
        )
    )
    kpis = list(contract.kpis.prefetch_related("reports"))  # in the order of periods (KpiReport.Meta)
    manage = may_manage(request.user, contract)
    provider = may_act_as_provider(request.user, contract)
    latest = services.latest_version(contract)
    parties = list(contract.parties.select_related("municipality", "organisation"))
    draft = manage and contract.status == Contract.Status.DRAFT
    today = local(server_now()).date()
    context = {
        "contract": contract,
        "versions": versions,
        "latest": latest,
        "kpis": kpis,
        "budget_years": contract.budget_years.all(),
        "evaluations": contract.evaluations.all(),
        "parties": parties,
        "removable": {
            p.pk for p in parties if draft and p.organisation_id not in (None, contract.organisation_id)
        },
        "draft": draft,
        "direction_form": forms.KpiDirectionForm(contract=contract) if draft and kpis else None,
        "party_form": forms.PartyForm(contract=contract)
        if draft and services.addable_members(contract).exists()
        else None,
        "may_end": manage and contract.status in Contract.RUNNING and today > contract.end,
        "conditions": contract.termination_conditions.all(),
        "late": services.late_reports(contract, today),
        "manage": manage,
        "provider": provider,
        "may_sign": provider
        and latest is not None
        and latest.state == ContractVersion.State.DONE
        and contract.status == contract.Status.READY
        and may_sign(request.user, contract),
        "may_countersign": manage and contract.status == contract.Status.SIGNED_BY_PROVIDER,
        "version_form": forms.VersionForm(),
        "sign_form": forms.SignForm(initial={"version": latest.pk if latest else None}),
        "kpi_form": forms.KpiUploadForm(),
        "spend_form": forms.SpendForm(),
        "terminate_form": forms.TerminateForm(contract=contract),
    }
    context.update(forms_)
    return context


@require_safe
@login_required
def detail(request, pk):
    contract = get_contract_for(request.user, pk)
    return render(request, "contracts/detail.html", _contract_context(request, contract))


@require_safe
@login_required
def version_pdf(request, pk, number):
    contract = get_contract_for(request.user, pk)
    version = get_object_or_404(contract.versions, number=number, state=ContractVersion.State.DONE)
    return FileResponse(
        version.file.open("rb"), as_attachment=True, filename=f"{contract.number}-v{number}.pdf"
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def version_new(request, pk):
    contract = get_contract_for(request.user, pk, manage=True)
    return _form_on_detail(
        request,
        contract,
        forms.VersionForm(request.POST),
        "version_form",
        lambda data: services.request_version(contract, actor=request.user, reason=data["reason"]),
        _("A new version is being made; reload the page to see it."),
    )


def _sign(request, pk, verb, *, manage: bool):
    contract = get_contract_for(request.user, pk, manage=manage)
    if not manage and not may_act_as_provider(request.user, contract):
        raise Http404

    def sign_version(data):
        version = get_object_or_404(contract.versions, pk=data["version"])
        verb(version, actor=request.user, name=data["name"], function=data["function"])

    form = forms.SignForm(request.POST)
    return _form_on_detail(
        request, contract, form, "sign_form", sign_version, _("The contract version has been signed.")
    )


@require_POST
@login_required
def sign(request, pk):
    return _sign(request, pk, services.sign_as_provider, manage=False)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def countersign(request, pk):
    return _sign(request, pk, services.countersign, manage=True)


@require_POST
@login_required
def kpi_upload(request, pk):
    contract = get_contract_for(request.user, pk)
    if not may_act_as_provider(request.user, contract):
        raise Http404

    def report(data):
        upload = data["file"]
        if upload.size > 1_000_000:
            raise ValidationError(_("The file is too large (at most 1 MB)."))
        services.report_kpis(contract, services.parse_kpi_csv(contract, upload.read()), actor=request.user)

    form = forms.KpiUploadForm(request.POST, request.FILES)
    return _form_on_detail(request, contract, form, "kpi_form", report, _("The KPI values have been saved."))


@require_POST
@login_required
def spend(request, pk):
    contract = get_contract_for(request.user, pk)
    if not may_act_as_provider(request.user, contract):
        raise Http404
    return _form_on_detail(
        request,
        contract,
        forms.SpendForm(request.POST),
        "spend_form",
        lambda data: services.report_spend(contract, data["year"], data["amount"], actor=request.user),
        _("The spend has been saved."),
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def terminate(request, pk):
    contract = get_contract_for(request.user, pk, manage=True)
    return _form_on_detail(
        request,
        contract,
        forms.TerminateForm(request.POST, contract=contract),
        "terminate_form",
        lambda data: services.terminate(contract, actor=request.user, condition=data["condition"]),
        _("The contract has been terminated."),
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def end(request, pk):
    contract = get_contract_for(request.user, pk, manage=True)
    with refusal_shown(request):
        services.end_contract(contract, actor=request.user)
        messages.success(request, _("The contract has ended."))
    return redirect("contracts:detail", contract.pk)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def party_add(request, pk):
    contract = get_contract_for(request.user, pk, manage=True)
    return _form_on_detail(
        request,
        contract,
        forms.PartyForm(request.POST, contract=contract),
        "party_form",
        lambda data: services.add_party(
            contract, data["organisation"], actor=request.user, role=data["role"]
        ),
        _("The party has been added."),
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def party_remove(request, pk, party_pk):
    contract = get_contract_for(request.user, pk, manage=True)
    party = get_object_or_404(contract.parties.select_related("organisation"), pk=party_pk)
    party.contract = contract
    with refusal_shown(request):
        services.remove_party(party, actor=request.user)
        messages.success(request, _("The party has been removed."))
    return redirect("contracts:detail", contract.pk)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def kpi_direction(request, pk):
    contract = get_contract_for(request.user, pk, manage=True)
    return _form_on_detail(
        request,
        contract,
        forms.KpiDirectionForm(request.POST, contract=contract),
        "direction_form",
        lambda data: services.set_kpi_direction(data["kpi"], data["direction"], actor=request.user),
        _("The direction of the KPI has been saved."),
    )


# --- evaluations ---------------------------------------------------------------------------------


def _evaluation_context(request, contract, **forms_) -> dict:
    """Officers see every evaluation and act on them; the contract's providers see the closed ones."""
    manage = may_manage(request.user, contract)
    evaluations = list(contract.evaluations.select_related("recorded_by"))
    started = next((e for e in evaluations if e.state == Evaluation.State.STARTED), None)
    planned = next((e for e in evaluations if e.state == Evaluation.State.PLANNED), None)
    context = {
        "contract": contract,
        "evaluations": evaluations,
        "manage": manage,
        "startable": planned
        if manage
        and contract.status == Contract.Status.ACTIVE
        and not started
        and local(server_now()).date() >= services.evaluation_opens_on(planned)
        else None,
        "started": started if manage else None,
        "record_form": forms.EvaluationForm(
            initial={"outcome": started.outcome, "motivation": started.motivation} if started else None
        ),
    }
    context.update(forms_)
    return context


def _evaluation_for(request, pk, year: int, *, manage: bool) -> Evaluation:
    contract = get_contract_for(request.user, pk, manage=manage)
    evaluation = get_object_or_404(contract.evaluations, after_year=year)
    evaluation.contract = contract
    return evaluation


@require_safe
@login_required
def evaluations(request, pk):
    contract = get_contract_for(request.user, pk)
    return render(request, "contracts/evaluations.html", _evaluation_context(request, contract))


@require_safe
@login_required
def evaluation_report(request, pk, year):
    evaluation = _evaluation_for(request, pk, year, manage=False)
    if not evaluation.report or not (
        evaluation.state == Evaluation.State.CLOSED or may_manage(request.user, evaluation.contract)
    ):
        raise Http404
    return FileResponse(evaluation.report.open("rb"), as_attachment=True, filename=evaluation.report_name)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def evaluation_start(request, pk, year):
    evaluation = _evaluation_for(request, pk, year, manage=True)
    with refusal_shown(request):
        services.start_evaluation(evaluation, actor=request.user)
        messages.success(request, _("The evaluation has started; the contract is under evaluation."))
    return redirect("contracts:evaluations", evaluation.contract_id)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def evaluation_record(request, pk, year):
    evaluation = _evaluation_for(request, pk, year, manage=True)
    form = forms.EvaluationForm(request.POST, request.FILES)
    if form.is_valid():
        with refusal_shown(form):
            services.record_evaluation(
                evaluation,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                motivation=form.cleaned_data["motivation"],
                report=form.cleaned_data["report"],
            )
            messages.success(request, _("The outcome of the evaluation has been recorded."))
            return redirect("contracts:evaluations", evaluation.contract_id)
    return render(
        request,
        "contracts/evaluations.html",
        _evaluation_context(request, evaluation.contract, record_form=form),
        status=400,
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def evaluation_close(request, pk, year):
    evaluation = _evaluation_for(request, pk, year, manage=True)
    with refusal_shown(request):
        services.close_evaluation(evaluation, actor=request.user)
        messages.success(request, _("The evaluation has been closed."))
    return redirect("contracts:evaluations", evaluation.contract_id)
