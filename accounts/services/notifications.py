"""Notifications: in the portal and by e-mail. The Notification row is the e-mail outbox, so an action
whose broker is down still succeeds, and the e-mail goes out once when a worker sees the row."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

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
        ids = [n.pk for n in created]
        transaction.on_commit(
            lambda: hand_to_worker("accounts.tasks.send_notification_emails", ids, left_to="the outbox sweep")
        )
    return created


def send_email(notification: Notification) -> int:
    """Send the notification's e-mail unless another worker holds or has sent it; how many were sent
    (0 or 1). Inside a transaction: the row stays locked until the sending is recorded."""
    locked = (
        Notification.objects.select_for_update(skip_locked=True)
        .select_related("user")
        .filter(pk=notification.pk, emailed_at__isnull=True)
        .first()
    )
    if locked is None:
        return 0
    link = f"{settings.SITE_URL}{locked.url}" if locked.url else ""
    send_mail(
        locked.subject,
        f"{locked.body}\n\n{link}".strip(),
        settings.DEFAULT_FROM_EMAIL,
        [locked.user.email],
    )
    Notification.objects.filter(pk=locked.pk).update(emailed_at=timezone.now())
    return 1
