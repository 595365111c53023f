from django.utils.functional import SimpleLazyObject

from .models import Notification


def notifications(request) -> dict:
    """The unread count for the navigation: loaded with the person (``accounts.backends``), otherwise one
    COUNT query, and only on a page that shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    loaded = getattr(user, "unread_notification_count", None)
    if loaded is not None:
        return {"unread_notifications": loaded}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(user=user, read_at__isnull=True).count()
        )
    }
