import pytest
from django.core.management import call_command

from contracts import services
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
    evaluation = active.evaluations.get(after_year=3)
    assert (evaluation.state, evaluation.outcome) == ("started", "adjust") and evaluation.motivation
    assert active.kpis.filter(direction="lower").exists()
    assert any(r.misses_target for r in reports if r.kpi.direction == "lower")


def test_the_demo_has_a_draft_contract_with_a_partner_and_a_member_still_to_add(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    draft = Contract.objects.get(procurement__reference__startswith="ZKIJ", lot__kind="integral")
    assert draft.status == "draft"
    assert draft.parties.filter(organisation__isnull=False).count() == 2
    assert services.addable_members(draft).count() == 1
