"""Time in the domain's words: deadlines are Europe/Amsterdam, stored in UTC."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def server_now() -> datetime:
    """The clock that decides whether a deadline has passed: PostgreSQL's, read inside the transaction
    that accepts the action (``DEADLINE_CLOCK=database``), or the application's (``application``:
    the embedded default and tests that freeze time)."""
    if settings.DEADLINE_CLOCK == "database" and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT clock_timestamp()")
            return cursor.fetchone()[0]
    return timezone.now()


def add_calendar_days(moment: datetime, days: int) -> date:
    """The calendar date ``days`` days after ``moment``, counted in Europe/Amsterdam."""
    return local(moment).date() + timedelta(days=days)
