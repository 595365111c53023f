"""The production section of .env.example switches on what the embedded default leaves off."""

from tests.test_settings import clean_env, production_env, run

PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.OTP_REQUIRED_FOR_STAFF_ROLES, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.CLAMAV_SOCKET or '-')"
)


def test_production_requires_the_second_factor_and_secure_cookies():
    result = run(PRINT, clean_env(**production_env()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "31536000", "-"]


def test_the_embedded_default_leaves_the_second_factor_off_for_the_demo():
    result = run(PRINT, clean_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"
