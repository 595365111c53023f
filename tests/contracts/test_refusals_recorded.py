"""The contract's verbs that the officer and the provider use for the template and the monitoring
(the contract template, KPI values, spend) record their refusal in the audit trail, by who tried, on
what, in which procurement, and save nothing."""

from decimal import Decimal

import pytest

from audit.models import AuditEntry
from audit.services import Refused
from contracts import services
from contracts.models import BudgetYear, ContractTemplate, KpiReport
from tests.contracts.factories_contracts import contract_world

pytestmark = pytest.mark.django_db

CSV = "kpi;period;value\nWachttijd in weken;2027;5,5\n"


def refusals() -> list[tuple]:
    return list(
        AuditEntry.objects.filter(result="refused")
        .order_by("pk")
        .values_list("action", "actor_id", "object_type", "object_id", "procurement_id")
    )


def test_a_template_that_does_not_parse_is_refused_and_recorded(personas):
    world = contract_world(personas)
    with pytest.raises(Refused):
        services.update_template(world.procurement, "{% if %}", actor=personas.officer)
    assert not ContractTemplate.objects.exists()
    assert refusals() == [
        (
            "contracts.template.update",
            personas.officer.pk,
            "procurement.procurement",
            str(world.procurement.pk),
            world.procurement.pk,
        )
    ]


def test_a_period_reported_twice_and_spend_for_a_year_without_budget_are_refused_and_recorded(personas):
    world = contract_world(personas)
    contract = world.contract
    lines = services.parse_kpi_csv(contract, CSV.encode())
    services.report_kpis(contract, lines, actor=personas.provider_a)
    with pytest.raises(Refused):  # the same lines again, as a second tab would send them
        services.report_kpis(contract, lines, actor=personas.provider_a)
    with pytest.raises(Refused):
        services.report_spend(contract, 2040, Decimal("1"), actor=personas.provider_a)
    assert KpiReport.objects.count() == 1
    assert not BudgetYear.objects.filter(contract=contract, year=2040).exists()
    on_contract = (personas.provider_a.pk, "contracts.contract", str(contract.pk), contract.procurement_id)
    assert refusals() == [("contracts.kpi.report", *on_contract), ("contracts.spend.report", *on_contract)]
