"""Celery tasks of the dashboards: thin, take ids, idempotent per procurement and month."""

import logging
from datetime import date

from celery import shared_task

from accounts.models import User
from common.timezone import server_now
from procurement.models import Procurement

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="dashboards.tasks.make_council_report")
def make_council_report(procurement_id: int, period: str, requested_by_id: int | None = None) -> int | None:
    procurement = Procurement.objects.filter(pk=procurement_id).first()
    if procurement is None:
        return None
    actor = User.objects.filter(pk=requested_by_id).first() if requested_by_id else None
    return services.make_council_report(procurement, period=date.fromisoformat(period), actor=actor).pk


@shared_task(name="dashboards.tasks.make_monthly_council_reports")
def make_monthly_council_reports() -> int:
    """The council report of this month for every running procurement; one failure does not stop
    the others."""
    period = services.month_of(server_now())
    made = 0
    running = Procurement.objects.filter(status=Procurement.Status.PUBLISHED).values_list("pk", flat=True)
    for procurement_id in running:
        try:
            make_council_report(procurement_id, period.isoformat())
            made += 1
        except Exception:
            logger.exception("council report of procurement %s failed", procurement_id)
    return made
