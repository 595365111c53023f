"""The deadline lock under concurrency, on PostgreSQL: separate connections race each other."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditEntry
from procurement.models import Phase, Registration
from procurement.services.registration import create_registration, submit_registration
from tests.procurement.factories_registration import complete_member
from tests.requirements import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def in_thread(function, results, barrier):
    def run():
        try:
            barrier.wait(timeout=10)
            function()
            results.append("accepted")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    return threading.Thread(target=run)


@pytest.fixture
def complete_single(world):
    require_postgres()
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    return registration


def test_two_submits_of_the_same_registration_accept_exactly_one(world, complete_single):
    results, barrier = [], threading.Barrier(2)
    threads = [
        in_thread(
            lambda: submit_registration(
                Registration.objects.get(pk=complete_single.pk), actor=world.provider_a, confirmed=True
            ),
            results,
            barrier,
        )
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and results.count("accepted") == 1
    assert AuditEntry.objects.filter(action="registration.submit", result="success").count() == 1
    assert world.procurement.participants.filter(organisation=world.organisation_a).count() == 1


def test_a_submit_racing_the_deadline_task_that_closes_the_window_is_refused(world, complete_single):
    results, barrier = [], threading.Barrier(2)

    def close_window():
        with transaction.atomic():
            phase = Phase.objects.select_for_update().get(procurement=world.procurement, key="registration")
            barrier.wait(timeout=10)
            time.sleep(0.5)  # hold the lock while the submit waits for it
            Phase.objects.filter(pk=phase.pk, window_closed_at__isnull=True).update(
                window_closed_at=timezone.now()
            )
        connection.close()

    closer = threading.Thread(target=close_window)
    submitter = in_thread(
        lambda: submit_registration(
            Registration.objects.get(pk=complete_single.pk), actor=world.provider_a, confirmed=True
        ),
        results,
        barrier,
    )
    closer.start()
    submitter.start()
    closer.join(timeout=30)
    submitter.join(timeout=30)
    assert results and "verstreken" in results[0]
    assert Registration.objects.get(pk=complete_single.pk).status == Registration.Status.DRAFT
