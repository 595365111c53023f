"""What a logged-in browser sends, for requests made from outside the test client (wrk, the surge)."""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.test import Client


@dataclass(frozen=True)
class Browser:
    session: str
    csrf: str  # an unmasked secret of 32 characters: valid in the cookie and in a form alike

    @property
    def cookie(self) -> str:
        return f"{settings.SESSION_COOKIE_NAME}={self.session}; {settings.CSRF_COOKIE_NAME}={self.csrf}"


def log_in(user) -> Browser:
    """A browser session of ``user`` with its CSRF cookie, as after the login form."""
    client = Client()
    client.force_login(user)
    return Browser(session=client.cookies[settings.SESSION_COOKIE_NAME].value, csrf=secrets.token_hex(16))
