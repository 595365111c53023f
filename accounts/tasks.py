from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


@shared_task
def send_notification_emails(ids: list[int]) -> int:
    """Send the e-mails of these notifications that have not been sent yet; each one once."""
    sent = 0
    for pk in ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .select_related("user")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            link = f"{settings.SITE_URL}{notification.url}" if notification.url else ""
            send_mail(
                notification.subject,
                f"{notification.body}\n\n{link}".strip(),
                settings.DEFAULT_FROM_EMAIL,
                [notification.user.email],
            )
            Notification.objects.filter(pk=pk).update(emailed_at=timezone.now())
            sent += 1
    return sent
