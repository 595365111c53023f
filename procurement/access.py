"""Who may see or do what with a procurement. Object access raises 404, never 403: nothing tells a
person without access that the object exists."""

from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from accounts.access import organisations_of
from accounts.models import User
from accounts.roles import Role
from procurement.models import Procurement

VIEW = "view"
MANAGE = "manage"


def managed_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements an officer runs: those of the officer's region, plus explicit guardian grants."""
    if not user.is_authenticated or not user.has_role(Role.PROCUREMENT_OFFICER):
        return Procurement.objects.none()
    granted = get_objects_for_user(
        user, "procurement.manage_procurement", klass=Procurement, accept_global_perms=False
    )
    return Procurement.objects.filter(Q(regions__in=user.home_region_ids) | Q(pk__in=granted)).distinct()


def followed_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements an alderman follows: the public ones of the alderman's region."""
    if not user.is_authenticated or not user.has_role(Role.ALDERMAN):
        return Procurement.objects.none()
    return Procurement.objects.visible_to_public().filter(regions__in=user.home_region_ids).distinct()


def visible_procurements(user: User) -> QuerySet[Procurement]:
    """Every procurement this person may open."""
    if not user.is_authenticated:
        return Procurement.objects.none()
    ids = set(managed_procurements(user).values_list("pk", flat=True))
    ids |= set(followed_procurements(user).values_list("pk", flat=True))
    if user.has_role(Role.PROVIDER_MEMBER) or user.has_role(Role.ASSESSOR):
        ids |= set(Procurement.objects.visible_to_public().values_list("pk", flat=True))
    return Procurement.objects.filter(pk__in=ids)


def can_manage(user: User, procurement: Procurement) -> bool:
    return managed_procurements(user).filter(pk=procurement.pk).exists()


def is_participant(user: User, procurement: Procurement) -> bool:
    """Whether one of the user's organisations is a registered provider of the procurement."""
    return procurement.participants.filter(organisation__in=organisations_of(user)).exists()


def get_procurement_for(user: User, pk: int, perm: str = VIEW) -> Procurement:
    """The procurement, if this user may ``view`` or ``manage`` it; otherwise 404."""
    queryset = managed_procurements(user) if perm == MANAGE else visible_procurements(user)
    try:
        return queryset.get(pk=pk)
    except Procurement.DoesNotExist as missing:
        raise Http404 from missing
