"""Bad input at scale: every POST form the walk finds, filled with generated input (unicode, control
characters, very long text, numbers, dates, nothing) by the persona entitled to it, never answers 500 and
never half-saves: a request that does not succeed (no redirect) changes nothing but the audit trail."""

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.forms import post_forms
from tests.security.matrix import PersonaClient, named_routes
from tests.security.test_permission_matrix import EXPECTED, path_of
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# whom to fill in a form as: the first persona in this order that sees it
RIGHTFUL = ["officer", "provider_a", "provider_b", "alderman", "expert", "other_officer", "anonymous"]
SKIPPED = {"/account/logout/", "/i18n/setlang/"}  # leaving the session is not input
# what a refused request may still write: its refusal in the audit trail, login attempts and sessions
BOOKKEEPING = {
    "otp_totp.totpdevice",  # the unconfirmed device that holds the secret while 2FA is being set up
    "audit.auditentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    "sessions.session",
}

VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "So", "Lo"]), max_size=20),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["", " ", "0", "-1", "1e9", "31-02-2026", "2026-13-45", "ja", "on", "x" * 5000]),
    st.text(min_size=1, max_size=3).map(lambda text: text * 3000),
)


def counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def form_targets(world):
    """(persona, action, field names) for every POST form on every page anyone may open; a form that
    several personas see is filled in by the first of RIGHTFUL."""
    targets, seen = [], set()
    for route in named_routes():
        row = EXPECTED.get(route.name)
        if row is None:
            continue
        path = path_of(route, world)
        for persona in (p for p in RIGHTFUL if row.get[p] == 200):
            page = PersonaClient(world, persona).request("GET", path)
            if not page.content_type.startswith("text/html"):
                continue
            for form in post_forms(page.body.decode(), path):
                key = (form.action, tuple(form.fields))
                if form.action not in SKIPPED and form.fields and key not in seen:
                    seen.add(key)
                    targets.append((persona, form.action, form.fields))
    return targets


def test_generated_input_to_every_form_never_fails_or_half_saves(personas):
    world = build_world(personas)
    targets = form_targets(world)
    assert len(targets) >= 10  # the walk found the forms
    clients = {persona: PersonaClient(world, persona) for persona, _, _ in targets}
    problems = []

    for persona, action, fields in targets:

        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(st.fixed_dictionaries({name: VALUES for name in fields}))
        def post(data):
            before = counts()
            answer = clients[persona].request("POST", action, data, inspect=counts)
            changed = {label for label, number in answer.inspected.items() if before[label] != number}
            if answer.status >= 500:
                problems.append(f"{action} as {persona}: {answer.status} for {data!r:.300}")
            elif answer.status != 302 and changed - BOOKKEEPING:
                problems.append(f"{action} as {persona}: refused but changed {changed} for {data!r:.300}")

        post()
    assert problems == []
