"""Who may read which procurement's dashboard figures, council reports and audit trail: the one place
for it.

The access style, the same in every app's ``access.py``:
- ``visible_<things>(user)`` / ``managed_<things>(user)``: querysets of what the person may see, and of
  what they manage; ``<things>_of(user)``: what the person acts through (organisations, participations);
- ``get_<thing>_for(user, pk, *, manage=False)``: one of those objects, or ``Http404`` (never 403: nothing
  tells a person without access that the object exists);
- ``may_<verb>(user, obj) -> bool``: whether the person may do that; pages use it to show a form, verbs
  to refuse.
Access functions only read (no audit entries, no changes) and import no services.

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
