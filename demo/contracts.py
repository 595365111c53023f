"""Demo contracts for ZK/IJ: the specific-care lot's two parties (Kustlicht and Duinroos), one signed, with
two years of KPI reports (some off target, one KPI where lower is better) and now under its evaluation after
year 3 with a recorded outcome; one awaiting signature. On the integral lot, a draft contract with Kustlicht
and one member of its partnership as a party, the other member still to be added by the officer."""

from datetime import date
from decimal import Decimal

from accounts.models import User
from contracts import jobs, services
from contracts.models import BudgetYear, Contract, ContractKpi, ContractVersion, Evaluation
from dialogue.models import Agreement
from procurement.models import Lot, Procurement

HIGHER, LOWER = ContractKpi.Direction.HIGHER, ContractKpi.Direction.LOWER
KPIS = [
    (
        "Cliënttevredenheid",
        "Gemiddeld rapportcijfer van jeugdigen en ouders",
        "cijfer",
        Decimal("7.50"),
        HIGHER,
    ),
    (
        "Doorlooptijd tot start hulp",
        "Aandeel cliënten met start binnen 4 weken",
        "%",
        Decimal("90.00"),
        HIGHER,
    ),
    ("Wachttijd", "Gemiddelde wachttijd tussen aanmelding en start hulp", "weken", Decimal("4.00"), LOWER),
]
# (KPI index, year, value): the first year off target on all three, the second year better
REPORTS = [
    (0, "2023", "7.1"),
    (1, "2023", "84.0"),
    (2, "2023", "5.5"),
    (0, "2024", "7.8"),
    (1, "2024", "88.5"),
    (2, "2024", "3.5"),
]
EVALUATION = (
    "De wachttijd is in 2024 onder de norm van vier weken gekomen; de doorlooptijd tot start hulp blijft "
    "achter. Het contract loopt door, met een verbeterplan voor de doorlooptijd."
)
BUDGET = [(2023, "2400000.00", "2310000.00"), (2024, "2450000.00", "2475000.00"), (2025, "2500000.00", "0")]


def _made(version: ContractVersion) -> ContractVersion:
    """The demo renders at once, so that it can sign (a worker would find the version made)."""
    jobs.make_contract_version(version.pk)
    version.refresh_from_db()
    return version


def _contract(lot: Lot, organisation, officer: User) -> Contract:
    contract = services.create_contract(
        lot, organisation, actor=officer, start=date(2023, 1, 1), implementation_start=date(2022, 10, 1)
    )
    ContractKpi.objects.bulk_create(
        ContractKpi(
            contract=contract,
            name=n,
            definition=d,
            unit=u,
            target=t,
            direction=w,
            frequency=Agreement.Frequency.YEARLY,
        )
        for n, d, u, t, w in KPIS
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(contract=contract, year=y, maximum=Decimal(m), spent=Decimal(s)) for y, m, s in BUDGET
    )
    return contract


def _draft_with_partnership(lot: Lot, organisation, officer: User) -> None:
    members = list(services.partnership_members(lot, organisation))
    services.create_contract(
        lot,
        organisation,
        actor=officer,
        members=[(m.organisation, m.get_role_display()) for m in members[:1]],
    )


def seed_contracts(people) -> None:
    procurement = Procurement.objects.filter(reference__startswith="ZKIJ").order_by("pk").first()
    lot = procurement and procurement.lots.filter(kind=Lot.Kind.SPECIFIC).order_by("number").first()
    if lot is None or Contract.objects.filter(lot=lot).exists():
        return
    officer = people.users["inkoper@zkij.example"]
    kustlicht_user = people.users["aanbieder@kustlicht.example"]
    active = _contract(lot, people.organisations["kustlicht"], officer)
    version = _made(services.request_version(active, actor=officer))
    services.sign_as_provider(
        version, actor=kustlicht_user, name=kustlicht_user.full_name, function="Bestuurder"
    )
    services.countersign(
        version, actor=officer, name=officer.full_name, function=officer.function or "Inkoper"
    )
    _made(active.versions.get(signed_copy_of=version))
    kpis = list(active.kpis.order_by("pk"))
    lines = [services.KpiLine(kpis[i], period, Decimal(value)) for i, period, value in REPORTS]
    services.report_kpis(active, lines, actor=kustlicht_user)
    evaluation = services.start_evaluation(active.evaluations.get(after_year=3), actor=officer)
    services.record_evaluation(
        evaluation, actor=officer, outcome=Evaluation.Outcome.ADJUST, motivation=EVALUATION
    )
    waiting = _contract(lot, people.organisations["duinroos"], officer)
    _made(services.request_version(waiting, actor=officer))
    integral = procurement.lots.filter(kind=Lot.Kind.INTEGRAL).order_by("number").first()
    if integral is not None:
        _draft_with_partnership(integral, people.organisations["kustlicht"], officer)
