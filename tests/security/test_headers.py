"""Security headers on every page: a Content Security Policy without 'unsafe-inline', no framing,
Permissions-Policy, Referrer-Policy and nosniff; and no inline code in the pages themselves."""

from pathlib import Path

import pytest
from django.test import Client

from tests.security.inline_code import inline_code
from tests.security.urlwalk import all_routes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PERSONAS = ["officer", "other_officer", "alderman", "expert", "assessor", "provider_a", "provider_b"]


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict_policy(response, where: str) -> None:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {where}"
    policy = directives(header)
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header, where
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_every_page_has_the_security_headers(client):
    response = client.get("/account/login/")
    assert response.status_code == 200
    assert_strict_policy(response, "the login page")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(
        item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()"


def test_base_template_has_no_inline_code_and_tells_htmx_not_to_inject_styles():
    source = (ROOT / "templates" / "base.html").read_text()
    assert inline_code(source) == []
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in source
    assert "{% htmx_script %}" in source


def test_inline_code_finder_finds_what_the_policy_blocks():
    html = (
        '<script>alert(1)</script><style>p{}</style><p style="color:red" onclick="x()">'
        '<a href="javascript:x()">x</a><script src="/static/ok.js"></script>'
        '<script type="application/json">{"data": 1}</script>'
    )
    assert len(inline_code(html)) == 5


def test_every_url_pattern_can_be_walked():
    """A new URL pattern whose arguments the walk cannot fill fails here, so the walk stays complete."""
    missing = [r.route for r in all_routes() if r.path is None and not r.route.startswith("beheer/")]
    assert missing == []


def walk_as(client: Client, who: str) -> tuple[int, list[str]]:
    """GET every URL; every HTML answer must carry the strict policy, and every page (the admin's too)
    must contain no inline code. Returns how many pages answered 200 and the problems found."""
    pages, problems = 0, []
    for route in all_routes():
        if route.path is None:
            continue
        response = client.get(route.path)
        if not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        where = f"{route.path} as {who} ({response.status_code})"
        assert_strict_policy(response, where)
        if response.status_code == 200:
            pages += 1
            problems.extend(f"{where}: {found}" for found in inline_code(response.content.decode()))
    return pages, problems


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS, "administrator"])
def test_every_html_page_has_a_strict_policy_and_no_inline_code(client, personas, administrator, persona):
    if persona == "administrator":
        client.force_login(administrator)
    elif persona != "anonymous":
        client.force_login(getattr(personas, persona))
    pages, problems = walk_as(client, persona)
    assert problems == []
    assert pages >= 3  # the walk reached real pages, not only redirects
