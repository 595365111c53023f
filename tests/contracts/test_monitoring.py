from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import Notification
from contracts import services
from contracts.models import Contract, KpiReport
from contracts.tasks import remind_contract_evaluations
from tests.contracts.factories_contracts import contract_world


@pytest.fixture
def active(personas):
    world = contract_world(personas)
    Contract.objects.filter(pk=world.contract.pk).update(status=Contract.Status.ACTIVE)
    world.contract.refresh_from_db()
    return world


@pytest.mark.django_db
def test_evaluation_reminders_fire_once_three_months_ahead(personas, active):
    with time_machine.travel("2029-09-30 12:00 +0000", tick=False):
        assert services.remind_evaluations() == 0  # year 3 ends 1 January 2030: not yet 3 months ahead
    with time_machine.travel("2029-10-01 12:00 +0000", tick=False):
        assert remind_contract_evaluations.apply().get() == 1
        assert services.remind_evaluations() == 0
    reminded = Notification.objects.filter(key__startswith="contracts.evaluation.")
    assert set(reminded.values_list("user__email", flat=True)) == {
        personas.officer.email,
        personas.second_officer.email,
    }
    assert reminded.count() == 2
    with time_machine.travel("2032-10-01 12:00 +0000", tick=False):
        assert services.remind_evaluations() == 1  # year 6
    assert Notification.objects.filter(user=personas.other_officer).count() == 0


CSV_OK = "kpi;period;value\nWachttijd in weken;2027;5,5\nCliënttevredenheid;2027;6.9\n"


@pytest.mark.django_db
def test_a_kpi_csv_is_stored_and_shown_against_target(personas, active):
    lines = services.parse_kpi_csv(active.contract, CSV_OK.encode())
    services.report_kpis(active.contract, lines, actor=personas.provider_a)
    waiting = KpiReport.objects.get(kpi__name="Wachttijd in weken")
    assert waiting.value == Decimal("5.5") and not waiting.below_target
    assert KpiReport.objects.get(kpi__name="Cliënttevredenheid").below_target


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("csv", "messages"),
    [
        (
            "kpi;jaar;waarde\nWachttijd in weken;2027;4\n",
            ["Regel 1: de kolommen moeten kpi;period;value zijn"],
        ),
        (
            "kpi;period;value\nWachttijd in weken;2027;4\nCliënttevredenheid;2027;veel\nOnbekend;2027;1\n"
            "Wachttijd in weken;2027;3\nWachttijd in weken;27;3\n",
            [
                "Regel 3: “veel” is geen getal.",
                "Regel 4: onbekende KPI “Onbekend”.",
                "Regel 5: Wachttijd in weken over 2027 is al gerapporteerd.",
                "Regel 6: “27” is geen periode (2027 of 2027-Q1).",
            ],
        ),
    ],
)
def test_a_bad_kpi_csv_gets_line_by_line_messages_and_nothing_is_saved(personas, active, csv, messages):
    with pytest.raises(ValidationError) as refused:
        services.parse_kpi_csv(active.contract, csv.encode())
    text = " ".join(refused.value.messages)
    for message in messages:
        assert message in text
    assert not KpiReport.objects.exists()


@pytest.mark.django_db
def test_a_period_reported_before_is_refused(personas, active):
    services.report_kpis(
        active.contract, services.parse_kpi_csv(active.contract, CSV_OK.encode()), actor=personas.provider_a
    )
    with pytest.raises(ValidationError):
        services.parse_kpi_csv(active.contract, b"kpi;period;value\nWachttijd in weken;2027;3\n")
    assert KpiReport.objects.count() == 2


@pytest.mark.django_db
def test_spend_is_reported_against_the_yearly_maximum_and_late_reports_are_listed(personas, active):
    budget = services.report_spend(active.contract, 2027, Decimal("1300000.00"), actor=personas.provider_a)
    assert budget.spent > budget.maximum
    with pytest.raises(ValidationError):
        services.report_spend(active.contract, 2031, Decimal("1"), actor=personas.provider_a)
    late = services.late_reports(active.contract, date(2029, 3, 1))
    assert {(kpi.name, period) for kpi, period in late} == {
        ("Wachttijd in weken", "2027"),
        ("Wachttijd in weken", "2028"),
        ("Cliënttevredenheid", "2027"),
        ("Cliënttevredenheid", "2028"),
    }
