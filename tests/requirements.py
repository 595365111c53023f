"""What a test needs from the machine. Without it the test is skipped with the reason; when CI is set,
a missing requirement fails the test instead, so CI always runs everything."""

import os
import shutil
from functools import cache

import pytest
from django.db import connection

IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


@cache
def redis_reachable() -> bool:
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def require_postgres() -> None:
    require(uses_postgres(), "needs PostgreSQL (set DATABASE_URL=postgres://...)")


def require_worker_stack() -> None:
    require_postgres()
    require(redis_reachable(), "needs Redis as the broker (set CELERY_BROKER_URL=redis://...)")


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require_chromium() -> None:
    require(os.path.exists(CHROMIUM), f"needs Chromium at {CHROMIUM} (Debian package chromium)")


def require_pdftotext() -> None:
    require(shutil.which("pdftotext") is not None, "needs pdftotext (Debian package poppler-utils)")
