from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notification
from audit.models import AuditEntry
from contracts import services
from contracts.models import Contract, ContractKpi, KpiReport
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


@pytest.mark.django_db
def test_an_evaluation_reminder_that_fails_is_left_for_the_next_run_and_the_others_go_out(
    personas, active, monkeypatch
):
    other = contract_world(personas).contract
    Contract.objects.filter(pk=other.pk).update(status=Contract.Status.ACTIVE)
    failing = active.contract.evaluations.get(after_year=3)
    real_notify = services.notify

    def breaks_for_the_first(users, *, key, **kwargs):
        if key == f"contracts.evaluation.{failing.pk}":
            raise RuntimeError("the notification step broke")
        return real_notify(users, key=key, **kwargs)

    monkeypatch.setattr(services, "notify", breaks_for_the_first)
    with time_machine.travel("2029-10-01 12:00 +0000", tick=False):
        assert services.remind_evaluations() == 1
    failing.refresh_from_db()
    assert failing.reminded_at is None  # rolled back: still due
    assert other.evaluations.get(after_year=3).reminded_at is not None
    assert set(
        AuditEntry.objects.filter(action="contracts.evaluation.remind").values_list(
            "object_type", "object_id", "result", "procurement_id"
        )
    ) == {
        ("contracts.contract", str(other.pk), "success", other.procurement_id),
        ("contracts.evaluation", str(failing.pk), "failed", active.contract.procurement_id),
    }

    monkeypatch.undo()
    with time_machine.travel("2029-10-01 12:00 +0000", tick=False):
        assert services.remind_evaluations() == 1
    assert Notification.objects.filter(key=f"contracts.evaluation.{failing.pk}").count() == 2


CSV_OK = "kpi;period;value\nWachttijd in weken;2027;5,5\nCliënttevredenheid;2027;6.9\n"


