import pytest
from django.core.management import call_command

from contracts.models import Contract, KpiReport

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_active_contract_with_kpi_reports_and_one_awaiting_signature(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    contracts = Contract.objects.filter(procurement__reference__startswith="ZKIJ", lot__kind="specific")
    assert sorted(contracts.values_list("status", flat=True)) == ["ready", "under_evaluation"]
    active = contracts.get(status="under_evaluation")
    assert active.versions.filter(signed_copy_of__isnull=False, state="done").exists()
    reports = KpiReport.objects.filter(kpi__contract=active)
    assert sorted(set(reports.values_list("period", flat=True))) == ["2023", "2024"]
    assert any(r.misses_target for r in reports) and not all(r.misses_target for r in reports)
    assert contracts.get(status="ready").versions.get().state == "done"
