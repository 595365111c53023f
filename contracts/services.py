"""The verbs of contracts: make a contract for an awarded party, have its PDF versions made, sign and
countersign, follow the term (evaluations, KPI reports, spend) and end it early."""

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.roles import Role
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import Refused, each_in_own_transaction, record, records_refusals, refusals_recorded
from common.numbers import is_whole_number
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from common.uploads import check_upload
from contracts.access import may_manage, may_sign
from dialogue.models import Agreement, DialogueParticipant
from procurement.models import AwardDecision, Lot, Procurement, Registration, RegistrationMember

from .jobs import PLACEHOLDERS, sandbox, versions_to_make
from .models import (
    BudgetYear,
    Contract,
    ContractAgreement,
    ContractKpi,
    ContractParty,
    ContractTemplate,
    ContractVersion,
    Evaluation,
    KpiReport,
    Signature,
    TerminationCondition,
)

S = Contract.Status

# The contract's life as data: from each status, the statuses it may move to.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.READY, S.TERMINATED},
    S.READY: {S.SIGNED_BY_PROVIDER, S.DRAFT, S.TERMINATED},
    S.SIGNED_BY_PROVIDER: {S.COUNTERSIGNED, S.READY, S.TERMINATED},
    S.COUNTERSIGNED: {S.ACTIVE, S.TERMINATED},
    S.ACTIVE: {S.UNDER_EVALUATION, S.ENDED, S.TERMINATED, S.READY},
    S.UNDER_EVALUATION: {S.ACTIVE, S.ENDED, S.TERMINATED},
    S.ENDED: set(),
    S.TERMINATED: set(),
}

IMPLEMENTATION_MONTHS = 3
REMIND_MONTHS_AHEAD = 3


def _move(contract: Contract, new: str, **fields) -> None:
    """Compare-and-swap the status along an allowed transition; refuse anything else."""
    old = contract.status
    if new not in TRANSITIONS[old] or (
        Contract.objects.filter(pk=contract.pk, status=old).update(status=new, **fields) != 1
    ):
        raise Refused(
            _("The contract cannot go from “%(old)s” to “%(new)s”.")
            % {"old": contract.get_status_display(), "new": S(new).label},
            action=f"contracts.status.{new}",
            obj=contract,
            procurement_id=contract.procurement_id,
        )
    if old == S.UNDER_EVALUATION and new in (S.ENDED, S.TERMINATED):
        # the contract is over: an evaluation still in progress ends with it (no outcome can follow)
        contract.evaluations.filter(state=Evaluation.State.STARTED).update(
            state=Evaluation.State.CLOSED, closed_at=server_now()
        )
    contract.status = new
    for name, value in fields.items():
        setattr(contract, name, value)


def has_running_contract(lot: Lot, organisation: Organisation) -> bool:
    """Whether the organisation has a contract for the lot that was not terminated."""
    return Contract.objects.filter(lot=lot, organisation=organisation).exclude(status=S.TERMINATED).exists()


def default_start(today: date) -> date:
    """1 January after today."""
    return date(today.year + 1, 1, 1)


def candidate_organisations(lot: Lot):
    """The organisations a contract for the lot may be made with: its dialogue participants, or the
    procurement's registered providers for a procedure without a dialogue."""
    in_dialogue = Organisation.objects.filter(
        dialogue_participations__lot=lot, dialogue_participations__left_at__isnull=True
    )
    if DialogueParticipant.objects.filter(lot=lot).exists():
        return in_dialogue.order_by("name")
    return Organisation.objects.filter(participations__procurement=lot.procurement_id).order_by("name")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _agreements_of(lot: Lot) -> list[dict]:
    """The lot's frozen agreement set if its dialogue closed, else its agreed agreements as they are."""
    agreement_set = getattr(lot, "agreement_set", None)
    if agreement_set is not None:
        return [
            {
                "kind": f.kind,
                "theme_order": f.theme_order,
                "theme_title": f.theme_title,
                "title": f.title,
                "text": f.text,
                "version": f.version,
                "kpi": f.kpi and {**f.kpi, "frequency": f.kpi_frequency},
                "budget_amount": f.budget_amount,
                "budget_year": f.budget_year,
            }
            for f in agreement_set.agreements.all()
        ]
    agreed = Agreement.objects.filter(lots=lot, status=Agreement.Status.AGREED).select_related("theme")
    return [
        {
            "kind": a.kind,
            "theme_order": a.theme.order,
            "theme_title": a.theme.title,
            "title": a.title,
            "text": a.text,
            "version": a.version,
            "kpi": a.kpi,
            "budget_amount": a.budget_amount,
            "budget_year": a.budget_year,
        }
        for a in agreed
    ]


