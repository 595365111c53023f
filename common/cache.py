"""Short-lived caching of a whole page per reader (``per_reader_page``), kept valid by the portal's data
version (``data_changed``, which every successful audit entry calls). The figures of a set of procurements
are cached by ``audit.scope``."""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

DATA_VERSION_KEY = "dialoog:data-version"


def data_version() -> int:
    """A number that changes whenever the portal's data changes (see ``data_changed``). Started from the
    clock, so a version lost from the cache never comes back with a value used before."""
    return cache.get_or_set(DATA_VERSION_KEY, time.time_ns, timeout=None)


def data_changed() -> None:
    """Say that data changed: now, for readers inside this transaction, and again once it commits, so a
    page cached by a reader in between (who still saw the old data) is not served afterwards."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:  # not in the cache (yet, or evicted): start again from the clock
        cache.set(DATA_VERSION_KEY, time.time_ns(), timeout=None)


def per_reader_page(prefix: str) -> Callable:
    """Cache a page's HTML per reader for ``settings.PAGE_CACHE_SECONDS`` (0: not at all), for pages read
    far more often than their data changes (the dashboards a council follows). Put it inside the view's
    role check.

    The key holds everything the page can show that differs between readers, so it is never served to
    anyone else: the path, the language, the person (id, name, roles, region, municipality, unread
    notifications) and their CSRF secret (the forms on the page carry tokens for it). A copy is served only
    while the data version it was made at is current, so never after a change: every audit-trail entry
    changes that version (every service verb writes one: a phase, a published answer, a grant or
    withdrawal of access). Figures that move with the clock alone (days until a deadline) are at most that
    many seconds old. A page with messages to show is never cached."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def cached(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            timeout = settings.PAGE_CACHE_SECONDS
            key = _reader_page_key(prefix, request) if timeout else None
            if key is None:
                return view(request, *args, **kwargs)
            found = cache.get_many([DATA_VERSION_KEY, key])  # one round trip to the cache
            version = found.get(DATA_VERSION_KEY) or data_version()
            page = found.get(key)
            if page is not None and page[0] == version:
                get_token(request)  # as rendering the page's forms would: keeps the CSRF cookie fresh
                return HttpResponse(page[1], content_type=page[2])
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (version, response.content, response["Content-Type"]), timeout)
            return response

        return cached

    return decorate


def _reader_page_key(prefix: str, request: HttpRequest) -> str | None:
    user = request.user
    secret = request.META.get("CSRF_COOKIE")
    if request.method not in ("GET", "HEAD") or not user.is_authenticated or not secret:
        return None
    if len(get_messages(request)):
        return None
    unread = getattr(user, "unread_notification_count", None)
    if unread is None:
        unread = user.notifications.filter(read_at__isnull=True).count()
    reader = (
        user.pk,
        user.get_full_name(),
        sorted(user.role_names),
        user.region_id,
        user.municipality_id,
        unread,
        secret,
        request.headers.get("HX-Request", ""),
    )
    digest = hashlib.sha256(repr((request.get_full_path(), reader)).encode()).hexdigest()[:40]
    return f"page:{prefix}:{translation.get_language()}:{digest}"
