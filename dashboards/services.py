"""The verbs of the dashboards: asking for a council report (the worker makes it, ``dashboards.jobs``)."""

from datetime import date, datetime

from accounts.models import User
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from procurement.models import Procurement


def month_of(moment: datetime) -> date:
    """The first day of the month of ``moment`` in Europe/Amsterdam."""
    return local(moment).date().replace(day=1)


def request_council_report(procurement: Procurement, *, actor: User) -> tuple[date, bool]:
    """Ask the worker for this month's council report: the month, and whether the worker's queue took
    the request. The request writes nothing (the worker makes the report's pending row), so there is no
    commit to wait for and nothing for a sweep to find: with the broker down the page says so, and asking
    again later is safe (one report per month)."""
    period = month_of(server_now())
    queued = hand_to_worker(
        "dashboards.tasks.make_council_report",
        procurement.pk,
        period.isoformat(),
        actor.pk,
        left_to="the user, who is asked to try again",
    )
    return period, queued
