"""Celery tasks of the dashboards: thin, take ids, idempotent per procurement and month."""

from datetime import date

from celery import shared_task

from accounts.models import User
from audit.actions import Action
from audit.services import each_on_its_own
from common.timezone import server_now
from procurement.models import Procurement

from . import jobs, services


@shared_task(name="dashboards.tasks.make_council_report")
def make_council_report(procurement_id: int, period: str, requested_by_id: int | None = None) -> int | None:
    procurement = Procurement.objects.filter(pk=procurement_id).first()
    if procurement is None:
        return None
    actor = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    return jobs.make_council_report(procurement, period=date.fromisoformat(period), actor=actor).pk


@shared_task(name="dashboards.tasks.make_monthly_council_reports")
def make_monthly_council_reports() -> int:
    """The council report of this month for every running procurement; one failure does not stop
    the others."""
    period = services.month_of(server_now())
    return len(
        each_on_its_own(
            Procurement.objects.filter(status=Procurement.Status.PUBLISHED),
            lambda procurement: jobs.make_council_report(procurement, period=period, actor=None),
            action=Action.COUNCIL_REPORT_CREATE,
            procurement_id=lambda procurement: procurement.pk,
        )
    )
