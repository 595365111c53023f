"""The origin of the request being served, so that service verbs can log it without passing it."""

from contextvars import ContextVar

origin_ip: ContextVar[str | None] = ContextVar("origin_ip", default=None)
