"""The verbs of the dashboards: making a council report."""

import logging
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from accounts.models import User
from audit.actions import Action
from audit.services import record
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from procurement.models import Procurement

from .models import CouncilReport
from .pdf import council_report_pdf

logger = logging.getLogger(__name__)


def month_of(moment: datetime) -> date:
    """The first day of the month of ``moment`` in Europe/Amsterdam."""
    return local(moment).date().replace(day=1)


def make_council_report(procurement: Procurement, *, period: date, actor: User | None) -> CouncilReport:
    """The council report of ``procurement`` for the month ``period``; made once, later calls (a
    second click, the monthly beat, a retried task) return the one that exists."""
    existing = CouncilReport.objects.filter(procurement=procurement, period=period).first()
    if existing is not None:
        return existing
    content = council_report_pdf(procurement, period=period, now=server_now())
    report = CouncilReport(procurement=procurement, period=period, requested_by=actor)
    try:
        with transaction.atomic():
            report.file.save(report.filename, ContentFile(content), save=False)
            report.save()
            record(
                Action.COUNCIL_REPORT_CREATE,
                actor=actor,
                obj=report,
                procurement_id=procurement.pk,
                message=f"{period:%Y-%m}",
            )
    except IntegrityError:
        return CouncilReport.objects.get(procurement=procurement, period=period)
    return report


def request_council_report(procurement: Procurement, *, actor: User) -> tuple[date, bool]:
    """Ask the worker for this month's council report: the month, and whether the worker's queue took
    the request. The request writes nothing, so there is no commit to wait for and nothing for a sweep to
    find: with the broker down the page says so, and asking again later is safe (one report per month)."""
    from .tasks import make_council_report as task

    period = month_of(server_now())
    queued = hand_to_worker(
        task, procurement.pk, period.isoformat(), actor.pk, left_to="the user, who is asked to try again"
    )
    return period, queued
