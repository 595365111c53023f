"""The assessment: conflicts declared before scoring, individual scores hidden from the other assessors
until one's own are submitted, consensus by the chair, weighted totals and ranking."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from procurement.access import visible_scores
from procurement.models import IndividualScore
from procurement.queries import ranking
from procurement.services.assessment import (
    appoint_assessor,
    declare_conflict,
    record_consensus,
    score_tender,
    submit_scores,
)
from tests.factories import UserFactory
from tests.procurement.factories_tenders import assess_fully, open_vault, scores_for, submit


@pytest.fixture
def opened(world):
    world.tender_a = submit(world.lot, world.provider_a, world.organisation_a)
    world.tender_b = submit(world.lot, world.provider_b, world.organisation_b)
    world.assessor2 = UserFactory(email="assessor2@zk.test", roles=[Role.ASSESSOR])
    open_vault(world)
    return world


def test_only_users_with_the_assessor_role_can_be_appointed_by_an_officer(opened):
    with pytest.raises(ValidationError):
        appoint_assessor(opened.lot, user=opened.provider_a, actor=opened.officer)
    with pytest.raises(ValidationError):
        appoint_assessor(opened.lot, user=opened.assessor, actor=opened.other_officer)


def test_scoring_needs_a_declaration_without_conflict_first(opened):
    appointment = appoint_assessor(opened.lot, user=opened.assessor, actor=opened.officer)
    with pytest.raises(ValidationError) as refused:
        score_tender(
            appointment, opened.tender_a, scores=scores_for(opened.lot, "8", "6"), actor=opened.assessor
        )
    assert "belangenverstrengeling" in refused.value.messages[0]
    declare_conflict(
        appointment, opened.tender_a, has_conflict=True, explanation="Oud-werkgever", actor=opened.assessor
    )
    with pytest.raises(ValidationError):
        score_tender(
            appointment, opened.tender_a, scores=scores_for(opened.lot, "8", "6"), actor=opened.assessor
        )
    assert not IndividualScore.objects.exists()


def test_a_score_outside_0_to_10_or_without_motivation_is_refused(opened):
    appointment = appoint_assessor(opened.lot, user=opened.assessor, actor=opened.officer)
    declare_conflict(appointment, opened.tender_a, has_conflict=False, explanation="", actor=opened.assessor)
    for quality in ["11", "-1"]:
        with pytest.raises(ValidationError):
            score_tender(
                appointment,
                opened.tender_a,
                scores=scores_for(opened.lot, quality, "6"),
                actor=opened.assessor,
            )
    bad = {pk: (score, "") for pk, (score, _m) in scores_for(opened.lot, "8", "6").items()}
    with pytest.raises(ValidationError):
        score_tender(appointment, opened.tender_a, scores=bad, actor=opened.assessor)
    assert not IndividualScore.objects.exists()


def test_assessors_cannot_see_each_others_scores_until_they_submitted_their_own(opened):
    first = appoint_assessor(opened.lot, user=opened.assessor, actor=opened.officer)
    second = appoint_assessor(opened.lot, user=opened.assessor2, actor=opened.officer)
    for appointment in (first, second):
        for tender in (opened.tender_a, opened.tender_b):
            declare_conflict(appointment, tender, has_conflict=False, explanation="", actor=appointment.user)
            score_tender(appointment, tender, scores=scores_for(opened.lot, "7", "5"), actor=appointment.user)
    submit_scores(first, actor=opened.assessor)
    # the second has not submitted: sees only their own
    assert {s.appointment_id for s in visible_scores(opened.assessor2, opened.lot)} == {second.pk}
    # the first submitted, but the second's are not submitted yet: only submitted scores are shown
    assert {s.appointment_id for s in visible_scores(opened.assessor, opened.lot)} == {first.pk}
    submit_scores(second, actor=opened.assessor2)
    assert {s.appointment_id for s in visible_scores(opened.assessor2, opened.lot)} == {first.pk, second.pk}
    assert not visible_scores(opened.provider_a, opened.lot).exists()
    with pytest.raises(ValidationError):
        score_tender(first, opened.tender_a, scores=scores_for(opened.lot, "1", "1"), actor=opened.assessor)


def test_consensus_waits_for_every_assessor_and_ranking_is_weighted(opened):
    appoint_assessor(opened.lot, user=opened.assessor2, actor=opened.officer)
    with pytest.raises(ValidationError):
        record_consensus(
            opened.lot, opened.tender_a, scores=scores_for(opened.lot, "8", "6"), actor=opened.officer
        )
    opened.assessor2.assessments.all().delete()
    assess_fully(opened, {opened.tender_a: ("8", "6"), opened.tender_b: ("6", "10")}, [opened.assessor])
    ranked = ranking(opened.lot)
    # A: 0.8*60 + 0.6*40 = 72; B: 0.6*60 + 1.0*40 = 76
    assert [(r.submission, r.total, r.rank) for r in ranked] == [
        (opened.tender_b, Decimal("76.00"), 1),
        (opened.tender_a, Decimal("72.00"), 2),
    ]


def test_only_an_officer_of_the_procurement_records_consensus(opened):
    assess_fully(opened, {opened.tender_a: ("8", "6"), opened.tender_b: ("6", "10")}, [opened.assessor])
    for outsider in (opened.assessor, opened.other_officer):
        with pytest.raises(ValidationError):
            record_consensus(
                opened.lot, opened.tender_a, scores=scores_for(opened.lot, "1", "1"), actor=outsider
            )
