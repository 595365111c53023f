"""The deadline lock under real concurrency, on PostgreSQL: separate connections race each other, and
with the database's clock a submission that waits for the lock past the deadline is refused."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from procurement.models import InvitationToTender, TenderInvitation, TenderSubmission
from procurement.services import tenders as services
from tests.factories import MembershipFactory
from tests.procurement.factories_tenders import submit
from tests.requirements import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 20


@pytest.fixture(autouse=True)
def _postgres_without_pdfs(monkeypatch):
    require_postgres()
    # the receipts are not the subject here; rendering twenty PDFs at once would only slow the race
    monkeypatch.setattr(services, "hand_to_worker", lambda *args, **kwargs: True)


def race(functions) -> list[str]:
    results, barrier = [], threading.Barrier(len(functions))

    def run(function):
        try:
            barrier.wait(timeout=30)
            function()
            results.append("accepted")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def database_now():
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        return cursor.fetchone()[0]


def test_twenty_organisations_submitting_at_once_none_lost_none_duplicated(world):
    members = [MembershipFactory(organisation__name=f"Aanbieder {i:02d}") for i in range(THREADS)]
    TenderInvitation.objects.bulk_create(
        TenderInvitation(lot=world.lot, organisation=m.organisation) for m in members
    )
    results = race([lambda m=m: submit(world.lot, m.user, m.organisation) for m in members])
    assert results == ["accepted"] * THREADS
    tenders = TenderSubmission.objects.filter(lot=world.lot)
    assert tenders.count() == THREADS
    assert set(tenders.values_list("organisation_id", flat=True)) == {m.organisation_id for m in members}
    assert set(tenders.values_list("number", flat=True)) == {1}


def test_twenty_resubmissions_of_one_organisation_at_once_keep_one_current_and_all_history(world):
    results = race([lambda: submit(world.lot, world.provider_a, world.organisation_a)] * THREADS)
    assert results == ["accepted"] * THREADS
    tenders = TenderSubmission.objects.filter(organisation=world.organisation_a)
    assert sorted(tenders.values_list("number", flat=True)) == list(range(1, THREADS + 1))
    assert tenders.filter(superseded_at__isnull=True).count() == 1
    assert tenders.get(superseded_at__isnull=True).number == THREADS


def test_with_the_database_clock_a_submission_waiting_for_the_lock_past_the_deadline_is_refused(
    world, settings
):
    settings.DEADLINE_CLOCK = "database"
    deadline = database_now() + timedelta(seconds=2)
    InvitationToTender.objects.filter(pk=world.invitation.pk).update(submission_deadline=deadline)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with transaction.atomic():
            InvitationToTender.objects.select_for_update().get(pk=world.invitation.pk)
            locked.set()
            release.wait(timeout=30)
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert locked.wait(timeout=10)
    outcome = []

    def submit_before_the_deadline():
        started = database_now()
        try:
            submit(world.lot, world.provider_a, world.organisation_a)
            outcome.append(("accepted", started))
        except ValidationError as error:
            outcome.append((error.messages[0], started))
        finally:
            connection.close()

    submitter = threading.Thread(target=submit_before_the_deadline)
    submitter.start()
    while database_now() <= deadline + timedelta(milliseconds=200):
        time.sleep(0.1)
    release.set()
    holder.join(timeout=30)
    submitter.join(timeout=30)
    message, started = outcome[0]
    assert started < deadline  # the transaction started before the deadline ...
    assert "is verstreken" in message  # ... and was decided, under the lock, after it
    assert not TenderSubmission.objects.exists()
