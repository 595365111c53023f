"""Notifications: in the portal and by e-mail. The Notification row is the e-mail outbox, so an action
whose broker is down still succeeds, and the e-mail goes out once when a worker sees the row."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from accounts.models import Notification, User
from common.tasks import hand_to_worker


def notify(users: Iterable[User], *, key: str, subject: str, body: str, url: str = "") -> list[Notification]:
    """Notify each user once per ``key`` (idempotent: a second call with the same key does nothing).
    The e-mails are sent by a Celery task after the transaction commits. A constant number of queries,
    however many users: one to find who already has this key, one to insert the rest."""
    recipients = {user.pk: user for user in users}
    if not recipients:
        return []
    already = set(
        Notification.objects.filter(key=key, user_id__in=recipients).values_list("user_id", flat=True)
    )
    fresh = [
        Notification(user=user, key=key, subject=subject, body=body, url=url)
        for pk, user in recipients.items()
        if pk not in already
    ]
    try:
        with transaction.atomic():
            created = Notification.objects.bulk_create(fresh)
    except IntegrityError:  # a concurrent call with the same key won for some users: one at a time
        created = [
            notification
            for notification, is_new in (
                Notification.objects.get_or_create(
                    user=n.user, key=key, defaults={"subject": subject, "body": body, "url": url}
                )
                for n in fresh
            )
            if is_new
        ]
    if created:
        from accounts.tasks import send_notification_emails

        ids = [n.pk for n in created]
        transaction.on_commit(
            lambda: hand_to_worker(send_notification_emails, ids, left_to="the outbox sweep")
        )
    return created
