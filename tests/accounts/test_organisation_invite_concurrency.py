"""Inviting one organisation at the same moment, on PostgreSQL with separate connections: its row is
locked, so the second inviter finds the first one's invitation and no second invitation is made."""

import threading
import time

import pytest

from accounts.models import Invitation
from accounts.services import organisations
from accounts.services.organisations import invite_organisation, reinvite_organisation
from tests.factories import OrganisationFactory
from tests.procurement.registration.test_concurrency import in_thread
from tests.requirements import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inviting(monkeypatch) -> threading.Event:
    """Making the invitation takes a while: a racing inviter that is not held back by the lock has
    checked for an open invitation before the first one is committed. The event is set once the first
    inviter is making its invitation."""
    require_postgres()
    started, invite_administrator = threading.Event(), organisations._invite_administrator

    def slowly(*args, **kwargs):
        started.set()
        time.sleep(0.5)
        return invite_administrator(*args, **kwargs)

    monkeypatch.setattr(organisations, "_invite_administrator", slowly)
    return started


def invite(organisation, inviter, email):
    return lambda: invite_organisation(
        name=organisation.name, kvk_number=organisation.kvk_number, contact_email=email, invited_by=inviter
    )


def test_two_leads_inviting_the_same_organisation_at_once_make_one_invitation(personas, inviting):
    organisation = OrganisationFactory()
    results, barrier = [], threading.Barrier(2)
    threads = [
        in_thread(invite(organisation, personas.provider_a, "een@nieuw.test"), results, barrier),
        in_thread(invite(organisation, personas.provider_b, "twee@nieuw.test"), results, barrier),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == ["accepted", "accepted"]  # the second reuses the first one's invitation
    assert Invitation.objects.filter(organisation=organisation).count() == 1


def test_a_new_invitation_asked_while_the_organisation_is_being_invited_is_refused(personas, inviting):
    organisation = OrganisationFactory()
    results, barrier = [], threading.Barrier(1)
    first = in_thread(invite(organisation, personas.provider_a, "een@nieuw.test"), results, barrier)
    first.start()
    assert inviting.wait(timeout=10)  # the first holds the organisation's row while it invites
    second = in_thread(
        lambda: reinvite_organisation(
            organisation, contact_email="twee@nieuw.test", invited_by=personas.provider_b
        ),
        results,
        barrier,
    )
    second.start()
    first.join(timeout=30)
    second.join(timeout=30)
    refusal, accepted = sorted(results)
    assert accepted == "accepted"
    assert refusal.startswith(f"Er staat al een uitnodiging open voor {organisation.name}, geldig tot ")
    assert list(Invitation.objects.filter(organisation=organisation).values_list("email", flat=True)) == [
        "een@nieuw.test"
    ]
