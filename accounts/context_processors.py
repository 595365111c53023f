from django.utils.functional import SimpleLazyObject

from .models import Notification


def notifications(request) -> dict:
    """The unread count for the navigation: one COUNT query, and only on a page that shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(user=user, read_at__isnull=True).count()
        )
    }
