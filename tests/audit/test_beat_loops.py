"""The beat's loops run each item in ``each_in_own_transaction``: an item that is refused or fails is
rolled back alone and recorded (refused, or failed with the error logged), and the loop goes on."""

import logging

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation
from audit.models import AuditEntry
from audit.services import each_in_own_transaction, record, refusals_recorded
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_refused_and_a_failing_item_are_rolled_back_alone_and_recorded_and_the_loop_goes_on(
    personas, caplog
):
    refused, failing, fine = personas.organisation_a, personas.organisation_b, OrganisationFactory()

    def rename(organisation: Organisation) -> str:
        Organisation.objects.filter(pk=organisation.pk).update(name="Hernoemd")
        record("organisation.rename", actor=None, obj=organisation, procurement_id=7)
        if organisation == refused:
            raise ValidationError("Niet zo.")
        if organisation == failing:
            raise RuntimeError("the step broke")
        return organisation.kvk_number

    with caplog.at_level(logging.INFO, logger="audit.services"):
        done = each_in_own_transaction(
            Organisation.objects.filter(pk__in=[refused.pk, failing.pk, fine.pk]).order_by("pk"),
            rename,
            action="organisation.rename",
            procurement_id=lambda organisation: 7,
        )

    assert done == [fine.kvk_number]
    assert dict(Organisation.objects.values_list("pk", "name")) == {
        refused.pk: "Aanbieder A",
        failing.pk: "Aanbieder B",
        fine.pk: "Hernoemd",
    }
    assert sorted(
        AuditEntry.objects.values_list("object_id", "result", "procurement_id", "actor_label", "message")
    ) == sorted(
        [
            (str(refused.pk), "refused", 7, "anonymous", "Niet zo."),
            (str(failing.pk), "failed", 7, "anonymous", "RuntimeError"),
            (str(fine.pk), "success", 7, "anonymous", ""),
        ]
    )
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info[0] is RuntimeError
    assert f"organisation.rename failed for accounts.organisation {failing.pk}" in errors[0].getMessage()
    assert any(
        r.levelno == logging.INFO and f"{refused.pk}: Niet zo." in r.getMessage() for r in caplog.records
    )


def test_an_item_that_refuses_under_its_own_action_is_recorded_once_under_the_loops_action(personas):
    organisation = personas.organisation_a

    def refuse_as_a_verb(item: Organisation) -> None:
        with refusals_recorded("organisation.rename", actor=None, obj=item):
            raise ValidationError("Niet zo.")

    assert (
        each_in_own_transaction(
            [organisation], refuse_as_a_verb, action="organisation.rename", procurement_id=lambda item: None
        )
        == []
    )
    assert list(AuditEntry.objects.values_list("action", "result", "object_id")) == [
        ("organisation.rename", "refused", str(organisation.pk))
    ]


def test_an_item_that_keeps_failing_is_recorded_once_until_it_goes_through(personas, caplog):
    organisation = personas.organisation_a
    broken = [True]

    def send(item: Organisation) -> None:
        if broken[0]:
            raise ConnectionError("the mail server is down")
        record("organisation.mail", actor=None, obj=item)

    def run() -> None:
        each_in_own_transaction(
            [organisation], send, action="organisation.mail", procurement_id=lambda i: None
        )

    with caplog.at_level(logging.ERROR, logger="audit.services"):
        run()
        run()
        run()
    assert list(AuditEntry.objects.order_by("pk").values_list("result", flat=True)) == ["failed"]
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 3  # the log has every run
    broken[0] = False
    run()
    broken[0] = True
    run()
    assert list(AuditEntry.objects.order_by("pk").values_list("result", flat=True)) == [
        "failed",
        "success",
        "failed",
    ]


def test_a_sweep_of_jobs_runs_each_outside_a_transaction_records_a_failure_once_and_goes_on(personas):
    from django.db import connection

    from audit.services import each_on_its_own

    failing, fine = personas.organisation_a, personas.organisation_b
    depth = []

    def job(organisation: Organisation) -> str:
        depth.append(len(connection.savepoint_ids))
        Organisation.objects.filter(pk=organisation.pk).update(name="Gemaakt")  # what the job kept
        if organisation == failing:
            raise RuntimeError("the renderer broke")
        return organisation.kvk_number

    def sweep() -> list[str]:
        return each_on_its_own(
            Organisation.objects.filter(pk__in=[failing.pk, fine.pk]).order_by("pk"),
            job,
            action="organisation.make",
            procurement_id=lambda organisation: None,
        )

    assert sweep() == [fine.kvk_number]
    assert sweep() == [fine.kvk_number]
    assert depth == [0, 0, 0, 0]  # no transaction (savepoint) of the loop's own around a job
    assert Organisation.objects.get(pk=failing.pk).name == "Gemaakt"  # not rolled back by the loop
    assert list(AuditEntry.objects.values_list("object_id", "result", "message")) == [
        (str(failing.pk), "failed", "RuntimeError")
    ]
