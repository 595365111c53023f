"""The permission matrix: every URL pattern of the project, requested GET and POST (an empty body, the
CSRF check off as in the test client) as every persona, must answer what the table below says. A pattern
without a row fails the test, so every new page must say who may see it: add one entry to EXPECTED.

The personas: anonymous, provider A, provider B, an officer of another region (Zaanstreek), an alderman
(Haarlem, in the procurement's region), an expert by experience and the owning officer (ZK). The results:
LOGIN (a redirect to the login page), 403 (a page of another role), 404 (another organisation's or region's
object: nothing tells that it exists), 405 (a wrong method), 200/302/400 for the rightful.
Provider A's confidential markers (tests/security/world.py) may reach only A and the owning officer."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests.security.matrix import PERSONAS, PersonaClient, is_admin, outcome, project_routes
from tests.security.urlwalk import all_routes
from tests.security.world import MARKERS, build_world

pytestmark = pytest.mark.django_db

LOGIN = "login"
SAME = None  # the POST answers as the GET
ABBREVIATIONS = {
    "anon": "anonymous",
    "a": "provider_a",
    "b": "provider_b",
    "other": "other_officer",
    "alderman": "alderman",
    "expert": "expert",
    "owner": "officer",
}
ENTITLED = {"provider_a", "officer"}  # may see provider A's confidential data
NOT_SHOWN = {"address"}  # stored at sign-up, shown on no page yet; still checked never to leak


def expect(default: int | str, **by_persona: int | str) -> dict[str, int | str]:
    """The result per persona: ``default`` unless named (anon, a, b, other, alderman, expert, owner)."""
    unknown = set(by_persona) - set(ABBREVIATIONS)
    assert not unknown, f"unknown personas {unknown}"
    return {persona: by_persona.get(short, default) for short, persona in ABBREVIATIONS.items()}


@dataclass
class Row:
    get: dict[str, int | str]
    post: dict[str, int | str] | None = SAME
    # the path to request, built from the world; patterns without arguments are reversed as they are
    path: Callable | None = field(default=None, repr=False)


def _url(name: str, *attributes: str) -> Callable:
    """The path of ``name`` with the world's objects named by ``attributes`` as arguments."""

    def build(world) -> str:
        arguments = [getattr(world, attribute) for attribute in attributes]
        return reverse(name, args=[getattr(value, "pk", value) for value in arguments])

    return build


