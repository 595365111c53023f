"""Caching figures that depend only on a set of procurements, never on the user who asks
(``per_procurements``).

The key holds the procurements' ids, the language and the id of each one's latest audit entry: every service
verb writes an audit entry in its own transaction, so any change to these procurements (a phase, a
registration, a question, a council report) makes a new key at once. The timeout bounds the rest: the figures
that move with the clock alone (days until a deadline) are at most ``timeout`` seconds old."""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.core.cache import cache
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import translation

from audit.models import AuditEntry

T = TypeVar("T")
SCOPE_SECONDS = 30


def procurement_scope_key(prefix: str, procurements: QuerySet) -> str:
    """One query: each procurement's id with the id of its latest audit entry."""
    latest = AuditEntry.objects.filter(procurement_id=OuterRef("pk")).order_by("-timestamp", "-pk")
    scope = list(
        procurements.annotate(latest=Subquery(latest.values("pk")[:1]))
        .order_by("pk")
        .values_list("pk", "latest")
    )
    digest = hashlib.sha256(repr(scope).encode()).hexdigest()[:32]
    return f"{prefix}:{translation.get_language()}:{digest}"


def per_procurements(prefix: str, timeout: int = SCOPE_SECONDS) -> Callable:
    """Cache ``build(procurements)`` under the procurements' scope key. Only for functions whose result
    depends on the procurements alone (the permission check that selected them stays outside)."""

    def decorate(build: Callable[[QuerySet], T]) -> Callable[[QuerySet], T]:
        @wraps(build)
        def cached(procurements: QuerySet) -> T:
            key = procurement_scope_key(prefix, procurements)
            value = cache.get(key)
            if value is None:
                value = build(procurements.all())
                cache.set(key, value, timeout)
            return value

        return cached

    return decorate
