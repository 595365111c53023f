from datetime import timedelta

from django.utils import timezone

from accounts.models import Invitation, Membership
from accounts.services.organisations import hash_token
from tests.factories import MembershipFactory


def admin_of(organisation, **user):
    """A provider who administers this organisation."""
    return MembershipFactory(organisation=organisation, role=Membership.Role.ADMIN, **user).user


def make_invitation(
    organisation, email: str = "nieuw@collega.test", *, token: str = "geheim-token", **fields
):
    """An invitation with a known token; ``expired=True`` makes it expired."""
    if fields.pop("expired", False):
        fields["expires_at"] = timezone.now() - timedelta(minutes=1)
    return Invitation.objects.create(
        organisation=organisation, email=email, token_hash=hash_token(token), **fields
    )