@pytest.mark.django_db
def test_a_kpi_csv_is_stored_and_shown_against_target(personas, active):
    lines = services.parse_kpi_csv(active.contract, CSV_OK.encode())
    services.report_kpis(active.contract, lines, actor=personas.provider_a)
    waiting = KpiReport.objects.get(kpi__name="Wachttijd in weken")
    assert waiting.value == Decimal("5.5") and not waiting.misses_target
    assert KpiReport.objects.get(kpi__name="Cliënttevredenheid").misses_target


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
    Contract.objects.filter(pk=active.contract.pk).update(start=date(2027, 1, 1), end=date(2030, 12, 31))
    active.contract.refresh_from_db()
    late = services.late_reports(active.contract, date(2029, 3, 1))
    assert {kpi.name: periods for kpi, periods in late} == {
        "Wachttijd in weken": ["2027", "2028"],
        "Cliënttevredenheid": ["2027", "2028"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("direction", "value", "misses"),
    [
        ("higher", "7.49", True),
        ("higher", "7.50", False),
        ("higher", "9", False),
        ("lower", "7.51", True),
        ("lower", "7.50", False),
        ("lower", "2", False),
    ],
)
def test_off_target_follows_the_direction_of_the_kpi(personas, active, direction, value, misses):
    kpi = active.contract.kpis.get(name="Cliënttevredenheid")
    kpi.direction = direction
    kpi.save(update_fields=["direction"])
    report = KpiReport.objects.create(
        kpi=kpi,
        period="2027",
        value=Decimal(value),
        reported_by=personas.provider_a,
        reported_at="2028-01-05T10:00Z",
    )
    assert KpiReport.objects.get(pk=report.pk).misses_target is misses
    assert kpi.misses_target(Decimal(value)) is misses


@pytest.mark.django_db
def test_a_kpi_without_a_target_is_never_off_target(personas, active):
    kpi = ContractKpi.objects.create(contract=active.contract, name="Aantal cliënten", direction="lower")
    assert not kpi.misses_target(Decimal("1000000"))


@pytest.mark.django_db
def test_the_contract_page_shows_a_lower_is_better_kpi_against_its_target(client, personas, active):
    active.contract.kpis.filter(name="Wachttijd in weken").update(direction=ContractKpi.Direction.LOWER)
    services.report_kpis(
        active.contract, services.parse_kpi_csv(active.contract, CSV_OK.encode()), actor=personas.provider_a
    )
    client.force_login(personas.provider_a)
    text = client.get(reverse("contracts:detail", args=[active.contract.pk])).content.decode()
    assert "4,00 weken (lager is beter)" in text and "7,50 cijfer (hoger is beter)" in text
    assert "2027: 5,50 (onder de norm)" in text and "2027: 6,90 (onder de norm)" in text
    active.contract.kpis.filter(name="Wachttijd in weken").update(direction=ContractKpi.Direction.HIGHER)
    text = client.get(reverse("contracts:detail", args=[active.contract.pk])).content.decode()
    assert "2027: 5,50 (onder de norm)" not in text and "2027: 5,50" in text


@pytest.mark.django_db
def test_the_officer_sets_the_direction_of_a_kpi_of_a_draft_contract(client, personas):
    contract = contract_world(personas).contract
    waiting = contract.kpis.get(name="Wachttijd in weken")
    url = reverse("contracts:kpi_direction", args=[contract.pk])
    client.force_login(personas.officer)
    assert "Richting opslaan" in client.get(reverse("contracts:detail", args=[contract.pk])).content.decode()
    assert client.post(url, {"kpi": waiting.pk, "direction": "lower"}).status_code == 302
    assert ContractKpi.objects.get(pk=waiting.pk).direction == ContractKpi.Direction.LOWER
    entry = AuditEntry.objects.get(action="contracts.kpi.direction")
    assert entry.changes == {"Wachttijd in weken": ["higher", "lower"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kpi": "waiting", "direction": "sideways"}, "Selecteer een geldige keuze."),
        ({"kpi": "other", "direction": "lower"}, "Selecteer een geldige keuze."),
        ({"kpi": "", "direction": "lower"}, "Dit veld is verplicht."),
        ({"kpi": "abc", "direction": "lower"}, "Selecteer een geldige keuze."),
    ],
)
def test_a_bad_kpi_direction_gets_a_dutch_message_and_nothing_changes(client, personas, data, message):
    contract = contract_world(personas).contract
    other = services.create_contract(contract.lot, personas.organisation_b, actor=personas.officer)
    ids = {
        "waiting": contract.kpis.get(name="Wachttijd in weken").pk,
        "other": other.kpis.get(name="Wachttijd in weken").pk,
    }
    client.force_login(personas.officer)
    response = client.post(
        reverse("contracts:kpi_direction", args=[contract.pk]),
        {key: ids.get(value, value) for key, value in data.items()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert set(ContractKpi.objects.values_list("direction", flat=True)) == {"higher"}


@pytest.mark.django_db
def test_the_direction_is_fixed_once_the_contract_left_draft_and_wrong_sides_cannot_set_it(
    client, personas, active
):
    waiting = active.contract.kpis.get(name="Wachttijd in weken")
    with pytest.raises(ValidationError, match="Alleen een conceptcontract kan zo worden gewijzigd"):
        services.set_kpi_direction(waiting, "lower", actor=personas.officer)
    assert AuditEntry.objects.filter(action="contracts.kpi.direction", result="refused").exists()
    url = reverse("contracts:kpi_direction", args=[active.contract.pk])
    for user, expected in (
        (personas.provider_a, 403),
        (personas.alderman, 403),
        (personas.other_officer, 404),
        (personas.officer, 400),
    ):
        client.force_login(user)
        assert client.post(url, {"kpi": waiting.pk, "direction": "lower"}).status_code == expected
    client.logout()
    assert client.post(url, {"kpi": waiting.pk, "direction": "lower"}).status_code == 302
    assert ContractKpi.objects.get(pk=waiting.pk).direction == "higher"