EXPECTED: dict[str, Row] = {
    # public and account pages
    "health": Row(get=expect(200), post=expect(405)),
    "set_language": Row(get=expect(302)),
    "accessibility": Row(get=expect(200), post=expect(405)),
    "accounts:login": Row(get=expect(302, anon=200)),
    "accounts:logout": Row(get=expect(405), post=expect(302)),
    "accounts:two_factor_verify": Row(get=expect(302, anon=LOGIN)),
    "accounts:two_factor_setup": Row(get=expect(302, anon=LOGIN, other=200, owner=200)),
    "accounts:password_reset": Row(get=expect(200)),
    "accounts:password_reset_done": Row(get=expect(200), post=expect(405)),
    "accounts:password_reset_confirm": Row(get=expect(200)),
    "accounts:password_reset_complete": Row(get=expect(200), post=expect(405)),
    "accounts:sign_up": Row(get=expect(302, anon=200)),
    # provider A's organisation: only its members; everyone else 404
    "accounts:organisation": Row(
        get=expect(404, anon=LOGIN, a=200), path=_url("accounts:organisation", "organisation_a")
    ),
    "accounts:organisation_invite": Row(
        get=expect(404, anon=LOGIN, a=200), path=_url("accounts:organisation_invite", "organisation_a")
    ),
    "accounts:organisation_membership": Row(
        get=expect(404, anon=LOGIN, a=200),
        path=_url("accounts:organisation_membership", "organisation_a", "colleague"),
    ),
    "accounts:organisation_membership_remove": Row(
        get=expect(404, anon=LOGIN, a=200),
        post=expect(404, anon=LOGIN, a=302),
        path=_url("accounts:organisation_membership_remove", "organisation_a", "colleague"),
    ),
    "accounts:organisation_invitation_revoke": Row(
        get=expect(405, anon=LOGIN),
        post=expect(404, anon=LOGIN, a=302),
        path=_url("accounts:organisation_invitation_revoke", "organisation_a", "invitation"),
    ),
    # the invitation (to B's address): the token is the key; another signed-in person gets 410 Gone
    "accounts:invitation_accept": Row(
        get=expect(410, anon=200, b=200),
        post=expect(410, anon=200, b=302),
        path=_url("accounts:invitation_accept", "invitation_token"),
    ),
    "accounts:my_invitations": Row(get=expect(200, anon=LOGIN)),
    "accounts:invitation_accept_mine": Row(
        get=expect(405, anon=LOGIN),
        post=expect(404, anon=LOGIN, b=302),
        path=_url("accounts:invitation_accept_mine", "invitation"),
    ),
    "accounts:notifications": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    "accounts:notification_read": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=302),
        path=_url("accounts:notification_read", "notification"),
    ),
    "accounts:notifications_read_all": Row(get=expect(405), post=expect(302, anon=LOGIN)),
    # documents: registered providers and the region's alderman read published ones; the officer manages
    "procurement:documents": Row(
        get=expect(200, anon=LOGIN, other=404, expert=404), path=_url("procurement:documents", "procurement")
    ),
    "procurement:document_create": Row(
        get=expect(404, anon=LOGIN, owner=200), path=_url("procurement:document_create", "procurement")
    ),
    "procurement:document_detail": Row(
        get=expect(404, anon=LOGIN, owner=200),
        path=_url("procurement:document_detail", "procurement", "published"),
    ),
    "procurement:version_publish": Row(
        get=expect(405, anon=LOGIN),
        post=expect(404, anon=LOGIN, owner=302),
        path=_url("procurement:version_publish", "procurement", "draft_version"),
    ),
    "procurement:version_download": Row(
        get=expect(200, anon=LOGIN, other=404, expert=404),
        path=_url("procurement:version_download", "published_version"),
    ),
    # questions: registered providers ask (and see their own), the officer answers and publishes
    "procurement:questions": Row(
        get=expect(404, anon=LOGIN, a=200, b=200, owner=200),
        path=_url("procurement:questions", "procurement"),
    ),
    "procurement:question_answer": Row(
        get=expect(404, anon=LOGIN, owner=200),
        path=_url("procurement:question_answer", "procurement", "open_question"),
    ),
    "procurement:round_publish": Row(
        get=expect(405, anon=LOGIN),
        post=expect(404, anon=LOGIN, owner=302),
        path=_url("procurement:round_publish", "procurement", "draft_round"),
    ),
    "procurement:answers": Row(
        get=expect(200, anon=LOGIN, other=404, expert=404), path=_url("procurement:answers", "procurement")
    ),
    # registration of interest: provider pages (403 for other roles), A's registration 404 for B;
    # A's registration is submitted, so its editing actions refuse (400) or send back (302)
    "procurement:my_registrations": Row(get=expect(403, anon=LOGIN, a=200, b=200)),
    "procurement:registration_start": Row(
        get=expect(403, anon=LOGIN, a=200, b=200),
        path=_url("procurement:registration_start", "procurement", "specific"),
    ),
    "procurement:registration": Row(
        get=expect(403, anon=LOGIN, a=200, b=404), path=_url("procurement:registration", "registration")
    ),
    "procurement:registration_change_form": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=302, b=404),
        path=_url("procurement:registration_change_form", "registration"),
    ),
    "procurement:registration_add_member": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_add_member", "registration"),
    ),
    "procurement:registration_remove_member": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=302, b=404),
        path=_url("procurement:registration_remove_member", "registration", "partner_member"),
    ),
    "procurement:registration_care_types": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=302, b=404),
        path=_url("procurement:registration_care_types", "registration", "lead"),
    ),
    "procurement:registration_declaration": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_declaration", "registration", "lead"),
    ),
    "procurement:registration_submit": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_submit", "registration"),
    ),
    "procurement:registration_withdraw": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_withdraw", "registration"),
    ),
    "procurement:registration_receipt": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        path=_url("procurement:registration_receipt", "registration"),
    ),
    "procurement:registration_document": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        path=_url("procurement:registration_document", "registration", "declaration_document"),
    ),
    # the officer's view of the registrations: officer pages, another region's officer 404
    "procurement:registration_overview": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:registration_overview", "procurement", "integral"),
    ),
    "procurement:registration_officer_detail": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:registration_officer_detail", "procurement", "registration"),
    ),
    "procurement:registration_officer_document": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url(
            "procurement:registration_officer_document", "procurement", "registration", "declaration_document"
        ),
    ),
    "procurement:registration_questions": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:registration_questions", "procurement"),
    ),
    # start pages per role
    "dashboards:home": Row(get=expect(302)),
    "dashboards:public": Row(get=expect(302, anon=200)),
    "dashboards:officer": Row(get=expect(403, anon=LOGIN, other=200, owner=200)),
    "dashboards:alderman": Row(get=expect(403, anon=LOGIN, alderman=200)),
    "dashboards:provider": Row(get=expect(403, anon=LOGIN, a=200, b=200)),
    "dashboards:guest": Row(get=expect(403, anon=LOGIN, expert=200)),
    "dashboards:assessor": Row(get=expect(403, anon=LOGIN)),
    "dashboards:no_role": Row(get=expect(200, anon=LOGIN)),
    # council reports: the region's alderman and officer; another region's officer 404
    "dashboards:request_council_report": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, alderman=302, owner=302),
        path=_url("dashboards:request_council_report", "procurement"),
    ),
    "dashboards:council_report": Row(
        get=expect(403, anon=LOGIN, other=404, alderman=200, owner=200),
        path=_url("dashboards:council_report", "report"),
    ),
    # the audit trail: officers, each of their own procurements (another officer's search finds nothing)
    "dashboards:audit": Row(get=expect(403, anon=LOGIN, other=200, owner=200)),
    "dashboards:audit_export": Row(get=expect(403, anon=LOGIN, other=200, owner=200)),
}


