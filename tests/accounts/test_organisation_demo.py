import pytest

from accounts.models import Invitation, Membership
from demo.people import seed_people

pytestmark = pytest.mark.django_db


def test_demo_providers_have_a_colleague_and_a_pending_invitation_and_reseeding_changes_nothing():
    seed_people()
    counts = (Membership.objects.count(), Invitation.objects.count())
    people = seed_people()
    assert (Membership.objects.count(), Invitation.objects.count()) == counts
    for key in ("kustlicht", "duinroos"):
        organisation = people.organisations[key]
        roles = sorted(organisation.memberships.values_list("role", flat=True))
        assert roles == ["admin", "member"]
        assert organisation.invitations.pending().count() == 1