def create_contract(
    lot: Lot,
    organisation: Organisation,
    *,
    actor: User | None,
    start: date | None = None,
    implementation_start: date | None = None,
    members: list[tuple[Organisation, str]] | None = None,
) -> Contract:
    """Make the draft contract of an awarded party (the lead organisation) for a lot: its parties, the
    agreements of the lot frozen into it, yearly maximum budget, KPIs, termination conditions and the
    evaluation moments. Called by the award step or by an officer."""
    with refusals_recorded(Action.CONTRACTS_CREATE, actor=actor, obj=lot, procurement_id=lot.procurement_id):
        procurement = Procurement.objects.select_for_update().get(pk=lot.procurement_id)
        if has_running_contract(lot, organisation):
            raise ValidationError(
                _("There is already a contract with %(organisation)s for this lot.")
                % {"organisation": organisation}
            )
        start = start or default_start(local(server_now()).date())
        count = Contract.objects.filter(lot=lot).count()
        contract = Contract.objects.create(
            procurement=procurement,
            lot=lot,
            organisation=organisation,
            number=f"{procurement.reference}-{lot.number}-{count + 1}",
            start=start,
            end=_add_years(start, procurement.contract_term_years) - timedelta(days=1),
            implementation_start=implementation_start,
            agreement_set_number=getattr(getattr(lot, "agreement_set", None), "number", "") or "",
            created_by=actor,
        )
        ContractParty.objects.bulk_create(
            [
                ContractParty(contract=contract, municipality=m, role=_("client"))
                for m in procurement.municipalities.all()
            ]
            + [ContractParty(contract=contract, organisation=organisation, role=_("lead provider"))]
            + [ContractParty(contract=contract, organisation=o, role=role) for o, role in (members or [])]
        )
        agreements = _agreements_of(lot)
        ContractAgreement.objects.bulk_create(
            ContractAgreement(
                contract=contract,
                **{k: a[k] for k in ("kind", "theme_order", "theme_title", "title", "text", "version")},
            )
            for a in agreements
        )
        kpis = {a["kpi"]["name"]: a["kpi"] for a in agreements if a["kpi"]}
        ContractKpi.objects.bulk_create(
            ContractKpi(
                contract=contract,
                name=k["name"],
                definition=k.get("definition", ""),
                unit=k.get("unit", ""),
                target=Decimal(k["target"]) if k.get("target") else None,
                frequency=k["frequency"],
            )
            for k in kpis.values()
        )
        budget: dict[int, Decimal] = {}
        for a in agreements:
            if a["budget_amount"] is not None:
                year = a["budget_year"] or start.year
                budget[year] = budget.get(year, Decimal("0")) + a["budget_amount"]
        BudgetYear.objects.bulk_create(
            BudgetYear(contract=contract, year=y, maximum=m) for y, m in budget.items()
        )
        TerminationCondition.objects.bulk_create(
            TerminationCondition(contract=contract, title=a["title"], text=a["text"])
            for a in agreements
            if a["kind"] == Agreement.Kind.CONTRACTUAL
        )
        Evaluation.objects.bulk_create(
            Evaluation(contract=contract, after_year=y, due=_add_years(start, y))
            for y in sorted(procurement.evaluation_years or [])
        )
        record(
            Action.CONTRACTS_CREATE,
            actor=actor,
            obj=contract,
            procurement_id=procurement.pk,
            message=contract.number,
        )
    return contract


