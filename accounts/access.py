"""Who may do what, in one place. Object access helpers raise 404, never 403 (nothing leaks)."""

from django.http import Http404

from accounts.models import Invitation, Membership, Organisation, User
from accounts.roles import Role


def organisations_of(user: User):
    """The organisations a user acts for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def start_page_name(user: User) -> str:
    """The URL name of each role's own start page."""
    if not user.is_authenticated:
        return "dashboards:public"
    for role, page in (
        (Role.PROCUREMENT_OFFICER, "dashboards:officer"),
        (Role.ALDERMAN, "dashboards:alderman"),
        (Role.ASSESSOR, "dashboards:assessor"),
        (Role.EXPERT_BY_EXPERIENCE, "dashboards:guest"),
        (Role.PROVIDER_MEMBER, "dashboards:provider"),
    ):
        if user.has_role(role):
            return page
    return "dashboards:provider" if user.memberships.exists() else "dashboards:no_role"


def get_organisation_for(user: User, pk: int, *, manage: bool = False) -> Organisation:
    """An organisation the user acts for (``manage``: as its administrator); 404 otherwise."""
    memberships = Membership.objects.filter(user=user, organisation_id=pk) if user.is_authenticated else None
    if manage and memberships is not None:
        memberships = memberships.filter(role=Membership.Role.ADMIN)
    if memberships is None or not memberships.exists():
        raise Http404
    return Organisation.objects.get(pk=pk)


def invitations_for(user: User):
    """The pending invitations to this user's e-mail address."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.pending().filter(email__iexact=user.email).select_related("organisation")
