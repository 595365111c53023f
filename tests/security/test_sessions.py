"""Sessions end by themselves and a login lockout ends after its cool-off (so an attacker cannot lock an
account for good). Single-use password reset links and revocation on the next request are tested in
tests/accounts."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def log_in(client, email, password="dialoog-demo", ip="10.9.9.9"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_a_session_ends_after_session_cookie_age(client, personas):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert log_in(client, personas.officer.email).status_code == 302
        clock.shift(timedelta(seconds=settings.SESSION_COOKIE_AGE - 60))
        assert client.get("/inkoper/").status_code == 200
        clock.shift(timedelta(seconds=61))
        response = client.get("/inkoper/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


def test_the_session_cookie_is_http_only_and_ends_with_the_browser(client, personas):
    response = log_in(client, personas.officer.email)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["max-age"] == ""  # no persistent cookie: it ends when the browser closes
    assert cookie["samesite"] == "Lax"


def test_a_lockout_ends_after_the_cool_off(client, personas):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, personas.officer.email, password="wrong")
        clock.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert log_in(client, personas.officer.email).status_code == 302


def test_attempts_during_the_lockout_restart_the_pause_for_that_address_only(client, personas):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(client, personas.officer.email, password="wrong")
        clock.shift(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
        assert log_in(client, personas.officer.email).status_code == 429  # the pause starts again
        clock.shift(timedelta(seconds=10))
        assert log_in(client, personas.officer.email).status_code == 429
        assert log_in(client, personas.officer.email, ip="10.8.8.8").status_code == 302
        clock.shift(settings.AXES_COOLOFF_TIME + timedelta(seconds=1))
        assert log_in(client, personas.officer.email).status_code == 302
