"""Each verb of the committee page and of the scoring page has its own URL (POST only): done, back to the
page with a Dutch message; bad input or a refusal, the page again with its errors (400), nothing saved.
Who may not use them is in the permission matrix (tests/security/test_permission_matrix.py)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from procurement.models import (
    AssessorAppointment,
    AwardDecision,
    ConflictDeclaration,
    ConsensusScore,
    Objection,
)
from procurement.services.assessment import appoint_assessor
from tests.factories import UserFactory
from tests.procurement.factories_tenders import assess_fully, open_vault, prepare, submit
from tests.procurement.tenders.test_committee_pages import committee_verb, score_data, scoring_verb


@pytest.fixture
def opened(world, client):
    world.tender_a = submit(world.lot, world.provider_a, world.organisation_a)
    world.tender_b = submit(world.lot, world.provider_b, world.organisation_b)
    open_vault(world)
    world.committee_url = reverse("procurement:tender_committee", args=[world.procurement.pk, world.lot.pk])
    world.scoring_url = reverse("procurement:tender_scoring", args=[world.lot.pk])
    client.force_login(world.officer)
    return world


@pytest.fixture
def appointed(opened, client):
    opened.appointment = appoint_assessor(opened.lot, user=opened.assessor, actor=opened.officer)
    client.force_login(opened.assessor)
    return opened


def test_a_verb_done_returns_to_the_committee_page_with_a_message(client, opened):
    response = client.post(committee_verb(opened, "appoint"), {"user": opened.assessor.pk}, follow=True)
    assert response.redirect_chain == [(opened.committee_url, 302)]
    assert "is benoemd als beoordelaar" in response.content.decode()
    assert AssessorAppointment.objects.filter(lot=opened.lot, user=opened.assessor).exists()


def test_an_invalid_form_is_answered_on_the_committee_page_and_saves_nothing(client, opened):
    response = client.post(committee_verb(opened, "appoint"), {"user": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    assert response.context["appoint_form"].errors
    assert not AssessorAppointment.objects.exists()

    url = committee_verb(opened, "consensus", opened.tender_a.pk)
    response = client.post(url, score_data(opened.lot, f"c{opened.tender_a.pk}", "12", "1"))
    assert response.status_code == 400
    assert "hoogstens 10" in response.content.decode()
    shown = dict(response.context["consensus_forms"])
    assert shown[opened.tender_a].is_bound and not shown[opened.tender_b].is_bound
    assert not ConsensusScore.objects.exists()

    response = client.post(committee_verb(opened, "prepare"), {"grounds": "Beste plan"})
    assert response.status_code == 400
    assert response.context["award_form"].errors.keys() == {"winners", "advantages", "decided_on"}
    assert not AwardDecision.objects.exists()


def test_a_refusal_is_answered_on_the_committee_page_with_its_message_and_recorded(client, opened):
    url = committee_verb(opened, "consensus", opened.tender_a.pk)
    response = client.post(url, score_data(opened.lot, f"c{opened.tender_a.pk}", "8", "6"))
    assert response.status_code == 400
    assert "Elke beoordelaar moet zijn scores indienen" in response.content.decode()
    assert not ConsensusScore.objects.exists()
    assert AuditEntry.objects.filter(action="tender.consensus", result="refused").count() == 1

    appoint_assessor(opened.lot, user=opened.assessor, actor=opened.officer)
    response = client.post(committee_verb(opened, "appoint"), {"user": opened.assessor.pk})
    assert response.status_code == 400
    assert "Deze beoordelaar is al benoemd voor dit perceel." in response.content.decode()
    assert AssessorAppointment.objects.count() == 1


def test_the_award_verbs_each_at_their_own_url(client, opened, django_capture_on_commit_callbacks):
    assess_fully(opened, {opened.tender_a: ("8", "6"), opened.tender_b: ("6", "10")}, [opened.assessor])
    assert client.post(committee_verb(opened, "publish")).status_code == 404  # nothing prepared yet
    decision = prepare(opened)
    response = client.post(committee_verb(opened, "resume"))
    assert response.status_code == 400 and "Deze gunning is niet opgeschort." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(committee_verb(opened, "publish"), follow=True)
    assert "De gunning is bekendgemaakt" in response.content.decode()
    response = client.post(committee_verb(opened, "final"))
    assert (
        response.status_code == 400 and "De opschortingstermijn loopt tot en met" in response.content.decode()
    )
    response = client.post(committee_verb(opened, "objection"), {"organisation": opened.organisation_a.pk})
    assert response.status_code == 400 and response.context["objection_form"].errors
    objection = {"organisation": opened.organisation_a.pk, "kind": "objection", "description": "Onjuist"}
    response = client.post(committee_verb(opened, "objection"), objection, follow=True)
    assert "Het bezwaar is geregistreerd" in response.content.decode()
    assert Objection.objects.filter(award=decision).count() == 1
    response = client.post(committee_verb(opened, "resume"), follow=True)
    assert "De opschorting is beëindigd" in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == AwardDecision.Status.PUBLISHED


def test_cost_compensation_of_a_tenderer_is_refused_on_the_page(client, opened):
    response = client.post(committee_verb(opened, "compensate", opened.organisation_a.pk))
    assert response.status_code == 400
    assert "tegemoetkoming" in response.content.decode()
    assert AuditEntry.objects.filter(action="tender.compensation", result="refused").count() == 1


def test_the_committee_page_takes_no_verbs_and_the_verbs_no_get(client, opened):
    assert (
        client.post(opened.committee_url, {"action": "appoint", "user": opened.assessor.pk}).status_code
        == 405
    )
    assert not AssessorAppointment.objects.exists()
    assert client.get(committee_verb(opened, "appoint")).status_code == 405


def test_the_scoring_verbs_each_at_their_own_url(client, appointed):
    url = scoring_verb(appointed, "score", appointed.tender_a.pk)
    response = client.post(url, score_data(appointed.lot, f"t{appointed.tender_a.pk}", "8", "6"))
    assert response.status_code == 400
    assert "Verklaar eerst dat u geen belangenverstrengeling hebt" in response.content.decode()

    response = client.post(scoring_verb(appointed, "declare", appointed.tender_a.pk), {"has_conflict": "on"})
    assert response.status_code == 400
    assert "Licht de belangenverstrengeling toe." in response.content.decode()
    assert not ConflictDeclaration.objects.exists()

    response = client.post(scoring_verb(appointed, "declare", appointed.tender_a.pk), follow=True)
    assert response.redirect_chain == [(appointed.scoring_url, 302)]
    assert "Uw verklaring voor Aanbieder A is opgeslagen." in response.content.decode()

    response = client.post(url, score_data(appointed.lot, f"t{appointed.tender_a.pk}", "12", "6"))
    assert response.status_code == 400 and "hoogstens 10" in response.content.decode()
    rows = {row["tender"]: row for row in response.context["rows"]}
    assert rows[appointed.tender_a]["score_form"].is_bound

    response = client.post(url, score_data(appointed.lot, f"t{appointed.tender_a.pk}", "8", "6"), follow=True)
    assert "Uw scores voor Aanbieder A zijn opgeslagen." in response.content.decode()

    response = client.post(scoring_verb(appointed, "submit"))
    assert response.status_code == 400  # tender B is not scored yet
    appointed.appointment.refresh_from_db()
    assert appointed.appointment.scores_submitted_at is None


def test_the_scoring_page_takes_no_verbs(client, appointed):
    response = client.post(appointed.scoring_url, {"action": "declare", "submission": appointed.tender_a.pk})
    assert response.status_code == 405
    assert not ConflictDeclaration.objects.exists()


def test_an_assessor_not_appointed_for_the_lot_finds_no_scoring_verb(client, appointed):
    other = UserFactory(email="assessor2@zk.test", roles=[Role.ASSESSOR])
    client.force_login(other)
    tender = appointed.tender_a.pk
    assert client.post(scoring_verb(appointed, "declare", tender)).status_code == 404
    assert client.post(scoring_verb(appointed, "score", tender)).status_code == 404
    assert client.post(scoring_verb(appointed, "submit")).status_code == 404
    assert not ConflictDeclaration.objects.exists()
