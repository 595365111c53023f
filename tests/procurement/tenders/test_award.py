"""The award: a college decision moment, letters to every tenderer at the same moment with the reasons,
their scores, the winner and the standstill end (20 calendar days in Europe/Amsterdam); objections
suspend; after the standstill the award becomes definitive by compare-and-swap."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from accounts.models import Notification
from procurement.models import AwardLetter, CostCompensation, DecisionMoment, Lot, Procurement
from procurement.services.award import (
    finalise_award,
    finalise_due_awards,
    grant_cost_compensation,
    prepare_award,
    publish_award,
    register_objection,
    resolve_objections,
    standstill_end,
)
from tests.factories import MembershipFactory
from tests.procurement.factories_tenders import assess_fully, open_vault, prepare, submit


@pytest.fixture
def assessed(world):
    world.tender_a = submit(world.lot, world.provider_a, world.organisation_a)
    world.tender_b = submit(world.lot, world.provider_b, world.organisation_b)
    open_vault(world)
    assess_fully(world, {world.tender_a: ("8", "6"), world.tender_b: ("6", "10")}, [world.assessor])
    return world


def pdf_text(field) -> str:
    return "".join(page.extract_text() for page in PdfReader(field.open("rb")).pages)


@pytest.mark.parametrize(
    ("published_utc", "ends_on"),
    [
        # 00:30 on 12 December in Amsterdam: the UTC date (11 December) would give 31 December
        (datetime(2026, 12, 11, 23, 30, tzinfo=UTC), date(2027, 1, 1)),
        # the night of the change to winter time (25 October 2026)
        (datetime(2026, 10, 24, 22, 30, tzinfo=UTC), date(2026, 11, 14)),
        # the night of the change to summer time (29 March 2026)
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 4, 18)),
    ],
)
def test_the_standstill_end_counts_calendar_days_in_amsterdam(published_utc, ends_on):
    assert standstill_end(published_utc) == ends_on


def test_the_award_is_a_college_decision_and_letters_go_to_every_tenderer(
    assessed, django_capture_on_commit_callbacks
):
    award = prepare(assessed)
    assert (
        award.decision.kind == DecisionMoment.Kind.AWARD
        and award.decision.body == DecisionMoment.Body.COLLEGE
    )
    with django_capture_on_commit_callbacks(execute=True):
        award = publish_award(award, actor=assessed.officer)
    letters = AwardLetter.objects.filter(award=award)
    assert letters.count() == 2 and not letters.filter(file="").exists()
    text_a = pdf_text(letters.get(submission=assessed.tender_a).file)
    assert "Aanbieder B" in text_a and "Beste prijs-kwaliteitverhouding" in text_a
    assert "72,00" in text_a and "Motivering Kwaliteit" in text_a
    assert "Sterk plan voor wachtlijsten" in text_a
    assert award.standstill_ends_on.strftime("%Y") in text_a
    assert Notification.objects.filter(user=assessed.provider_a).exists()
    assert Notification.objects.filter(user=assessed.provider_b).exists()
    from procurement.services.award import send_letters

    assert send_letters(award.pk) == 0


def test_the_award_needs_consensus_for_every_tender(world):
    tender = submit(world.lot, world.provider_a, world.organisation_a)
    open_vault(world)
    with pytest.raises(ValidationError):
        prepare_award(
            world.lot,
            winners=[tender],
            grounds="x",
            advantages="y",
            decided_on=date(2026, 12, 1),
            actor=world.officer,
        )


def test_an_objection_suspends_and_the_award_becomes_definitive_only_after_the_standstill(assessed):
    award = prepare(assessed)
    published = datetime(2026, 12, 11, 23, 30, tzinfo=UTC)
    with time_machine.travel(published, tick=False):
        award = publish_award(award, actor=assessed.officer)
    assert award.standstill_ends_on == date(2027, 1, 1)
    # last minute of 1 January 2027 in Amsterdam: still standstill
    with (
        time_machine.travel(datetime(2027, 1, 1, 22, 59, tzinfo=UTC), tick=False),
        pytest.raises(ValidationError),
    ):
        finalise_award(award, actor=assessed.officer)
    with time_machine.travel(datetime(2026, 12, 20, 10, 0, tzinfo=UTC), tick=False):
        register_objection(
            award,
            organisation=assessed.organisation_a,
            kind="objection",
            description="Bezwaar",
            actor=assessed.officer,
        )
    with time_machine.travel(datetime(2027, 1, 2, 10, 0, tzinfo=UTC), tick=False):
        assert finalise_due_awards() == 0
        with pytest.raises(ValidationError):
            finalise_award(award, actor=assessed.officer)
        resolve_objections(award, actor=assessed.officer)
        assert finalise_due_awards() == 1
        with pytest.raises(ValidationError):
            finalise_award(award, actor=assessed.officer)
    assert Lot.objects.get(pk=assessed.lot.pk).award_final_at == datetime(2027, 1, 2, 10, 0, tzinfo=UTC)


def test_only_a_tenderer_can_object_and_only_an_officer_registers_it(assessed):
    award = publish_award(prepare(assessed), actor=assessed.officer)
    outsider = MembershipFactory(organisation__name="Aanbieder C").organisation
    with pytest.raises(ValidationError):
        register_objection(
            award, organisation=outsider, kind="objection", description="x", actor=assessed.officer
        )
    with pytest.raises(ValidationError):
        register_objection(
            award,
            organisation=assessed.organisation_a,
            kind="objection",
            description="x",
            actor=assessed.other_officer,
        )


def test_cost_compensation_goes_only_to_an_invited_participant_that_did_not_tender(world):
    Procurement.objects.filter(pk=world.procurement.pk).update(dialogue_cost_compensation="2500.00")
    world.lot.refresh_from_db()
    submit(world.lot, world.provider_a, world.organisation_a)
    with pytest.raises(ValidationError):
        grant_cost_compensation(world.lot, organisation=world.organisation_a, actor=world.officer)
    compensation = grant_cost_compensation(world.lot, organisation=world.organisation_b, actor=world.officer)
    assert str(compensation.amount) == "2500.00"
    with pytest.raises(ValidationError):
        grant_cost_compensation(world.lot, organisation=world.organisation_b, actor=world.officer)
    assert CostCompensation.objects.count() == 1


def test_each_tenderer_downloads_only_its_own_letter(client, assessed, django_capture_on_commit_callbacks):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        award = publish_award(prepare(assessed), actor=assessed.officer)
    letter_a = AwardLetter.objects.get(award=award, submission=assessed.tender_a)
    client.force_login(assessed.provider_b)
    assert client.get(reverse("procurement:award_letter", args=[letter_a.pk])).status_code == 404
    client.force_login(assessed.provider_a)
    response = client.get(reverse("procurement:award_letter", args=[letter_a.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
