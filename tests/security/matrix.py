"""Requesting the project's URLs as each persona, every request in a savepoint that is rolled back, so that
a POST of one persona cannot change what the next request sees."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.security.urlwalk import all_routes

PERSONAS = [
    "anonymous",
    "provider_a",
    "provider_b",
    "other_officer",
    "alderman",
    "expert",
    "assessor",
    "officer",
]


def is_admin(route) -> bool:
    return route.route.startswith("beheer/")


def named_routes():
    """Every named URL pattern outside the admin."""
    return [route for route in all_routes() if route.name and not is_admin(route)]


@dataclass
class Answer:
    status: int
    location: str
    body: bytes
    content_type: str
    inspected: object = None


class PersonaClient:
    """A test client logged in as one persona (or anonymous) that undoes every request's changes."""

    def __init__(self, world, persona: str):
        self.client = Client()
        self.cookie = None
        if persona != "anonymous":
            self.client.force_login(getattr(world, persona))
            self.cookie = self.client.cookies[settings.SESSION_COOKIE_NAME].value

    def request(
        self, method: str, path: str, data: dict | None = None, inspect: Callable | None = None
    ) -> Answer:
        """The answer; ``inspect`` is called after the request, before its changes are undone."""
        if self.cookie:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.cookie
        send: Callable = getattr(self.client, method.lower())
        with transaction.atomic():
            response = send(path, data or {})
            body = b"".join(response.streaming_content) if response.streaming else response.content
            inspected = inspect() if inspect else None
            transaction.set_rollback(True)
        return Answer(
            status=response.status_code,
            location=response.headers.get("Location", ""),
            body=body,
            content_type=response.headers.get("Content-Type", ""),
            inspected=inspected,
        )


def login_path() -> str:
    return reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL


def outcome(answer: Answer) -> str | int:
    """The result as the matrix writes it: "login" for a redirect to the login page, else the status."""
    if answer.status == 302 and answer.location.startswith(login_path()):
        return "login"
    return answer.status
