"""The one order of KPI report periods: by the day the period ends, a year right after its fourth quarter
(both end on 31 December; the year report covers the whole year). The contract page lists reports in it,
and the latest report of a KPI is the last in it (the dashboards' on/off target, tests/dashboards)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from contracts.models import ContractKpi, KpiReport
from tests.contracts.factories_contracts import contract_world

pytestmark = pytest.mark.django_db

IN_ORDER = ["2026-Q4", "2026", "2027-Q1", "2027-Q3", "2027-Q4", "2027", "2028-Q1", "2030"]


def reports(personas, kpi: ContractKpi, *periods: str) -> None:
    moment = datetime(2030, 1, 1, tzinfo=UTC)
    KpiReport.objects.bulk_create(
        KpiReport(kpi=kpi, period=p, value=Decimal(n), reported_by=personas.officer, reported_at=moment)
        for n, p in enumerate(periods)
    )


@pytest.fixture
def world(personas):
    world = contract_world(personas)
    world.waiting, world.satisfaction = world.contract.kpis.order_by("pk")
    return world


def test_reports_are_in_the_order_their_periods_end_a_year_after_its_fourth_quarter(personas, world):
    reports(personas, world.waiting, *reversed(IN_ORDER))
    assert list(world.waiting.reports.values_list("period", flat=True)) == IN_ORDER


@pytest.mark.parametrize(
    ("periods", "latest"),
    [
        (["2027", "2027-Q1"], "2027"),  # the year ends after its first quarter
        (["2027-Q4", "2027"], "2027"),  # ... and after its fourth: the report on the whole year
        (["2027", "2028-Q1"], "2028-Q1"),
        (["2026-Q4", "2026-Q3"], "2026-Q4"),
        (["2029"], "2029"),
    ],
)
def test_the_latest_report_of_a_kpi_is_the_one_whose_period_ends_last(personas, world, periods, latest):
    reports(personas, world.waiting, *periods)
    reports(personas, world.satisfaction, "2031", "2030-Q2")  # another KPI's reports stay its own
    latest_reports = KpiReport.objects.latest_of_each_kpi()
    assert {(r.kpi_id, r.period) for r in latest_reports} == {
        (world.waiting.pk, latest),
        (world.satisfaction.pk, "2031"),
    }


def test_the_contract_page_lists_the_reports_in_the_order_of_their_periods(client, personas, world):
    reports(personas, world.waiting, *reversed(IN_ORDER))
    client.force_login(personas.provider_a)
    html = client.get(reverse("contracts:detail", args=[world.contract.pk])).content.decode()
    cell = html.split(f'<td class="utrecht-table__cell">{world.waiting.name}</td>')[1].split("</tr>")[0]
    positions = [cell.index(f"{period}:") for period in IN_ORDER]
    assert positions == sorted(positions)
