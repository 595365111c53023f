"""Who may see or do what with organisations and memberships: the one place for it.

In the access style of every app (README, "Every app has the same shape").

Here: a person acts for the organisations they are a member of; an administrator of the organisation
manages it (its members, its invitations, its self-declarations).
"""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Invitation, Membership, Organisation, User
from accounts.roles import Role


def organisations_of(user: User) -> QuerySet[Organisation]:
    """The organisations a user acts for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def _administrator_memberships(user: User) -> QuerySet[Membership]:
    """The rule, once: a person administers an organisation by an administrator's membership of it."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN)


def managed_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations this person is an administrator of."""
    return Organisation.objects.filter(pk__in=_administrator_memberships(user).values("organisation_id"))


def may_act_for(user: User, organisation_id: int) -> bool:
    """Whether the person acts for the organisation (is a member of it)."""
    return organisations_of(user).filter(pk=organisation_id).exists()


def may_administer(user: User, organisation_id: int) -> bool:
    """Whether the person is an administrator of the organisation."""
    return _administrator_memberships(user).filter(organisation_id=organisation_id).exists()


def get_organisation_for(user: User, pk: int, *, manage: bool = False) -> Organisation:
    """An organisation the user acts for (``manage``: as its administrator); 404 otherwise."""
    organisations = managed_organisations(user) if manage else organisations_of(user)
    if not organisations.filter(pk=pk).exists():
        raise Http404
    return Organisation.objects.get(pk=pk)


def invitations_of(user: User) -> QuerySet[Invitation]:
    """The pending invitations to this user's e-mail address."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.pending().filter(email__iexact=user.email).select_related("organisation")


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