def path_of(route, world) -> str:
    row = EXPECTED[route.name]
    return row.path(world) if row.path else route.path


def test_every_url_pattern_has_a_row():
    """A new page must say, here, what every persona gets."""
    names = {route.name for route in project_routes()}
    unnamed = [r.route for r in all_routes() if not r.name and not is_admin(r)]
    assert unnamed == [], "name these URL patterns, so that the matrix can list them"
    assert sorted(names - set(EXPECTED)) == [], "add a row to EXPECTED for these URL patterns"
    assert sorted(set(EXPECTED) - names) == [], "these rows have no URL pattern any more"
    unreachable = [r.name for r in project_routes() if r.path is None and EXPECTED[r.name].path is None]
    assert unreachable == [], "these rows need a path built from the world's objects"


@pytest.fixture
def world(personas):
    return build_world(personas)


def leaked(answer) -> list[str]:
    text = answer.body + answer.location.encode()
    return [name for name, marker in MARKERS.items() if marker.encode() in text]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_what_the_matrix_says_and_no_confidential_data(world, persona):
    client = PersonaClient(world, persona)
    wrong, leaks, seen = [], [], set()
    for route in project_routes():
        if route.name not in EXPECTED:
            continue  # reported by test_every_url_pattern_has_a_row
        row = EXPECTED[route.name]
        path = path_of(route, world)
        for method, expected in (("GET", row.get), ("POST", row.post or row.get)):
            answer = client.request(method, path)
            if outcome(answer) != expected[persona]:
                wrong.append(
                    f"{method} {path} ({route.name}): {outcome(answer)}, expected {expected[persona]}"
                )
            found = leaked(answer)
            seen.update(found)
            if found and persona not in ENTITLED:
                leaks.append(f"{method} {path} ({route.name}) shows {found}")
    assert wrong == []
    assert leaks == []
    if persona == "provider_a":
        # the markers are really reachable, so their absence elsewhere means something
        assert seen == set(MARKERS) - NOT_SHOWN


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_requires_an_administrators_login(world, persona):
    client = PersonaClient(world, persona)
    refused = []
    for route in all_routes():
        if not is_admin(route) or route.path is None:
            continue
        if route.name in ("admin:login", "admin:logout"):
            continue
        answer = client.request("GET", route.path)
        if not (answer.status == 302 and answer.location.startswith(reverse("admin:login"))):
            refused.append(f"{route.path}: {answer.status} {answer.location}")
    assert refused == []
