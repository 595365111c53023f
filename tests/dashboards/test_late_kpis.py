"""The officer's queue of late KPI reports follows the contract page's rule (ContractKpi.objects.late):
quarters for a KPI reported per quarter, years for a yearly one, on the Amsterdam date, running contracts
only, in a fixed number of queries whatever the number of contracts."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.timezone import server_now
from contracts import services
from contracts.models import Contract, ContractKpi
from dashboards import queries
from procurement.access import managed_procurements
from tests.contracts.factories_contracts import contract_world

pytestmark = pytest.mark.django_db

WAITING, SATISFACTION = "Wachttijd in weken", "Cliënttevredenheid"


@pytest.fixture
def world(personas):
    """A running contract from 2027 with the quarterly KPI WAITING (reported for Q1 to Q3 of 2027) and
    the yearly SATISFACTION (not reported)."""
    world = contract_world(personas)
    contract = world.contract
    Contract.objects.filter(pk=contract.pk).update(
        status=Contract.Status.ACTIVE, start=date(2027, 1, 1), end=date(2030, 12, 31)
    )
    contract.kpis.filter(name=WAITING).update(frequency="quarterly")
    csv = f"kpi;period;value\n{WAITING};2027-Q1;3\n{WAITING};2027-Q2;3\n{WAITING};2027-Q3;3\n"
    services.report_kpis(contract, services.parse_kpi_csv(contract, csv.encode()), actor=personas.provider_a)
    return world


def late_queue(client, user) -> str:
    client.force_login(user)
    html = client.get("/inkoper/").content.decode()
    return html.split('id="queue-late-kpis"')[1].split("</section>")[0]


def test_the_queue_and_the_contract_page_name_the_same_late_reports(client, personas, world):
    with time_machine.travel("2028-01-02 11:00 +0000", tick=False):
        queue = late_queue(client, personas.officer)
        page = client.get(reverse("contracts:detail", args=[world.contract.pk])).content.decode()
    assert "Te late KPI-rapportages (2)" in queue
    assert f"{WAITING}</a> (1 periode te laat)" in queue
    assert f"{SATISFACTION}</a> (1 periode te laat)" in queue
    assert f"<li>{WAITING} – 2027-Q4</li>" in page and f"<li>{SATISFACTION} – 2027</li>" in page


def test_the_last_quarter_reported_leaves_only_the_year_in_the_queue(client, personas, world):
    contract = world.contract
    csv = f"kpi;period;value\n{WAITING};2027-Q4;3\n"
    services.report_kpis(contract, services.parse_kpi_csv(contract, csv.encode()), actor=personas.provider_a)
    with time_machine.travel("2028-01-02 11:00 +0000", tick=False):
        queue = late_queue(client, personas.officer)
    assert "Te late KPI-rapportage (1)" in queue and SATISFACTION in queue and WAITING not in queue


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2027-03-31 21:30 +0000", "Te late KPI-rapportages (0)"),  # 23:30 on 31 March in Amsterdam
        ("2027-03-31 22:30 +0000", "Te late KPI-rapportage (1)"),  # 00:30 on 1 April in Amsterdam
    ],
)
def test_a_quarter_is_late_from_the_first_amsterdam_day_after_it(client, personas, world, moment, expected):
    ContractKpi.objects.filter(name=WAITING).get().reports.all().delete()
    with time_machine.travel(moment, tick=False):
        assert expected in late_queue(client, personas.officer)


@pytest.mark.parametrize("status", ["signed_by_provider", "ended", "terminated"])
def test_a_contract_that_does_not_run_is_not_in_the_queue(client, personas, world, status):
    Contract.objects.filter(pk=world.contract.pk).update(status=status)
    with time_machine.travel("2029-06-01 11:00 +0000", tick=False):
        assert "Te late KPI-rapportages (0)" in late_queue(client, personas.officer)


def test_another_regions_officer_does_not_see_the_late_reports(client, personas, world):
    with time_machine.travel("2029-06-01 11:00 +0000", tick=False):
        queue = late_queue(client, personas.other_officer)
    assert "Te late KPI-rapportages (0)" in queue and world.contract.number not in queue


def queue_queries(user) -> tuple[int, int]:
    """The queries of the officer's work queues, the late KPIs' links and names included."""
    with CaptureQueriesContext(connection) as captured:
        queues = queries.work_queues(managed_procurements(user), now=server_now())
        names = [
            (k.contract.procurement.reference, k.contract.organisation.name, k.name, k.late_periods)
            for k in queues.late_kpis.items
        ]
    return len(captured), len(names)


def test_the_queue_asks_the_same_number_of_queries_for_one_and_for_many_contracts(personas, world):
    with time_machine.travel("2029-06-01 11:00 +0000", tick=False):
        queue_queries(personas.officer)  # warm: per-process caches are filled once
        one, shown = queue_queries(personas.officer)
        assert shown == 2
        for n in range(5):
            contract = Contract.objects.create(
                procurement=world.procurement,
                lot=world.lot,
                organisation=personas.organisation_b,
                number=f"EXTRA-{n}",
                status=Contract.Status.ACTIVE,
                start=date(2027, 7, 1),
                end=date(2031, 6, 30),
            )
            ContractKpi.objects.bulk_create(
                ContractKpi(contract=contract, name=name, frequency=frequency)
                for name, frequency in ((WAITING, "quarterly"), (SATISFACTION, "yearly"))
            )
        many, shown = queue_queries(personas.officer)
    assert shown == 12 and many == one
