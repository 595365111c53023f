"""The evaluation moments of the term (started by the officer, the outcome recorded with a motivation and
an optional report, closed back to active or to termination) and the end of the term (by the beat or the
officer). Every illegal step is refused in Dutch and written to the audit trail."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEntry
from contracts import services
from contracts.models import Contract, Evaluation
from contracts.tasks import end_expired_contracts
from tests.contracts.factories_contracts import contract_world, partnership
from tests.factories import MembershipFactory

PDF = b"%PDF-1.4\n% evaluatieverslag\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def report(name: str = "verslag.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def active(personas):
    world = contract_world(personas)
    Contract.objects.filter(pk=world.contract.pk).update(status=Contract.Status.ACTIVE)
    world.contract.refresh_from_db()
    world.year3 = world.contract.evaluations.get(after_year=3)
    world.year6 = world.contract.evaluations.get(after_year=6)
    return world


def on(day) -> time_machine.travel:
    """Noon (Amsterdam) on ``day``."""
    return time_machine.travel(f"{day.isoformat()} 11:00 +0000", tick=False)


def refusals(action: str) -> list[str]:
    return list(
        AuditEntry.objects.filter(action=action, result=AuditEntry.Result.REFUSED).values_list(
            "message", flat=True
        )
    )


def status(contract) -> str:
    return Contract.objects.get(pk=contract.pk).status


@pytest.mark.django_db
def test_the_officer_starts_records_and_closes_an_evaluation_and_the_contract_is_active_again(
    personas, active
):
    officer = personas.officer
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=officer)
        assert status(active.contract) == Contract.Status.UNDER_EVALUATION
        services.record_evaluation(
            active.year3, actor=officer, outcome="adjust", motivation="Eerst ok", report=report()
        )
        services.record_evaluation(
            active.year3, actor=officer, outcome="continue", motivation="  Alles op koers.  "
        )
        services.close_evaluation(active.year3, actor=officer)
    evaluation = Evaluation.objects.get(pk=active.year3.pk)
    assert (evaluation.state, evaluation.outcome, evaluation.motivation) == (
        "closed",
        "continue",
        "Alles op koers.",
    )
    assert evaluation.report_name == "verslag.pdf" and evaluation.report.read() == PDF
    assert evaluation.recorded_by == officer
    assert status(active.contract) == Contract.Status.ACTIVE
    actions = list(
        AuditEntry.objects.filter(action__startswith="contracts.evaluation.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "contracts.evaluation.start",
        "contracts.evaluation.record",
        "contracts.evaluation.record",
        "contracts.evaluation.close",
    ]


@pytest.mark.django_db
def test_an_evaluation_to_terminate_early_terminates_the_contract_when_it_is_closed(personas, active):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
        services.record_evaluation(
            active.year3, actor=personas.officer, outcome="terminate", motivation="Structureel onder de norm."
        )
        services.close_evaluation(active.year3, actor=personas.officer)
    contract = Contract.objects.get(pk=active.contract.pk)
    assert contract.status == Contract.Status.TERMINATED and contract.terminated_at is not None
    assert contract.termination_condition == "Evaluatie na jaar 3: Structureel onder de norm."
    with on(active.year6.due), pytest.raises(ValidationError):
        services.start_evaluation(active.year6, actor=personas.officer)


@pytest.mark.django_db
def test_illegal_evaluation_steps_are_refused_in_dutch_and_audited(personas, active):
    officer = personas.officer
    opens = services.evaluation_opens_on(active.year3)
    with on(opens - timedelta(days=1)), pytest.raises(ValidationError, match="kan worden gestart vanaf"):
        services.start_evaluation(active.year3, actor=officer)
    with on(active.year6.due):
        with pytest.raises(ValidationError, match="Sluit eerst de evaluatie na jaar 3 af"):
            services.start_evaluation(active.year6, actor=officer)
        with pytest.raises(ValidationError, match="Alleen een lopende evaluatie"):
            services.record_evaluation(active.year3, actor=officer, outcome="continue", motivation="x")
        with pytest.raises(ValidationError, match="Alleen een inkoper van de aanbesteding"):
            services.start_evaluation(active.year3, actor=personas.other_officer)
        services.start_evaluation(active.year3, actor=officer)
        with pytest.raises(ValidationError, match="is al gestart"):
            services.start_evaluation(active.year3, actor=officer)
        with pytest.raises(ValidationError, match="Leg de uitkomst"):
            services.close_evaluation(active.year3, actor=officer)
    assert len(refusals("contracts.evaluation.start")) == 4
    assert refusals("contracts.evaluation.record") and refusals("contracts.evaluation.close")
    assert Evaluation.objects.get(pk=active.year3.pk).outcome == ""
    assert Evaluation.objects.get(pk=active.year6.pk).state == "planned"


@pytest.mark.django_db
def test_a_draft_contract_cannot_be_evaluated(personas):
    world = contract_world(personas)
    evaluation = world.contract.evaluations.get(after_year=3)
    with (
        on(evaluation.due),
        pytest.raises(ValidationError, match="kan niet van “concept” naar “in evaluatie”"),
    ):
        services.start_evaluation(evaluation, actor=personas.officer)
    assert Evaluation.objects.get(pk=evaluation.pk).state == "planned"
    assert refusals("contracts.status.under_evaluation")


@pytest.mark.django_db
def test_the_beat_ends_running_contracts_after_their_end_date_once(personas, active):
    running = active.contract
    with on(running.end):
        assert end_expired_contracts.apply().get() == 0  # the last day of the term
    with on(running.end + timedelta(days=1)):
        assert end_expired_contracts.apply().get() == 1
        assert services.end_expired_contracts() == 0
    contract = Contract.objects.get(pk=running.pk)
    assert contract.status == Contract.Status.ENDED
    assert AuditEntry.objects.filter(action="contracts.end", result="success").count() == 1


@pytest.mark.django_db
def test_a_contract_that_fails_to_end_is_rolled_back_alone_and_the_beat_ends_the_others(
    personas, active, monkeypatch, caplog
):
    failing = active.contract
    other = contract_world(personas).contract
    Contract.objects.filter(pk=other.pk).update(status=Contract.Status.ACTIVE)
    real_move = services._move

    def breaks_for_the_first(contract, new, **fields):
        real_move(contract, new, **fields)
        if contract.pk == failing.pk:
            raise RuntimeError("the status step broke")

    monkeypatch.setattr(services, "_move", breaks_for_the_first)
    with on(failing.end + timedelta(days=1)), caplog.at_level(logging.ERROR):
        assert services.end_expired_contracts() == 1
    assert status(failing) == Contract.Status.ACTIVE  # its end was rolled back
    assert status(other) == Contract.Status.ENDED
    assert [r.exc_info[0] for r in caplog.records if r.levelno == logging.ERROR] == [RuntimeError]
    entries = AuditEntry.objects.filter(action="contracts.end")
    assert list(
        entries.filter(object_id=str(failing.pk)).values_list("result", "procurement_id", "message")
    ) == [("failed", failing.procurement_id, "RuntimeError")]
    assert list(entries.filter(object_id=str(other.pk)).values_list("result", flat=True)) == ["success"]

    monkeypatch.undo()
    with on(failing.end + timedelta(days=1)):
        assert services.end_expired_contracts() == 1  # the next run ends it
    assert status(failing) == Contract.Status.ENDED


@pytest.mark.django_db
def test_the_beat_leaves_a_draft_alone_and_ends_a_contract_under_evaluation(personas, active):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
    draft = contract_world(personas).contract
    with on(draft.end + timedelta(days=1)):
        assert services.end_expired_contracts() == 1
    assert status(active.contract) == Contract.Status.ENDED
    assert status(draft) == Contract.Status.DRAFT


@pytest.mark.django_db
def test_the_officer_ends_the_contract_only_after_its_end_date(client, personas, active):
    url = reverse("contracts:end", args=[active.contract.pk])
    detail = reverse("contracts:detail", args=[active.contract.pk])
    with on(active.contract.end):
        client.force_login(personas.officer)
        assert "Het contract beëindigen" not in client.get(detail).content.decode()
        response = client.post(url, follow=True)
        assert "voortijdig beëindigen met een beroep op" in response.content.decode()
    assert status(active.contract) == Contract.Status.ACTIVE
    assert refusals("contracts.end")
    with on(active.contract.end + timedelta(days=1)):
        client.force_login(personas.officer)
        assert "Het contract beëindigen" in client.get(detail).content.decode()
        assert client.post(url).status_code == 302
        for user, expected in ((personas.provider_a, 403), (personas.other_officer, 404)):
            client.force_login(user)
            assert client.post(url).status_code == expected
    assert status(active.contract) == Contract.Status.ENDED
    assert AuditEntry.objects.filter(action="contracts.end", result="success").count() == 1


# --- the pages ---------------------------------------------------------------------------------------


def downloaded(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def page(contract) -> str:
    return reverse("contracts:evaluations", args=[contract.pk])


def step(contract, name: str, year: int = 3) -> str:
    return reverse(f"contracts:evaluation_{name}", args=[contract.pk, year])


@pytest.mark.django_db
def test_the_officer_works_through_the_evaluation_on_its_page(client, personas, active):
    contract = active.contract
    with on(active.year3.due):
        client.force_login(personas.officer)
        assert "Evaluatie starten" in client.get(page(contract)).content.decode()
        assert client.post(step(contract, "start")).status_code == 302
        assert "Uitkomst vastleggen" in client.get(page(contract)).content.decode()
        response = client.post(
            step(contract, "record"),
            {"outcome": "adjust", "motivation": "Verbeterplan wachttijd.", "report": report()},
        )
        assert response.status_code == 302
        assert client.post(step(contract, "close")).status_code == 302
        text = client.get(page(contract)).content.decode()
        assert "doorgaan met aanpassingen" in text and "Verbeterplan wachttijd." in text
        assert downloaded(client.get(step(contract, "report"))) == PDF
    assert status(contract) == Contract.Status.ACTIVE


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "continue", "motivation": ""}, "Dit veld is verplicht."),
        ({"outcome": "maybe", "motivation": "x"}, "Selecteer een geldige keuze."),
        (
            {"outcome": "continue", "motivation": "x", "report": report("verslag.exe", b"MZ\x90\x00")},
            "Bestanden van het type .exe worden niet geaccepteerd.",
        ),
        (
            {"outcome": "continue", "motivation": "x", "report": report("verslag.pdf", b"geen pdf")},
            "De inhoud van het bestand past niet bij de extensie .pdf.",
        ),
    ],
)
def test_a_bad_outcome_gets_a_dutch_message_and_nothing_is_saved(client, personas, active, data, message):
    with on(active.year3.due):
        client.force_login(personas.officer)
        services.start_evaluation(active.year3, actor=personas.officer)
        response = client.post(step(active.contract, "record"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    evaluation = Evaluation.objects.get(pk=active.year3.pk)
    assert (evaluation.outcome, evaluation.motivation, evaluation.report.name) == ("", "", "")


@pytest.mark.django_db
def test_a_refused_step_on_the_page_shows_why(client, personas, active):
    with on(active.year3.due):
        client.force_login(personas.officer)
        response = client.post(step(active.contract, "close"), follow=True)
    assert "Leg de uitkomst van de lopende evaluatie vast" in response.content.decode()
    assert Evaluation.objects.get(pk=active.year3.pk).state == "planned"


@pytest.mark.django_db
def test_the_provider_sees_the_outcome_only_once_closed_and_read_only(client, personas, active):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
        services.record_evaluation(
            active.year3,
            actor=personas.officer,
            outcome="adjust",
            motivation="Vertrouwelijk concept",
            report=report(),
        )
    client.force_login(personas.provider_a)
    text = client.get(page(active.contract)).content.decode()
    assert "Vertrouwelijk concept" not in text and "zodra de evaluatie is afgesloten" in text
    assert client.get(step(active.contract, "report")).status_code == 404
    with on(active.year3.due):
        services.close_evaluation(active.year3, actor=personas.officer)
    text = client.get(page(active.contract)).content.decode()
    assert "Vertrouwelijk concept" in text and "Uitkomst vastleggen" not in text
    assert "Evaluatie afsluiten" not in text and "Evaluatie starten" not in text
    assert downloaded(client.get(step(active.contract, "report"))) == PDF
    for name in ("start", "record", "close"):
        assert client.post(step(active.contract, name, 6)).status_code == 403
    assert Evaluation.objects.get(pk=active.year6.pk).state == "planned"


@pytest.mark.django_db
def test_another_provider_another_region_an_alderman_and_anonymous_get_nothing(client, personas, active):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
        services.record_evaluation(
            active.year3, actor=personas.officer, outcome="continue", motivation="Geheim", report=report()
        )
        services.close_evaluation(active.year3, actor=personas.officer)
    urls = [page(active.contract), step(active.contract, "report")]
    for user in (personas.provider_b, personas.other_officer, personas.alderman):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, (user, url)
            assert b"Geheim" not in response.content
    with on(active.year6.due):
        client.force_login(personas.other_officer)
        for name in ("start", "record", "close"):
            assert client.post(step(active.contract, name, 6), {"outcome": "continue"}).status_code == 404
    client.logout()
    for url in urls:
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))
    assert Evaluation.objects.get(pk=active.year6.pk).state == "planned"


@pytest.mark.django_db
def test_a_member_party_of_the_partnership_sees_the_closed_evaluations_and_a_non_party_does_not(
    client, personas
):
    world = contract_world(personas)
    partner = MembershipFactory(organisation__name="Partner P")
    outsider = MembershipFactory(organisation__name="Onderaannemer O")  # in the partnership, no party
    partnership(
        world.lot,
        personas.organisation_a,
        personas.officer,
        (partner.organisation, "partner"),
        (outsider.organisation, "subcontractor"),
    )
    services.add_party(world.contract, partner.organisation, actor=personas.officer, role="combinatiepartner")
    Contract.objects.filter(pk=world.contract.pk).update(status=Contract.Status.ACTIVE)
    year3 = world.contract.evaluations.get(after_year=3)
    with on(year3.due):
        services.start_evaluation(year3, actor=personas.officer)
        services.record_evaluation(
            year3,
            actor=personas.officer,
            outcome="adjust",
            motivation="Verbeterplan wachttijd",
            report=report(),
        )
    detail = reverse("contracts:detail", args=[world.contract.pk])
    client.force_login(partner.user)
    assert "Verbeterplan wachttijd" not in client.get(page(world.contract)).content.decode()
    assert client.get(step(world.contract, "report")).status_code == 404
    with on(year3.due):
        services.close_evaluation(year3, actor=personas.officer)
    text = client.get(detail).content.decode()
    assert f"Evaluatie na jaar 3 ({year3.due.day} januari {year3.due.year}): afgesloten" in text
    text = client.get(page(world.contract)).content.decode()
    assert "doorgaan met aanpassingen" in text and "Verbeterplan wachttijd" in text
    assert "Uitkomst vastleggen" not in text and "Evaluatie starten" not in text
    assert downloaded(client.get(step(world.contract, "report"))) == PDF
    for user in (outsider.user, personas.provider_b):
        client.force_login(user)
        for url in (detail, page(world.contract), step(world.contract, "report")):
            response = client.get(url)
            assert response.status_code == 404, (user, url)
            assert b"Verbeterplan wachttijd" not in response.content


@pytest.mark.django_db
def test_the_evaluation_page_asks_a_bounded_number_of_queries(
    client, personas, active, django_assert_max_num_queries
):
    client.force_login(personas.officer)
    with django_assert_max_num_queries(12):
        assert client.get(page(active.contract)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["end", "terminate"])
def test_an_evaluation_in_progress_closes_with_the_contract_and_takes_no_outcome_after(personas, active, how):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
        if how == "terminate":
            condition = active.contract.termination_conditions.first()
            services.terminate(active.contract, actor=personas.officer, condition=condition)
    if how == "end":
        with on(active.contract.end + timedelta(days=1)):
            services.end_expired_contracts()
    evaluation = Evaluation.objects.get(pk=active.year3.pk)
    assert evaluation.state == Evaluation.State.CLOSED and evaluation.closed_at is not None
    with on(active.contract.end), pytest.raises(ValidationError, match="Alleen een lopende evaluatie"):
        services.record_evaluation(
            evaluation, actor=personas.officer, outcome="continue", motivation="Te laat."
        )
    assert Evaluation.objects.get(pk=active.year3.pk).outcome == ""


@pytest.mark.django_db
def test_the_start_button_shows_only_once_the_evaluation_can_be_started(client, personas, active):
    opens = services.evaluation_opens_on(active.year3)
    for day, shown in ((opens - timedelta(days=1), False), (opens, True)):
        with on(day):
            client.force_login(personas.officer)
            assert ("Evaluatie starten" in client.get(page(active.contract)).content.decode()) is shown


@pytest.mark.django_db
def test_a_replaced_report_is_removed_from_storage_once_the_new_one_is_saved(
    personas, active, django_capture_on_commit_callbacks
):
    with on(active.year3.due):
        services.start_evaluation(active.year3, actor=personas.officer)
        first = services.record_evaluation(
            active.year3, actor=personas.officer, outcome="continue", motivation="Goed.", report=report()
        )
        storage, old_name = first.report.storage, first.report.name
        with django_capture_on_commit_callbacks(execute=True):
            second = services.record_evaluation(
                active.year3, actor=personas.officer, outcome="continue", motivation="Goed.", report=report()
            )
    assert second.report.name != old_name
    assert storage.exists(second.report.name)
    assert not storage.exists(old_name)
