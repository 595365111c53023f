"""Who may read which procurement's dashboard figures, council reports and audit trail."""

from django.db.models import Q, QuerySet

from accounts.models import User
from procurement.access import followed_procurements, managed_procurements
from procurement.models import Procurement


def reported_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements whose council report this person may request and read: the ones an alderman
    follows and the ones an officer runs."""
    return Procurement.objects.filter(
        Q(pk__in=followed_procurements(user).values("pk")) | Q(pk__in=managed_procurements(user).values("pk"))
    )
