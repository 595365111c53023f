"""Publication: all decisions of a lot at one moment (one timestamp), every registrant's lead organisation
notified then, nothing visible before; decision letters with the motivation per criterion, the outcome and
the objection period, made once; the admission hooks; and the dialogue transition guard."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from accounts.models import Notification
from audit.models import AuditEntry
from procurement.models import Lot, Review
from procurement.services import preselection
from procurement.services.phases import advance_phase
from procurement.services.preselection import (
    admitted_registrations,
    publication_problems,
    publish_decisions,
    published_decision,
)
from procurement.tasks.preselection import make_decision_letter, make_missing_decision_letters
from tests.procurement.factories_preselection import (
    MOMENT,
    decide,
    decide_all,
    preselection_world,
    propose,
    publish,
)

pytestmark = pytest.mark.django_db


def letter_text(review) -> str:
    with review.letter.open("rb") as handle:
        pages = PdfReader(io.BytesIO(handle.read())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_publication_waits_for_every_confirmed_decision(world):
    decide(world.registration_a, world.officer, world.second_officer)
    propose(world.registration_b, world.officer)
    assert publication_problems(world.specific) == ["2 aanmelding(en) hebben nog geen bevestigd besluit."]
    with pytest.raises(ValidationError, match="nog geen bevestigd besluit"):
        publish_decisions(world.specific, actor=world.officer)
    assert Lot.objects.get(pk=world.specific.pk).preselection_published_at is None
    assert AuditEntry.objects.filter(action="preselection.publish", result="refused").exists()


def test_all_decisions_of_a_lot_are_published_at_one_moment(world, django_capture_on_commit_callbacks):
    decide_all(world)
    for registration in (world.registration_a, world.registration_b, world.registration_c):
        assert published_decision(registration) is None
    assert not Notification.objects.filter(key__startswith="preselection-").exists()
    lot = publish(world, django_capture_on_commit_callbacks)
    assert lot.preselection_published_at == MOMENT
    reviews = Review.objects.filter(registration__lot=lot)
    assert {r.published_at for r in reviews} == {MOMENT}
    assert {r.objection_until for r in reviews} == {date(2026, 3, 30)}  # 20 days from 10 March (Amsterdam)
    notified = Notification.objects.filter(key__startswith="preselection-decision-")
    assert sorted(n.user.email for n in notified) == sorted(
        [world.provider_a.email, world.provider_b.email, world.provider_c.email]
    )
    assert published_decision(world.registration_b).outcome == "not_admitted"
    with pytest.raises(ValidationError, match="al bekendgemaakt"):
        publish_decisions(world.specific, actor=world.second_officer)
    with pytest.raises(ValidationError, match="bekendgemaakt"):
        propose(world.registration_a, world.officer)


def test_the_decision_letters_state_motivation_outcome_and_objection_date(
    world, django_capture_on_commit_callbacks
):
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    admitted = Review.objects.get(registration=world.registration_a)
    refused = Review.objects.get(registration=world.registration_b)
    text = letter_text(admitted)
    for expected in (
        "Preselectiebesluit",
        "Uw aanmelding is toegelaten tot de dialoog.",
        "Voldoet aan alle eisen.",
        "Onderbouwd met referenties. (Aantoonbare ervaring)",
        "voldoet aan het criterium",
        "Aanbieder A",
        "10 maart 2026 00:30",
        "30 maart 2026",
        "bezwaar maken",
    ):
        assert expected in text, expected
    text = letter_text(refused)
    assert "Uw aanmelding is niet toegelaten tot de dialoog." in text
    assert "Geen aantoonbare ervaring met jeugd-GGZ." in text
    assert "voldoet niet aan het criterium" in text
    assert "Aanbieder A" not in text


def test_a_letter_is_made_once_even_if_the_task_runs_twice(world, django_capture_on_commit_callbacks):
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    review = Review.objects.get(registration=world.registration_a)
    first = review.letter.name
    assert make_decision_letter.delay(review.pk).get() is False
    assert make_missing_decision_letters.delay().get() == 0
    review.refresh_from_db()
    assert review.letter.name == first
    assert AuditEntry.objects.filter(action="preselection.letter", object_id=str(review.pk)).count() == 1


def test_the_sweep_makes_a_letter_that_was_never_queued(world, django_capture_on_commit_callbacks):
    decide_all(world)
    with time_machine.travel(MOMENT, tick=False), django_capture_on_commit_callbacks(execute=False):
        publish_decisions(world.specific, actor=world.officer)
    assert not Review.objects.exclude(letter="").exists()
    assert make_missing_decision_letters.delay().get() == 3
    assert not Review.objects.filter(letter="").exists()


def test_the_admission_hook_is_called_once_per_admitted_registration(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(
        preselection, "admission_hooks", [lambda registration, actor: calls.append((registration.pk, actor))]
    )
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    assert sorted(calls) == sorted(
        [(world.registration_a.pk, world.officer), (world.registration_c.pk, world.officer)]
    )
    assert set(admitted_registrations(world.specific)) == {world.registration_a, world.registration_c}


def test_no_admitted_registrations_before_publication(world):
    decide_all(world)
    assert not admitted_registrations(world.specific).exists()


def test_the_dialogue_guard_needs_the_decisions_of_every_lot(personas, django_capture_on_commit_callbacks):
    world = preselection_world(personas, with_integral=True)
    with pytest.raises(ValidationError, match="1, 2"):
        advance_phase(world.procurement, "dialogue", actor=world.officer, reason="Start dialoog")
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="perceel/percelen 1 "):
        advance_phase(world.procurement, "dialogue", actor=world.officer, reason="Start dialoog")
    decide(world.partnership, world.second_officer, world.officer)
    publish(world, django_capture_on_commit_callbacks, lot=world.integral)
    advance_phase(world.procurement, "dialogue", actor=world.officer, reason="Start dialoog")
    world.procurement.refresh_from_db()
    assert world.procurement.current_phase == "dialogue"
