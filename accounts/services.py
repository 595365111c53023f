"""Notifications: in the portal and by e-mail. The Notification row is the e-mail outbox, so an action
whose broker is down still succeeds, and the e-mail goes out once when a worker sees the row."""

import logging
from collections.abc import Iterable

from django.db import transaction

from .models import Notification, User

logger = logging.getLogger(__name__)


def notify(users: Iterable[User], *, key: str, subject: str, body: str, url: str = "") -> list[Notification]:
    """Notify each user once per ``key`` (idempotent: a second call with the same key does nothing).
    The e-mails are sent by a Celery task after the transaction commits."""
    created = []
    for user in users:
        notification, is_new = Notification.objects.get_or_create(
            user=user, key=key, defaults={"subject": subject, "body": body, "url": url}
        )
        if is_new:
            created.append(notification)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return created


def _enqueue_emails(ids: list[int]) -> None:
    from .tasks import send_notification_emails

    try:
        send_notification_emails.delay(ids)
    except Exception:  # the broker is down: the outbox sweep sends them later
        logger.warning("broker unavailable; %d e-mails left to the outbox sweep", len(ids))
