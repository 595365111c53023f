"""Racing officers on PostgreSQL, separate connections: two publications of one lot make one timestamp and
one set of notifications; a confirmation racing a sending back: exactly one wins."""

import threading

import pytest

from accounts.models import Notification
from accounts.roles import Role
from procurement.models import Lot, Review
from procurement.services.preselection import confirm_decision, publish_decisions, send_back
from tests.factories import UserFactory
from tests.procurement.factories_preselection import decide_all, preselection_world, propose
from tests.procurement.registration.test_concurrency import in_thread
from tests.requirements import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*functions) -> list[str]:
    results, barrier = [], threading.Barrier(len(functions))
    threads = [in_thread(function, results, barrier) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_officers_publishing_at_once_make_one_publication(personas):
    require_postgres()
    world = preselection_world(personas)
    decide_all(world)
    lot = world.specific
    results = race(
        lambda: publish_decisions(Lot.objects.get(pk=lot.pk), actor=world.officer),
        lambda: publish_decisions(Lot.objects.get(pk=lot.pk), actor=world.second_officer),
    )
    assert sorted(results) == ["De besluiten van dit perceel zijn al bekendgemaakt.", "accepted"]
    stamp = Lot.objects.get(pk=lot.pk).preselection_published_at
    assert set(Review.objects.values_list("published_at", flat=True)) == {stamp}
    assert Notification.objects.filter(key__startswith="preselection-decision-").count() == 3


def test_a_confirmation_racing_a_sending_back_one_wins(personas):
    require_postgres()
    world = preselection_world(personas)
    review = propose(world.registration_a, world.officer)
    third = UserFactory(
        email="officer3@zk.test", region=world.officer.region, roles=[Role.PROCUREMENT_OFFICER]
    )
    results = race(
        lambda: confirm_decision(Review.objects.get(pk=review.pk), actor=world.second_officer),
        lambda: send_back(Review.objects.get(pk=review.pk), actor=third, remark="Nog niet goed."),
    )
    assert results.count("accepted") == 1
    assert Review.objects.get(pk=review.pk).status in ("confirmed", "sent_back")