def partnership_members(lot: Lot, organisation: Organisation) -> QuerySet[RegistrationMember]:
    """The other members (partners, subcontractors) of the partnership the lead registered for the lot."""
    return (
        RegistrationMember.objects.filter(
            registration__lot=lot,
            registration__lead=organisation,
            registration__status=Registration.Status.SUBMITTED,
        )
        .exclude(role=RegistrationMember.Role.LEAD)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def create_awarded_contracts(award: AwardDecision, actor: User | None) -> list[Contract]:
    """The award of a lot became definitive: a draft contract for each awarded party, with the members of
    its partnership as parties. A party that has a contract for the lot already is skipped (idempotent)."""
    lot = award.lot
    made = []
    for submission in award.winners.select_related("organisation").order_by("organisation__name"):
        organisation = submission.organisation
        if has_running_contract(lot, organisation):
            continue
        members = [(m.organisation, m.get_role_display()) for m in partnership_members(lot, organisation)]
        made.append(create_contract(lot, organisation, actor=actor, members=members))
    return made


# --- the agreement template and the versions -----------------------------------------------------


def check_template_text(text: str) -> None:
    """Refuse a template that does not parse, in words an officer understands."""
    try:
        sandbox().from_string(text)
    except TemplateSyntaxError as error:
        raise ValidationError(
            _(
                "The template contains an error and was not saved; the previous template stays in use. "
                "Only the placeholders %(names)s and {%% if %%}/{%% for %%} may be used. (%(error)s)"
            )
            % {"names": ", ".join(f"{{{{ {n} }}}}" for n in PLACEHOLDERS), "error": error}
        ) from error


@records_refusals(Action.CONTRACTS_TEMPLATE_UPDATE, procurement_id=lambda procurement: procurement.pk)
def update_template(procurement: Procurement, text: str, *, actor: User) -> ContractTemplate:
    check_template_text(text)
    template, created = ContractTemplate.objects.update_or_create(
        procurement=procurement, defaults={"text": text, "updated_by": actor}
    )
    record(Action.CONTRACTS_TEMPLATE_UPDATE, actor=actor, obj=template, procurement_id=procurement.pk)
    return template


def _enqueue(version_id: int) -> None:
    hand_to_worker("contracts.tasks.make_contract_version", version_id, left_to="the contract version sweep")


def _new_version(
    contract: Contract, *, actor: User | None, reason: str = "", signed_copy_of=None
) -> ContractVersion:
    number = (contract.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ContractVersion.objects.create(
        contract=contract, number=number, reason=reason, signed_copy_of=signed_copy_of, requested_by=actor
    )
    transaction.on_commit(lambda: _enqueue(version.pk))
    return version


def request_version(contract: Contract, *, actor: User, reason: str = "") -> ContractVersion:
    """Have a new version of the contract made (the first, a regeneration, or an amendment with its
    reason). A version already signed by the provider becomes void: the contract goes back to 'ready'."""
    with refusals_recorded(
        Action.CONTRACTS_VERSION_REQUEST, actor=actor, obj=contract, procurement_id=contract.procurement_id
    ):
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if contract.status in (S.ENDED, S.TERMINATED, S.COUNTERSIGNED):
            raise ValidationError(
                _("A new version cannot be made for a contract with status “%(status)s”.")
                % {"status": contract.get_status_display()}
            )
        if contract.status == S.ACTIVE and not reason:
            raise ValidationError(_("An amendment of an active contract needs a reason."))
        version = _new_version(contract, actor=actor, reason=reason)
        if contract.status != S.READY:
            _move(contract, S.READY)
        record(
            Action.CONTRACTS_VERSION_REQUEST,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            message=f"v{version.number} {reason}".strip(),
        )
    return version


def request_lot_versions(lot: Lot, *, actor: User) -> int:
    """Bulk: a new version for every draft contract of the lot (one transaction per contract)."""
    made = 0
    for contract in Contract.objects.filter(lot=lot, status__in=[S.DRAFT, S.READY]):
        request_version(contract, actor=actor)
        made += 1
    return made


def lot_progress(lot: Lot) -> dict[str, int]:
    versions = ContractVersion.objects.filter(contract__lot=lot)
    return {
        "pending": versions.filter(state=ContractVersion.State.PENDING).count(),
        "done": versions.filter(state=ContractVersion.State.DONE).count(),
    }


def latest_version(contract: Contract) -> ContractVersion | None:
    """The latest version to be signed (signed copies are not versions to sign)."""
    return contract.versions.filter(signed_copy_of__isnull=True).order_by("-number").first()


def sweep_pending_versions(older_than: timedelta = timedelta(minutes=5)) -> int:
    """Enqueue again the versions still pending after a while (the broker was down when they were
    requested, or a worker died mid-render)."""
    ids = list(
        versions_to_make().filter(requested_at__lt=server_now() - older_than).values_list("pk", flat=True)
    )
    for pk in ids:
        _enqueue(pk)
    return len(ids)


# --- signing ------------------------------------------------------------------------------------------


def _refuse_outdated(version: ContractVersion) -> None:
    latest = latest_version(version.contract)
    if latest is None or latest.pk != version.pk or version.state != ContractVersion.State.DONE:
        raise ValidationError(
            _("This version is no longer the latest version of the contract; sign the latest version.")
        )


def sign_as_provider(version: ContractVersion, *, actor: User, name: str, function: str) -> Signature:
    """The provider's authorised signatory accepts exactly this version (its hash)."""
    with refusals_recorded(
        Action.CONTRACTS_SIGN, actor=actor, obj=version, procurement_id=version.contract.procurement_id
    ):
        contract = Contract.objects.select_for_update().get(pk=version.contract_id)
        version.contract = contract
        if not may_sign(actor, contract):
            raise ValidationError(
                _("Only an authorised signatory of %(organisation)s may sign.")
                % {"organisation": contract.organisation}
            )
        _refuse_outdated(version)
        _move(contract, S.SIGNED_BY_PROVIDER)
        signature = _signature(version, Signature.Side.PROVIDER, actor=actor, name=name, function=function)
        record(
            Action.CONTRACTS_SIGN,
            actor=actor,
            obj=version,
            procurement_id=contract.procurement_id,
            message=version.sha256,
        )
    return signature


def _signature(version: ContractVersion, side: str, *, actor: User, name: str, function: str) -> Signature:
    """The signature of one side on the exact content of this version, at the server's time."""
    return Signature.objects.create(
        version=version,
        side=side,
        user=actor,
        name=name,
        function=function,
        sha256=version.sha256,
        signed_at=server_now(),
    )


def countersign(version: ContractVersion, *, actor: User, name: str, function: str) -> Signature:
    """The officer countersigns the version the provider signed; the signed PDF is made by a worker."""
    with refusals_recorded(
        Action.CONTRACTS_COUNTERSIGN, actor=actor, obj=version, procurement_id=version.contract.procurement_id
    ):
        contract = Contract.objects.select_for_update().get(pk=version.contract_id)
        version.contract = contract
        if not may_manage(actor, contract):
            raise ValidationError(_("Only an officer of the procurement may countersign."))
        _refuse_outdated(version)
        if not version.signatures.filter(side=Signature.Side.PROVIDER).exists():
            raise ValidationError(_("The provider has not signed this version yet."))
        _move(contract, S.COUNTERSIGNED)
        signature = _signature(version, Signature.Side.CLIENT, actor=actor, name=name, function=function)
        _new_version(contract, actor=actor, reason=_("signed copy"), signed_copy_of=version)
        _move(contract, S.ACTIVE)
        record(
            Action.CONTRACTS_COUNTERSIGN,
            actor=actor,
            obj=version,
            procurement_id=contract.procurement_id,
            message=version.sha256,
        )
    return signature


# --- term and monitoring -----------------------------------------------------------------------------


def remind_evaluations(months_ahead: int = REMIND_MONTHS_AHEAD) -> int:
    """Beat: raise each evaluation moment to the procurement's officers months ahead, once (each
    evaluation on its own: one that fails is left for the next run)."""
    today = local(server_now()).date()
    horizon = _add_months(today, months_ahead)
    due = Evaluation.objects.filter(
        reminded_at__isnull=True, due__lte=horizon, contract__status__in=Contract.RUNNING
    ).select_related("contract__procurement")
    return sum(
        each_in_own_transaction(
            due,
            _remind_evaluation,
            action=Action.CONTRACTS_EVALUATION_REMIND,
            procurement_id=lambda evaluation: evaluation.contract.procurement_id,
        )
    )


def _remind_evaluation(evaluation: Evaluation) -> int:
    """Tell the procurement's officers that the evaluation is coming; 0 if it was reminded meanwhile."""
    if (
        Evaluation.objects.filter(pk=evaluation.pk, reminded_at__isnull=True).update(reminded_at=server_now())
        != 1
    ):
        return 0
    contract = evaluation.contract
    officers = User.objects.filter(
        region__in=contract.procurement.regions.all(), groups__name=Role.PROCUREMENT_OFFICER
    ).distinct()
    notify(
        officers,
        key=f"contracts.evaluation.{evaluation.pk}",
        subject=_("Evaluation of contract %(number)s after year %(year)s is due on %(due)s")
        % {"number": contract.number, "year": evaluation.after_year, "due": evaluation.due},
        body=_("Plan the evaluation with %(provider)s.") % {"provider": contract.organisation},
    )
    record(
        Action.CONTRACTS_EVALUATION_REMIND, actor=None, obj=contract, procurement_id=contract.procurement_id
    )
    return 1


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


KPI_COLUMNS = ["kpi", "period", "value"]


@dataclass
class KpiLine:
    kpi: ContractKpi
    period: str
    value: Decimal


def _valid_period(period: str) -> bool:
    if len(period) == 4:
        return is_whole_number(period)
    return len(period) == 7 and is_whole_number(period[:4]) and period[4:6] == "-Q" and period[6] in "1234"


def parse_kpi_csv(contract: Contract, data: bytes) -> list[KpiLine]:
    """Read a KPI report (columns kpi;period;value). Every bad line gets its own message; any error
    means nothing is read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if header != KPI_COLUMNS:
        raise ValidationError(
            _("Line 1: the columns must be %(expected)s, not %(found)s.")
            % {"expected": ";".join(KPI_COLUMNS), "found": ";".join(header) or "—"}
        )
    kpis = {k.name.lower(): k for k in contract.kpis.all()}
    done = set(KpiReport.objects.filter(kpi__contract=contract).values_list("kpi_id", "period"))
    errors, lines, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            errors.append(_("Line %(line)s: expected 3 columns.") % {"line": number})
            continue
        name, period, raw = (cell.strip() for cell in row)
        kpi = kpis.get(name.lower())
        if kpi is None:
            errors.append(_("Line %(line)s: unknown KPI “%(name)s”.") % {"line": number, "name": name})
            continue
        if not _valid_period(period):
            errors.append(
                _("Line %(line)s: “%(period)s” is not a period (2027 or 2027-Q1).")
                % {"line": number, "period": period}
            )
            continue
        try:
            value = Decimal(raw.replace(",", "."))
            if not value.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_("Line %(line)s: “%(value)s” is not a number.") % {"line": number, "value": raw})
            continue
        if not kpi.takes_period(period):
            errors.append(
                (
                    _("Line %(line)s: %(kpi)s is reported per quarter (2027-Q1), not per year.")
                    if kpi.per_quarter
                    else _("Line %(line)s: %(kpi)s is reported per year (2027), not per quarter.")
                )
                % {"line": number, "kpi": kpi.name}
            )
            continue
        if (kpi.pk, period) in seen or (kpi.pk, period) in done:
            errors.append(
                _("Line %(line)s: %(kpi)s for %(period)s has already been reported.")
                % {"line": number, "kpi": kpi.name, "period": period}
            )
            continue
        seen.add((kpi.pk, period))
        lines.append(KpiLine(kpi, period, value))
    if errors:
        raise ValidationError(errors)
    if not lines:
        raise ValidationError(_("The file holds no KPI values."))
    return lines


@records_refusals(Action.CONTRACTS_KPI_REPORT, procurement_id=lambda contract: contract.procurement_id)
def report_kpis(contract: Contract, lines: list[KpiLine], *, actor: User) -> list[KpiReport]:
    """Store the provider's KPI values; a period reported twice is refused, nothing partial is saved."""
    now = server_now()
    try:
        with transaction.atomic():
            reports = KpiReport.objects.bulk_create(
                KpiReport(
                    kpi=line.kpi, period=line.period, value=line.value, reported_by=actor, reported_at=now
                )
                for line in lines
            )
    except IntegrityError as error:
        raise ValidationError(_("A period in this report has already been reported.")) from error
    record(
        Action.CONTRACTS_KPI_REPORT,
        actor=actor,
        obj=contract,
        procurement_id=contract.procurement_id,
        message=", ".join(f"{line.kpi.name} {line.period}={line.value}" for line in lines),
    )
    return reports


@records_refusals(Action.CONTRACTS_SPEND_REPORT, procurement_id=lambda contract: contract.procurement_id)
def report_spend(contract: Contract, year: int, amount: Decimal, *, actor: User) -> BudgetYear:
    """The provider reports its spend for a year of the contract (against the yearly maximum)."""
    budget = BudgetYear.objects.select_for_update().filter(contract=contract, year=year).first()
    if budget is None:
        raise ValidationError(_("The contract has no budget for %(year)s.") % {"year": year})
    if amount < 0:
        raise ValidationError(_("The spend cannot be negative."))
    before = budget.spent
    budget.spent = amount
    budget.save(update_fields=["spent"])
    record(
        Action.CONTRACTS_SPEND_REPORT,
        actor=actor,
        obj=contract,
        procurement_id=contract.procurement_id,
        changes={f"spent {year}": [str(before), str(amount)]},
    )
    return budget


def late_reports(contract: Contract, today: date) -> list[tuple[ContractKpi, list[str]]]:
    """The contract's KPIs with a late report on ``today`` (``ContractKpi.objects.late``), each with
    its reporting periods that have no report."""
    kpis = list(contract.kpis.late(today))
    reported = set(KpiReport.objects.filter(kpi__in=kpis).values_list("kpi_id", "period"))
    late = []
    for kpi in kpis:
        periods = (kpi.period_label(n) for n in range(kpi.first_due, kpi.last_due + 1))
        late.append((kpi, [p for p in periods if (kpi.pk, p) not in reported]))
    return late


def terminate(contract: Contract, *, actor: User, condition: TerminationCondition) -> Contract:
    """End the contract early, invoking one of its termination conditions."""
    with refusals_recorded(
        Action.CONTRACTS_TERMINATE, actor=actor, obj=contract, procurement_id=contract.procurement_id
    ):
        contract = Contract.objects.select_for_update().get(pk=contract.pk)
        if condition.contract_id != contract.pk:
            raise ValidationError(_("Choose a condition of this contract."))
        _move(contract, S.TERMINATED, termination_condition=condition.title, terminated_at=server_now())
        record(
            Action.CONTRACTS_TERMINATE,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            message=condition.title,
        )
    return contract


# --- evaluations and the end of the term -----------------------------------------------------------

EVALUATION_REPORT_EXTENSIONS = {"pdf", "docx", "odt"}


def _require_manager(actor: User, contract: Contract) -> None:
    if not may_manage(actor, contract):
        raise ValidationError(_("Only an officer of the procurement may do this."))


def _locked_evaluation(evaluation: Evaluation) -> tuple[Evaluation, Contract]:
    """The contract, then the evaluation, locked (the contract first, as every other verb locks it)."""
    contract = (
        Contract.objects.select_for_update().select_related("procurement").get(pk=evaluation.contract_id)
    )
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    evaluation.contract = contract
    return evaluation, contract


def evaluation_opens_on(evaluation: Evaluation) -> date:
    """An evaluation can be started from the moment the officers are reminded of it."""
    return _add_months(evaluation.due, -REMIND_MONTHS_AHEAD)


def start_evaluation(evaluation: Evaluation, *, actor: User) -> Evaluation:
    """The officer starts an evaluation moment: the contract is under evaluation until it is closed."""
    action = Action.CONTRACTS_EVALUATION_START
    with refusals_recorded(
        action, actor=actor, obj=evaluation, procurement_id=evaluation.contract.procurement_id
    ):
        evaluation, contract = _locked_evaluation(evaluation)
        _require_manager(actor, contract)
        if evaluation.state != Evaluation.State.PLANNED:
            raise ValidationError(_("This evaluation has already been started."))
        opens = evaluation_opens_on(evaluation)
        if local(server_now()).date() < opens:
            raise ValidationError(
                _("This evaluation can be started from %(date)s.") % {"date": opens.strftime("%d-%m-%Y")}
            )
        earlier = (
            contract.evaluations.filter(after_year__lt=evaluation.after_year)
            .exclude(state=Evaluation.State.CLOSED)
            .first()
        )
        if earlier is not None:
            raise ValidationError(
                _("Close the evaluation after year %(year)s first.") % {"year": earlier.after_year}
            )
        _move(contract, S.UNDER_EVALUATION)
        evaluation.state, evaluation.started_at = Evaluation.State.STARTED, server_now()
        evaluation.save(update_fields=["state", "started_at"])
        record(
            action, actor=actor, obj=contract, procurement_id=contract.procurement_id, message=str(evaluation)
        )
    return evaluation


def record_evaluation(
    evaluation: Evaluation,
    *,
    actor: User,
    outcome: str,
    motivation: str,
    report: UploadedFile | None = None,
) -> Evaluation:
    """Record (or correct, until it is closed) the outcome of an evaluation in progress, its motivation
    and optionally the evaluation report."""
    action = Action.CONTRACTS_EVALUATION_RECORD
    with refusals_recorded(
        action, actor=actor, obj=evaluation, procurement_id=evaluation.contract.procurement_id
    ):
        evaluation, contract = _locked_evaluation(evaluation)
        _require_manager(actor, contract)
        if evaluation.state != Evaluation.State.STARTED:
            raise ValidationError(_("Only an evaluation in progress can get an outcome."))
        if outcome not in Evaluation.Outcome.values:
            raise ValidationError({"outcome": _("Choose one of the outcomes.")})
        if not motivation.strip():
            raise ValidationError({"motivation": _("Give the motivation of the outcome.")})
        before = evaluation.outcome
        if report is not None:
            try:
                checked = check_upload(report, allowed=EVALUATION_REPORT_EXTENSIONS)
            except ValidationError as error:
                raise ValidationError({"report": error.messages}) from error
            previous = evaluation.report.name
            evaluation.report.save(checked.name, report, save=False)
            evaluation.report_name, evaluation.report_sha256 = checked.name, checked.sha256
            stored = evaluation.report
            transaction.on_commit(lambda: previous and stored.storage.delete(previous))
        evaluation.outcome, evaluation.motivation = outcome, motivation.strip()
        evaluation.recorded_by, evaluation.recorded_at = actor, server_now()
        evaluation.save()
        record(
            action,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            changes={"outcome": [before, outcome]},
            message=f"{evaluation} {evaluation.report_sha256}".strip(),
        )
    return evaluation


def close_evaluation(evaluation: Evaluation, *, actor: User) -> Evaluation:
    """Close an evaluation with its recorded outcome: the contract is active again, or, when the outcome
    is to terminate early, terminated on the grounds of the evaluation."""
    action = Action.CONTRACTS_EVALUATION_CLOSE
    with refusals_recorded(
        action, actor=actor, obj=evaluation, procurement_id=evaluation.contract.procurement_id
    ):
        evaluation, contract = _locked_evaluation(evaluation)
        _require_manager(actor, contract)
        if evaluation.state != Evaluation.State.STARTED or not evaluation.outcome:
            raise ValidationError(_("Record the outcome of the evaluation in progress before closing it."))
        now = server_now()
        if evaluation.outcome == Evaluation.Outcome.TERMINATE:
            grounds = _("Evaluation after year %(year)s: %(motivation)s") % {
                "year": evaluation.after_year,
                "motivation": evaluation.motivation,
            }
            _move(contract, S.TERMINATED, termination_condition=grounds, terminated_at=now)
        else:
            _move(contract, S.ACTIVE)
        evaluation.state, evaluation.closed_at = Evaluation.State.CLOSED, now
        evaluation.save(update_fields=["state", "closed_at"])
        record(
            action,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            message=f"{evaluation}: {evaluation.outcome}",
        )
    return evaluation


def end_contract(contract: Contract, *, actor: User | None) -> Contract:
    """The term is over: the contract ends (by the beat, or by the officer once the end date passed)."""
    action = Action.CONTRACTS_END
    with refusals_recorded(action, actor=actor, obj=contract, procurement_id=contract.procurement_id):
        contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
        if actor is not None:
            _require_manager(actor, contract)
        if local(server_now()).date() <= contract.end:
            raise ValidationError(
                _(
                    "The contract runs until %(end)s; to end it before then, terminate it early invoking "
                    "one of its conditions."
                )
                % {"end": contract.end.strftime("%d-%m-%Y")}
            )
        _move(contract, S.ENDED)
        record(action, actor=actor, obj=contract, procurement_id=contract.procurement_id)
    return contract


def end_expired_contracts() -> int:
    """Beat: end every running contract whose end date has passed (once: a contract ended is skipped;
    each contract on its own: one that is refused or fails does not stop the others)."""
    today = local(server_now()).date()
    expired = Contract.objects.filter(status__in=Contract.RUNNING, end__lt=today).order_by("pk")
    return len(
        each_in_own_transaction(
            expired,
            lambda contract: end_contract(contract, actor=None),
            action=Action.CONTRACTS_END,
            procurement_id=lambda contract: contract.procurement_id,
        )
    )


# --- parties and KPI directions while the contract is a draft --------------------------------------


def addable_members(contract: Contract) -> QuerySet[RegistrationMember]:
    """The members of the awarded partnership that are not yet a party to the contract."""
    parties = contract.parties.filter(organisation__isnull=False).values("organisation")
    return partnership_members(contract.lot, contract.organisation).exclude(organisation__in=parties)


def _locked_draft(contract: Contract, actor: User) -> Contract:
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    _require_manager(actor, contract)
    if contract.status != S.DRAFT:
        raise ValidationError(
            _("Only a draft contract can be changed this way; this contract is “%(status)s”.")
            % {"status": contract.get_status_display()}
        )
    return contract


def add_party(contract: Contract, organisation: Organisation, *, actor: User, role: str) -> ContractParty:
    """Add a member of the awarded partnership, with its role, as a party to the draft contract."""
    action = Action.CONTRACTS_PARTY_ADD
    with refusals_recorded(action, actor=actor, obj=contract, procurement_id=contract.procurement_id):
        contract = _locked_draft(contract, actor)
        if not role.strip():
            raise ValidationError({"role": _("Give the role of the party.")})
        if not addable_members(contract).filter(organisation=organisation).exists():
            raise ValidationError(
                _("%(organisation)s is not a member of the awarded partnership, or is a party already.")
                % {"organisation": organisation}
            )
        party = ContractParty.objects.create(contract=contract, organisation=organisation, role=role.strip())
        record(
            action,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            message=f"{organisation} ({party.role})",
        )
    return party


def remove_party(party: ContractParty, *, actor: User) -> None:
    """Remove a member organisation from the draft contract; the municipalities and the lead stay."""
    action = Action.CONTRACTS_PARTY_REMOVE
    with refusals_recorded(
        action, actor=actor, obj=party.contract, procurement_id=party.contract.procurement_id
    ):
        contract = _locked_draft(party.contract, actor)
        if party.organisation_id is None or party.organisation_id == contract.organisation_id:
            raise ValidationError(_("The municipalities and the lead provider stay parties to the contract."))
        party.delete()
        record(
            action,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            message=f"{party.organisation} ({party.role})",
        )


def set_kpi_direction(kpi: ContractKpi, direction: str, *, actor: User) -> ContractKpi:
    """Say whether a higher or a lower value of the KPI is better (waiting time: lower), before signing."""
    action = Action.CONTRACTS_KPI_DIRECTION
    with refusals_recorded(action, actor=actor, obj=kpi.contract, procurement_id=kpi.contract.procurement_id):
        contract = _locked_draft(kpi.contract, actor)
        if direction not in ContractKpi.Direction.values:
            raise ValidationError({"direction": _("Choose higher or lower is better.")})
        before = kpi.direction
        kpi.direction = direction
        kpi.save(update_fields=["direction"])
        record(
            action,
            actor=actor,
            obj=contract,
            procurement_id=contract.procurement_id,
            changes={kpi.name: [before, direction]},
        )
    return kpi
