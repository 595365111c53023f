"""The permission matrix: every URL pattern of the project, requested GET and POST (an empty body, the
CSRF check off as in the test client) as every persona, must answer what the table below says. A pattern
without a row fails the test, so every new page must say who may see it: add one entry to EXPECTED.

The personas: anonymous, provider A, provider B, an officer of another region (Zaanstreek), an alderman
(Haarlem, in the procurement's region), an expert by experience, an assessor (ZK, appointed for the awarded
lot of the tender procurement, its scores submitted) and the owning officer (ZK). The results:
LOGIN (a redirect to the login page), 403 (a page of another role), 404 (another organisation's or region's
object: nothing tells that it exists), 405 (a wrong method), 200/302/400 for the rightful.
Provider A's confidential markers (tests/security/world.py) may reach only A and the owning officer."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests.security.matrix import (
    PERSONAS,
    PersonaClient,
    is_admin,
    named_routes,
    outcome,
)
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
    "assessor": "assessor",
    "owner": "officer",
}
ENTITLED = {"provider_a", "officer"}  # may see provider A's confidential data
NOT_SHOWN = {"address"}  # stored at sign-up, shown on no page yet; still checked never to leak


def expect(default: int | str, **by_persona: int | str) -> dict[str, int | str]:
    """The result per persona: ``default`` unless named (anon, a, b, other, alderman, expert, assessor,
    owner)."""
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
        arguments = [_attribute(world, attribute) for attribute in attributes]
        return reverse(name, args=[getattr(value, "pk", value) for value in arguments])

    return build


def _attribute(world, dotted: str):
    for part in dotted.split("."):
        world = getattr(world, part)
    return world


EXPECTED: dict[str, Row] = {
    # public and account pages
    "health": Row(get=expect(200), post=expect(405)),
    "set_language": Row(get=expect(302)),
    "accessibility": Row(get=expect(200), post=expect(405)),
    "accounts:login": Row(get=expect(302, anon=200)),
    "accounts:logout": Row(get=expect(405), post=expect(302)),
    "accounts:two_factor_verify": Row(get=expect(302, anon=LOGIN)),
    "accounts:two_factor_setup": Row(get=expect(302, anon=LOGIN, other=200, assessor=200, owner=200)),
    "accounts:password_reset": Row(get=expect(200)),
    "accounts:password_reset_done": Row(get=expect(200), post=expect(405)),
    "accounts:password_reset_confirm": Row(get=expect(200)),
    "accounts:password_reset_complete": Row(get=expect(200), post=expect(405)),
    "accounts:sign_up": Row(get=expect(302, anon=200)),
    # provider A's organisation: only its members; everyone else 404
    "accounts:organisation": Row(
        get=expect(404, anon=LOGIN, a=200),
        post=expect(405, anon=LOGIN),
        path=_url("accounts:organisation", "organisation_a"),
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
    "accounts:my_invitations": Row(get=expect(200, anon=LOGIN), post=expect(405, anon=LOGIN)),
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
        get=expect(200, anon=LOGIN, other=404, expert=404),
        post=expect(405, anon=LOGIN),
        path=_url("procurement:documents", "procurement"),
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
        get=expect(200, anon=LOGIN, other=404, expert=404, assessor=404),
        post=expect(405, anon=LOGIN),
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
        get=expect(200, anon=LOGIN, other=404, expert=404),
        post=expect(405, anon=LOGIN),
        path=_url("procurement:answers", "procurement"),
    ),
    # registration of interest: provider pages (403 for other roles), A's registration 404 for B;
    # A's registration is submitted, so its editing actions refuse (400) or send back (302)
    "procurement:my_registrations": Row(
        get=expect(403, anon=LOGIN, a=200, b=200), post=expect(403, anon=LOGIN, a=405, b=405)
    ),
    "procurement:registration_start": Row(
        get=expect(403, anon=LOGIN, a=200, b=200),
        path=_url("procurement:registration_start", "procurement", "specific"),
    ),
    "procurement:registration": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:registration", "registration"),
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
    "procurement:registration_invite_member": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_invite_member", "registration"),
    ),
    "procurement:registration_reinvite_member": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=400, b=404),
        path=_url("procurement:registration_reinvite_member", "registration", "partner_member"),
    ),
    # the invitation of A's own organisation (the lead): A may not withdraw it here (302 with the refusal)
    "procurement:registration_revoke_invitation": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=302, b=404),
        path=_url("procurement:registration_revoke_invitation", "registration", "invitation"),
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
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:registration_receipt", "registration"),
    ),
    "procurement:registration_document": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:registration_document", "registration", "declaration_document"),
    ),
    # the officer's view of the registrations: officer pages, another region's officer 404
    "procurement:registration_overview": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:registration_overview", "procurement", "integral"),
    ),
    "procurement:registration_officer_detail": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:registration_officer_detail", "procurement", "registration"),
    ),
    "procurement:registration_officer_document": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url(
            "procurement:registration_officer_document", "procurement", "registration", "declaration_document"
        ),
    ),
    "procurement:registration_questions": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:registration_questions", "procurement"),
    ),
    # procurement pages: providers read published procurements, officers manage their region's ones
    # (another region's officer 404), everyone reads the public pages
    "procurement:provider_list": Row(
        get=expect(403, anon=LOGIN, a=200, b=200), post=expect(403, anon=LOGIN, a=405, b=405)
    ),
    "procurement:detail": Row(
        get=expect(403, anon=LOGIN, a=200, b=200),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:detail", "procurement"),
    ),
    "procurement:register": Row(
        get=expect(403, anon=LOGIN, a=405, b=405),
        post=expect(403, anon=LOGIN, a=400, b=400),
        path=_url("procurement:register", "procurement"),
    ),
    "procurement:public_list": Row(get=expect(200), post=expect(405)),
    "procurement:public_detail": Row(
        get=expect(200), post=expect(405), path=_url("procurement:public_detail", "procurement")
    ),
    "procurement:officer_list": Row(
        get=expect(403, anon=LOGIN, other=200, owner=200), post=expect(403, anon=LOGIN, other=405, owner=405)
    ),
    "procurement:create": Row(get=expect(403, anon=LOGIN, other=200, owner=200)),
    "procurement:manage": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:manage", "procurement"),
    ),
    "procurement:edit": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200), path=_url("procurement:edit", "procurement")
    ),
    "procurement:publish": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("procurement:publish", "procurement"),
    ),
    "procurement:advance": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:advance", "procurement"),
    ),
    "procurement:phase_schedule": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:phase_schedule", "procurement", "phase_key"),
    ),
    "procurement:lot_add": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200), path=_url("procurement:lot_add", "procurement")
    ),
    "procurement:lot_suspend": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:lot_suspend", "procurement", "specific"),
    ),
    "procurement:lot_resume": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:lot_resume", "procurement", "specific"),
    ),
    "procurement:lot_split": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:lot_split", "procurement", "specific"),
    ),
    "procurement:decision_add": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:decision_add", "procurement"),
    ),
    "procurement:decision_edit": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("procurement:decision_edit", "procurement", "decision"),
    ),
    # preselection (a third procurement, its lot 2 decided and published): officer pages, another region's
    # officer 404, other roles 403; A's decision letter for A only, B 404
    "procurement:preselection_criteria": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:preselection_criteria", "preselection.procurement", "preselection.lot"),
    ),
    "procurement:preselection_settings": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("procurement:preselection_settings", "preselection.procurement", "preselection.lot"),
    ),
    "procurement:preselection_remove_criterion": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url(
            "procurement:preselection_remove_criterion", "preselection.procurement", "preselection.criterion"
        ),
    ),
    "procurement:preselection_review": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:preselection_review", "preselection.procurement", "preselection.registration"),
    ),
    "procurement:preselection_confirm": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url(
            "procurement:preselection_confirm", "preselection.procurement", "preselection.registration"
        ),
    ),
    "procurement:preselection_send_back": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url(
            "procurement:preselection_send_back", "preselection.procurement", "preselection.registration"
        ),
    ),
    "procurement:preselection_publish": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:preselection_publish", "preselection.procurement", "preselection.lot"),
    ),
    "procurement:preselection_letter": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:preselection_letter", "preselection.registration"),
    ),
    # tenders (a fourth procurement): lot 2 invited A only, whose tender is sealed until the deadline;
    # lot 1 opened, assessed and awarded to A. Provider pages 403 for other roles, A's tender, receipt and
    # letter 404 for B; officer pages 404 for another region's officer. The sealed vault refuses even the
    # owning officer (403) before the opening; the assessor, appointed for lot 1 only, gets 404 for lot 2's
    # sealed tender
    "procurement:my_tenders": Row(
        get=expect(403, anon=LOGIN, a=200, b=200), post=expect(403, anon=LOGIN, a=405, b=405)
    ),
    "procurement:tender_form": Row(
        get=expect(403, anon=LOGIN, a=200, b=404), path=_url("procurement:tender_form", "tenders.sealed")
    ),
    "procurement:tender_receipt": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:tender_receipt", "tenders.tender"),
    ),
    "procurement:award_letter": Row(
        get=expect(403, anon=LOGIN, a=200, b=404),
        post=expect(403, anon=LOGIN, a=405, b=405),
        path=_url("procurement:award_letter", "tenders.letter"),
    ),
    "procurement:tender_publish_invitation": Row(
        get=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("procurement:tender_publish_invitation", "tenders.procurement", "tenders.sealed"),
    ),
    "procurement:tender_vault": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:tender_vault", "tenders.procurement", "tenders.sealed"),
    ),
    "procurement:tender_start_opening": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("procurement:tender_start_opening", "tenders.procurement", "tenders.sealed"),
    ),
    "procurement:tender_confirm_opening": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("procurement:tender_confirm_opening", "tenders.procurement", "tenders.sealed"),
    ),
    "procurement:tender_opening_report": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:tender_opening_report", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_detail": Row(
        get=expect(403, anon=LOGIN, other=404, assessor=404),
        post=expect(403, anon=LOGIN, other=405, assessor=405, owner=405),
        path=_url("procurement:tender_detail", "tenders.tender"),
    ),
    "procurement:tender_file": Row(
        get=expect(403, anon=LOGIN, other=404, assessor=404),
        post=expect(403, anon=LOGIN, other=405, assessor=405, owner=405),
        path=_url("procurement:tender_file", "tenders.tender", "tenders.tender_file"),
    ),
    # the assessor's scoring page and its verbs (each its own URL, POST only): the assessor, appointed for
    # the awarded lot, has declared, scored and submitted, so each verb refuses (400); officer pages and
    # verbs 403 for every other role, another region's officer 404 (a GET of a verb 405)
    "procurement:tender_scoring": Row(
        get=expect(403, anon=LOGIN, assessor=200),
        post=expect(403, anon=LOGIN, assessor=405),
        path=_url("procurement:tender_scoring", "tenders.awarded"),
    ),
    "procurement:tender_scoring_declare": Row(
        get=expect(403, anon=LOGIN, assessor=405),
        post=expect(403, anon=LOGIN, assessor=400),
        path=_url("procurement:tender_scoring_declare", "tenders.awarded", "tenders.awarded_tender"),
    ),
    "procurement:tender_scoring_score": Row(
        get=expect(403, anon=LOGIN, assessor=405),
        post=expect(403, anon=LOGIN, assessor=400),
        path=_url("procurement:tender_scoring_score", "tenders.awarded", "tenders.awarded_tender"),
    ),
    "procurement:tender_scoring_submit": Row(
        get=expect(403, anon=LOGIN, assessor=405),
        post=expect(403, anon=LOGIN, assessor=400),
        path=_url("procurement:tender_scoring_submit", "tenders.awarded"),
    ),
    "procurement:tender_committee": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=405, owner=405),
        path=_url("procurement:tender_committee", "tenders.procurement", "tenders.awarded"),
    ),
    # the committee page's verbs, each its own URL (POST only): the awarded lot's award is published, so
    # each verb refuses or finds its form empty (400) for the owning officer
    "procurement:tender_committee_appoint": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_appoint", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_consensus": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url(
            "procurement:tender_committee_consensus",
            "tenders.procurement",
            "tenders.awarded",
            "tenders.awarded_tender",
        ),
    ),
    "procurement:tender_committee_prepare": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_prepare", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_publish": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_publish", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_objection": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_objection", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_resume": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_resume", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_final": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("procurement:tender_committee_final", "tenders.procurement", "tenders.awarded"),
    ),
    "procurement:tender_committee_compensate": Row(
        get=expect(403, anon=LOGIN, other=405, owner=405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url(
            "procurement:tender_committee_compensate",
            "tenders.procurement",
            "tenders.awarded",
            "organisation_a",
        ),
    ),
    # the dialogue (second procurement, A and B admitted to lot 1): A's bilateral session and its
    # material only for A and the officer, B gets 404; officer pages 403 for other roles
    "dialogue:index": Row(get=expect(302, anon=LOGIN, other=200, owner=200), post=expect(405)),
    "dialogue:participant": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    "dialogue:guest": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    "dialogue:my_calendar": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    "dialogue:planner": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(405),
        path=_url("dialogue:planner", "dialogue.procurement"),
    ),
    "dialogue:themes_seed": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("dialogue:themes_seed", "dialogue.procurement"),
    ),
    "dialogue:theme_new": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("dialogue:theme_new", "dialogue.procurement"),
    ),
    "dialogue:round_new": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("dialogue:round_new", "dialogue.procurement"),
    ),
    "dialogue:agreement_new": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("dialogue:agreement_new", "dialogue.procurement"),
    ),
    "dialogue:theme_edit": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200), path=_url("dialogue:theme_edit", "dialogue.theme")
    ),
    "dialogue:theme_move": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("dialogue:theme_move", "dialogue.theme"),
    ),
    "dialogue:theme_retire": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("dialogue:theme_retire", "dialogue.theme"),
    ),
    "dialogue:session_new": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200), path=_url("dialogue:session_new", "dialogue.round")
    ),
    "dialogue:session": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("dialogue:session", "dialogue.session"),
    ),
    "dialogue:session_ics": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("dialogue:session_ics", "dialogue.session"),
    ),
    "dialogue:session_rsvp": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=400, owner=400),
        path=_url("dialogue:session_rsvp", "dialogue.session"),
    ),
    "dialogue:session_paper": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=400, owner=400),
        path=_url("dialogue:session_paper", "dialogue.session"),
    ),
    "dialogue:session_guest": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:session_guest", "dialogue.session"),
    ),
    "dialogue:session_item": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:session_item", "dialogue.session"),
    ),
    "dialogue:minutes_edit": Row(
        get=expect(404, anon=LOGIN), path=_url("dialogue:minutes_edit", "dialogue.session")
    ),
    "dialogue:item": Row(
        get=expect(404, anon=LOGIN, owner=200), post=expect(405), path=_url("dialogue:item", "dialogue.item")
    ),
    "dialogue:item_document": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:item_document", "dialogue.item"),
    ),
    "dialogue:item_consent": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:item_consent", "dialogue.item"),
    ),
    "dialogue:item_reuse": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:item_reuse", "dialogue.item"),
    ),
    "dialogue:document_download": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("dialogue:document_download", "dialogue.document"),
    ),
    "dialogue:paper_download": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("dialogue:paper_download", "dialogue.paper"),
    ),
    "dialogue:minutes_send": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:minutes_send", "dialogue.minutes"),
    ),
    "dialogue:minutes_comment": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=400),
        path=_url("dialogue:minutes_comment", "dialogue.minutes"),
    ),
    "dialogue:minutes_fix": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:minutes_fix", "dialogue.minutes"),
    ),
    "dialogue:minutes_reopen": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:minutes_reopen", "dialogue.minutes"),
    ),
    "dialogue:comment_process": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=302),
        path=_url("dialogue:comment_process", "dialogue.comment"),
    ),
    "dialogue:agreement": Row(
        get=expect(404, anon=LOGIN, owner=200),
        post=expect(405),
        path=_url("dialogue:agreement", "dialogue.agreement"),
    ),
    "dialogue:agreement_edit": Row(
        get=expect(404, anon=LOGIN, owner=200), path=_url("dialogue:agreement_edit", "dialogue.agreement")
    ),
    "dialogue:agreement_status": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:agreement_status", "dialogue.agreement"),
    ),
    "dialogue:agreement_comment": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=400),
        path=_url("dialogue:agreement_comment", "dialogue.agreement"),
    ),
    "dialogue:lot_close": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, owner=302),
        path=_url("dialogue:lot_close", "dialogue.other_lot"),
    ),
    "dialogue:agreement_set_pdf": Row(
        get=expect(404, anon=LOGIN),
        post=expect(405),
        path=_url("dialogue:agreement_set_pdf", "dialogue.other_lot"),
    ),
    # contracts: A's contract (awarded lot 1 of the tender procurement) for A's members and the owning
    # officer, 404 for everyone else; officer pages 403 for other roles, another region's officer 404
    "contracts:register": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    "contracts:new": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200), path=_url("contracts:new", "tenders.procurement")
    ),
    "contracts:template": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        path=_url("contracts:template", "tenders.procurement"),
    ),
    "contracts:lot": Row(
        get=expect(403, anon=LOGIN, other=404, owner=200),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:lot", "tenders.awarded"),
    ),
    "contracts:detail": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("contracts:detail", "contract.contract"),
    ),
    "contracts:version_pdf": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("contracts:version_pdf", "contract.contract", "contract.version.number"),
    ),
    "contracts:version_new": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:version_new", "contract.contract"),
    ),
    "contracts:sign": Row(
        get=expect(405), post=expect(404, anon=LOGIN, a=400), path=_url("contracts:sign", "contract.contract")
    ),
    "contracts:countersign": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("contracts:countersign", "contract.contract"),
    ),
    "contracts:kpi_upload": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=400),
        path=_url("contracts:kpi_upload", "contract.contract"),
    ),
    "contracts:spend": Row(
        get=expect(405),
        post=expect(404, anon=LOGIN, a=400),
        path=_url("contracts:spend", "contract.contract"),
    ),
    "contracts:terminate": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("contracts:terminate", "contract.contract"),
    ),
    # a contract's evaluations: the officer, and the contract's provider read-only (closed ones' reports)
    "contracts:evaluations": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("contracts:evaluations", "draft_contract.contract"),
    ),
    "contracts:evaluation_report": Row(
        get=expect(404, anon=LOGIN, a=200, owner=200),
        post=expect(405),
        path=_url("contracts:evaluation_report", "draft_contract.contract", "draft_contract.closed_year"),
    ),
    # the officer's verbs on the contract (a refused step returns to the page with its message: 302)
    "contracts:evaluation_start": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:evaluation_start", "draft_contract.contract", "draft_contract.planned_year"),
    ),
    "contracts:evaluation_record": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("contracts:evaluation_record", "draft_contract.contract", "draft_contract.planned_year"),
    ),
    "contracts:evaluation_close": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:evaluation_close", "draft_contract.contract", "draft_contract.planned_year"),
    ),
    "contracts:end": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:end", "draft_contract.contract"),
    ),
    "contracts:kpi_direction": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("contracts:kpi_direction", "draft_contract.contract"),
    ),
    "contracts:party_add": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=400),
        path=_url("contracts:party_add", "draft_contract.contract"),
    ),
    "contracts:party_remove": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, owner=302),
        path=_url("contracts:party_remove", "draft_contract.contract", "draft_contract.partner"),
    ),
    # start pages per role
    "dashboards:home": Row(get=expect(302), post=expect(405)),
    "dashboards:public": Row(get=expect(302, anon=200), post=expect(405)),
    "dashboards:officer": Row(get=expect(403, anon=LOGIN, other=200, owner=200), post=expect(405)),
    "dashboards:alderman": Row(get=expect(403, anon=LOGIN, alderman=200), post=expect(405)),
    "dashboards:provider": Row(get=expect(403, anon=LOGIN, a=200, b=200), post=expect(405)),
    "dashboards:guest": Row(get=expect(403, anon=LOGIN, expert=200), post=expect(405)),
    "dashboards:assessor": Row(get=expect(403, anon=LOGIN, assessor=200), post=expect(405)),
    "dashboards:no_role": Row(get=expect(200, anon=LOGIN), post=expect(405)),
    # council reports: the region's alderman and officer; another region's officer 404
    "dashboards:request_council_report": Row(
        get=expect(405),
        post=expect(403, anon=LOGIN, other=404, alderman=302, owner=302),
        path=_url("dashboards:request_council_report", "procurement"),
    ),
    "dashboards:council_report": Row(
        get=expect(403, anon=LOGIN, other=404, alderman=200, owner=200),
        post=expect(405),
        path=_url("dashboards:council_report", "report"),
    ),
    # the audit trail: officers, each of their own procurements (another officer's search finds nothing)
    "dashboards:audit": Row(get=expect(403, anon=LOGIN, other=200, owner=200), post=expect(405)),
    "dashboards:audit_export": Row(get=expect(403, anon=LOGIN, other=200, owner=200), post=expect(405)),
}


def path_of(route, world) -> str:
    row = EXPECTED[route.name]
    return row.path(world) if row.path else route.path


def test_every_url_pattern_has_a_row():
    """A new page must say, here, what every persona gets."""
    names = {route.name for route in named_routes()}
    unnamed = [r.route for r in all_routes() if not r.name and not is_admin(r)]
    assert unnamed == [], "name these URL patterns, so that the matrix can list them"
    assert sorted(names - set(EXPECTED)) == [], "add a row to EXPECTED for these URL patterns"
    assert sorted(set(EXPECTED) - names) == [], "these rows have no URL pattern any more"
    unreachable = [r.name for r in named_routes() if r.path is None and EXPECTED[r.name].path is None]
    assert unreachable == [], "these rows need a path built from the world's objects"


@pytest.fixture
def world(personas):
    return build_world(personas)


def leaked(answer) -> list[str]:
    text = answer.body + answer.location.encode()
    return [name for name, marker in MARKERS.items() if marker.encode() in text]


def walk(world, persona: str) -> tuple[list[str], list[str], set[str]]:
    """Request every pattern GET and POST as ``persona``: the answers that differ from the table, the
    answers that show one of A's markers, and which markers were seen."""
    client = PersonaClient(world, persona)
    wrong, leaks, seen = [], [], set()
    for route in named_routes():
        if route.name not in EXPECTED:
            continue  # reported by test_every_url_pattern_has_a_row
        row = EXPECTED[route.name]
        path = path_of(route, world)
        for method, expected in (("GET", row.get), ("POST", row.post or row.get)):
            answer = client.request(method, path)
            if outcome(answer) != expected[persona]:
                wrong.append(
                    f"{method} {path} ({route.name}) as {persona}: {outcome(answer)},"
                    f" expected {expected[persona]}"
                )
            found = leaked(answer)
            seen.update(found)
            if found and persona not in ENTITLED:
                leaks.append(f"{method} {path} ({route.name}) shows {found} to {persona}")
    return wrong, leaks, seen


def test_every_persona_gets_what_the_matrix_says_and_no_confidential_data(world):
    """One world for all personas: every request is undone, so none sees another's changes."""
    wrong, leaks = [], []
    for persona in PERSONAS:
        persona_wrong, persona_leaks, seen = walk(world, persona)
        wrong += persona_wrong
        leaks += persona_leaks
        if persona == "provider_a":
            # the markers are really reachable, so their absence elsewhere means something
            assert seen == set(MARKERS) - NOT_SHOWN
    assert wrong == []
    assert leaks == []


def test_the_admin_requires_an_administrators_login(world):
    refused = []
    for persona in PERSONAS:
        client = PersonaClient(world, persona)
        for route in all_routes():
            if not is_admin(route) or route.path is None or route.name in ("admin:login", "admin:logout"):
                continue
            answer = client.request("GET", route.path)
            if not (answer.status == 302 and answer.location.startswith(reverse("admin:login"))):
                refused.append(f"{route.path} as {persona}: {answer.status} {answer.location}")
    assert refused == []
