"""Which KPI reports are late: a reporting period of a KPI (a quarter for a KPI reported per quarter, else
a year) that overlaps the term of a running contract, ended before today and has no report. The contract
page lists them; the officer's dashboard queues the same KPIs (tests/dashboards/test_late_kpis.py)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from contracts import services
from contracts.models import Contract, ContractKpi, KpiReport
from tests.contracts.factories_contracts import contract_world

pytestmark = pytest.mark.django_db

WAITING, SATISFACTION = "Wachttijd in weken", "Cliënttevredenheid"


@pytest.fixture
def world(personas):
    """A running contract for 2027 up to 2030 with the quarterly KPI WAITING and the yearly SATISFACTION."""
    world = contract_world(personas)
    Contract.objects.filter(pk=world.contract.pk).update(
        status=Contract.Status.ACTIVE, start=date(2027, 1, 1), end=date(2030, 12, 31)
    )
    world.contract.refresh_from_db()
    world.contract.kpis.filter(name=WAITING).update(frequency="quarterly")
    return world


def late(contract, day: date) -> dict[str, list[str]]:
    return {kpi.name: periods for kpi, periods in services.late_reports(contract, day)}


def report(personas, contract, *lines: str) -> None:
    csv = "kpi;period;value\n" + "".join(f"{line};5\n" for line in lines)
    services.report_kpis(contract, services.parse_kpi_csv(contract, csv.encode()), actor=personas.provider_a)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2027, 3, 31), {}),  # the first quarter has not ended yet
        (date(2027, 4, 1), {WAITING: ["2027-Q1"]}),  # the first day after it
        (date(2027, 12, 31), {WAITING: ["2027-Q1", "2027-Q2", "2027-Q3"]}),
        (
            date(2028, 1, 1),
            {WAITING: ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"], SATISFACTION: ["2027"]},
        ),
    ],
)
def test_a_period_is_late_from_the_first_day_after_it(world, day, expected):
    assert late(world.contract, day) == expected


def test_a_kpi_agreed_monthly_is_reported_per_quarter(world):
    world.contract.kpis.filter(name=WAITING).update(frequency="monthly")
    assert late(world.contract, date(2027, 4, 1)) == {WAITING: ["2027-Q1"]}


def test_a_quarterly_kpi_reported_for_three_quarters_is_late_for_the_fourth(personas, world):
    report(personas, world.contract, f"{WAITING};2027-Q1", f"{WAITING};2027-Q2", f"{WAITING};2027-Q3")
    assert late(world.contract, date(2027, 12, 31)) == {}
    assert late(world.contract, date(2028, 1, 1)) == {WAITING: ["2027-Q4"], SATISFACTION: ["2027"]}
    report(personas, world.contract, f"{WAITING};2027-Q4", f"{SATISFACTION};2027")
    assert late(world.contract, date(2028, 3, 31)) == {}


def test_a_yearly_kpi_is_late_for_each_ended_year_without_its_report(personas, world):
    world.contract.kpis.update(frequency="yearly")
    report(personas, world.contract, f"{WAITING};2027")
    assert late(world.contract, date(2029, 3, 1)) == {
        WAITING: ["2028"],
        SATISFACTION: ["2027", "2028"],
    }


def test_a_contract_starting_mid_year_is_due_from_its_first_quarter_and_for_that_year(world):
    Contract.objects.filter(pk=world.contract.pk).update(start=date(2027, 7, 1), end=date(2031, 6, 30))
    world.contract.refresh_from_db()
    assert late(world.contract, date(2027, 9, 30)) == {}
    assert late(world.contract, date(2028, 4, 1)) == {
        WAITING: ["2027-Q3", "2027-Q4", "2028-Q1"],
        SATISFACTION: ["2027"],
    }


def test_no_period_after_the_end_of_the_term_is_due(world):
    """The contract ran until the middle of 2028 and the beat has not ended it yet."""
    Contract.objects.filter(pk=world.contract.pk).update(end=date(2028, 6, 30))
    world.contract.refresh_from_db()
    quarters = [f"{year}-Q{quarter}" for year in (2027, 2028) for quarter in (1, 2, 3, 4)][:6]
    assert late(world.contract, date(2029, 6, 1)) == {WAITING: quarters, SATISFACTION: ["2027", "2028"]}


def test_a_report_in_the_wrong_kind_of_period_does_not_count(personas, world):
    KpiReport.objects.create(
        kpi=world.contract.kpis.get(name=WAITING),
        period="2027",
        value=5,
        reported_by=personas.provider_a,
        reported_at="2028-01-05T10:00Z",
    )
    assert late(world.contract, date(2028, 1, 1))[WAITING] == ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]


@pytest.mark.parametrize("status", ["draft", "ready", "countersigned", "ended", "terminated"])
def test_nothing_is_late_of_a_contract_that_does_not_run(world, status):
    Contract.objects.filter(pk=world.contract.pk).update(status=status)
    world.contract.refresh_from_db()
    assert late(world.contract, date(2029, 1, 1)) == {}
    assert not ContractKpi.objects.late(date(2029, 1, 1)).exists()


def test_a_contract_under_evaluation_runs_and_its_reports_are_due(world):
    Contract.objects.filter(pk=world.contract.pk).update(status=Contract.Status.UNDER_EVALUATION)
    world.contract.refresh_from_db()
    assert late(world.contract, date(2028, 1, 1))[SATISFACTION] == ["2027"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            f"{WAITING};2027",
            f"Regel 2: {WAITING} wordt per kwartaal gerapporteerd (2027-Q1), niet per jaar.",
        ),
        (
            f"{SATISFACTION};2027-Q1",
            f"Regel 2: {SATISFACTION} wordt per jaar gerapporteerd (2027), niet per kwartaal.",
        ),
    ],
)
def test_a_kpi_is_reported_only_in_its_own_kind_of_period(personas, world, line, message):
    with pytest.raises(ValidationError) as refused:
        report(personas, world.contract, line)
    assert message in refused.value.messages
    assert not KpiReport.objects.exists()
