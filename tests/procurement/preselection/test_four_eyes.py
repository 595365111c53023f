"""Four-eyes: one officer proposes with reasons, a different officer confirms or sends back; the same
officer cannot confirm their own proposal (refused and audited); a sent-back proposal is revised."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from procurement.models import Assessment, Review
from procurement.services.preselection import Verdict, confirm_decision, propose_decision, send_back
from tests.procurement.factories_preselection import propose, verdicts

pytestmark = pytest.mark.django_db


def test_the_same_officer_cannot_confirm_their_own_proposal(world):
    review = propose(world.registration_a, world.officer)
    with pytest.raises(ValidationError, match="zelf voorgesteld"):
        confirm_decision(review, actor=world.officer)
    assert Review.objects.get(pk=review.pk).status == "proposed"
    entry = AuditEntry.objects.filter(action="preselection.confirm").get()
    assert entry.result == "refused" and entry.actor_id == world.officer.pk


def test_a_different_officer_confirms(world):
    review = propose(world.registration_a, world.officer)
    review = confirm_decision(review, actor=world.second_officer)
    assert (review.status, review.decided_by, review.outcome) == (
        "confirmed",
        world.second_officer,
        "admitted",
    )
    actions = list(
        AuditEntry.objects.filter(action__startswith="preselection.", result="success")
        .exclude(action="preselection.add_criterion")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["preselection.propose", "preselection.confirm"]
    with pytest.raises(ValidationError, match="geen voorstel"):
        confirm_decision(review, actor=world.second_officer)


def test_sent_back_the_proposal_is_revised_and_then_confirmed(world):
    review = propose(world.registration_a, world.officer, admitted=True)
    with pytest.raises(ValidationError, match="waarom"):
        send_back(review, actor=world.second_officer, remark="  ")
    with pytest.raises(ValidationError, match="zelf voorgesteld"):
        send_back(review, actor=world.officer, remark="Toch niet")
    review = send_back(review, actor=world.second_officer, remark="De referenties ontbreken.")
    assert (review.status, review.remark) == ("sent_back", "De referenties ontbreken.")
    with pytest.raises(ValidationError, match="teruggestuurd"):
        confirm_decision(review, actor=world.second_officer)
    revised = propose(world.registration_a, world.officer, admitted=False, motivation="Geen referenties.")
    assert revised.pk == review.pk and revised.status == "proposed" and revised.outcome == "not_admitted"
    assert Assessment.objects.filter(review=revised).count() == 2
    assert not Assessment.objects.filter(review=revised, passed=True).exists()
    confirmed = confirm_decision(revised, actor=world.second_officer)
    assert confirmed.status == "confirmed"


def test_a_proposal_cannot_be_overwritten_while_it_awaits_confirmation(world):
    propose(world.registration_a, world.officer)
    with pytest.raises(ValidationError, match="teruggestuurd"):
        propose(world.registration_a, world.second_officer, admitted=False)


def test_every_verdict_needs_a_reason_and_nothing_is_saved_without(world):
    given = verdicts(world.specific)
    first = world.criteria[0].pk
    given[first] = Verdict(passed=True, reason=" ")
    given.pop(world.criteria[1].pk)
    with pytest.raises(ValidationError) as refused:
        propose_decision(
            world.registration_a, actor=world.officer, verdicts=given, outcome="admitted", motivation=""
        )
    errors = refused.value.message_dict
    assert errors[f"reason_{first}"] == ["Geef de reden voor dit oordeel."]
    assert f"criterion_{world.criteria[1].pk}" in errors and "motivation" in errors
    assert not Review.objects.exists() and not Assessment.objects.exists()
    assert AuditEntry.objects.filter(action="preselection.propose", result="refused").exists()


def test_a_registration_failing_a_knockout_cannot_be_admitted(world):
    given = verdicts(world.specific)
    given[world.criteria[1].pk] = Verdict(passed=False, reason="Geen ervaring aangetoond.")
    with pytest.raises(ValidationError, match="knock-outcriterium"):
        propose_decision(
            world.registration_a, actor=world.officer, verdicts=given, outcome="admitted", motivation="Ok"
        )
    assert not Review.objects.exists()


def test_no_review_before_the_registration_period_ends(world):
    type(world.procurement).objects.filter(pk=world.procurement.pk).update(current_phase="registration")
    with pytest.raises(ValidationError, match="aanmeldtermijn"):
        propose(world.registration_a, world.officer)


def test_an_officer_of_another_region_cannot_review(world):
    with pytest.raises(ValidationError, match="beheert deze aanbesteding niet"):
        propose(world.registration_a, world.other_officer)
    review = propose(world.registration_a, world.officer)
    with pytest.raises(ValidationError):
        confirm_decision(review, actor=world.other_officer)
    assert Review.objects.get(pk=review.pk).status == "proposed"
