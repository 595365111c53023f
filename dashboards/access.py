"""Who may read which procurement's dashboard figures, council reports and audit trail: the one place
for it.

In the access style of every app (README, "Every app has the same shape").

Here: the council reports of a procurement are for the aldermen who follow it and the officers who run it.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from dashboards.models import CouncilReport
from procurement.access import followed_procurements, managed_procurements
from procurement.models import Procurement


def reported_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements whose council report this person may request and read: the ones an alderman
    follows and the ones an officer runs."""
    return Procurement.objects.filter(
        Q(pk__in=followed_procurements(user).values("pk")) | Q(pk__in=managed_procurements(user).values("pk"))
    )


def visible_council_reports(user: User) -> QuerySet[CouncilReport]:
    """The made council reports of those procurements (a report without its file is still being made)."""
    return CouncilReport.objects.filter(procurement__in=reported_procurements(user)).exclude(file="")


def get_reported_procurement_for(user: User, pk: int) -> Procurement:
    """A procurement whose council report this person may request; otherwise 404."""
    procurement = reported_procurements(user).filter(pk=pk).first()
    if procurement is None:
        raise Http404
    return procurement


def get_council_report_for(user: User, pk: int) -> CouncilReport:
    report = visible_council_reports(user).filter(pk=pk).select_related("procurement").first()
    if report is None:
        raise Http404
    return report
