from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from audit.actions import Action
from audit.services import each_in_own_transaction

from .models import Notification
from .services.notifications import send_email

# A notification whose e-mail is still unsent after this long was not handed to a worker (the broker was
# down when the action happened): the outbox sweep sends it.
OUTBOX_GRACE = timedelta(minutes=1)
OUTBOX_BATCH = 500


@shared_task(name="accounts.tasks.send_notification_emails")
def send_notification_emails(ids: list[int]) -> int:
    """Send the e-mails of these notifications that have not been sent yet; each one once. A failing
    e-mail is logged, recorded and left in the outbox for the sweep; the others still go out."""
    outbox = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).order_by("pk")
    return sum(
        each_in_own_transaction(
            outbox, send_email, action=Action.NOTIFICATION_EMAIL, procurement_id=lambda notification: None
        )
    )


@shared_task(name="accounts.tasks.sweep_notification_outbox")
def sweep_notification_outbox() -> int:
    """Send the e-mails that are still unsent a minute after their notification was made (the broker
    was down, or a worker died before sending). Each one once: ``send_notification_emails`` locks the
    row and skips rows another worker holds."""
    cutoff = timezone.now() - OUTBOX_GRACE
    ids = list(
        Notification.objects.filter(emailed_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:OUTBOX_BATCH]
    )
    return send_notification_emails(ids) if ids else 0
