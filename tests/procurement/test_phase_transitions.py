"""Every phase transition of every procedure: its guard refuses, then allows; the PhaseTransition row and
the audit entry are written; a refusal changes nothing and is itself recorded."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from common.timezone import AMSTERDAM
from procurement.models import Lot, PhaseTransition, Procurement
from procurement.phases import SEQUENCES, reasons_against
from procurement.services.phases import advance_phase
from procurement.services.procurements import suspend_lot
from tests.factories import make_procurement
from tests.procurement.pages_support import audit_actions, satisfy_guard, set_deadline

pytestmark = pytest.mark.django_db

# What a fresh, published procurement lacks for each transition (None: that transition has no guard
# that such a procurement fails).
REFUSED_BECAUSE = {
    ("dialogue", "preselection"): "De fase 'aanmelding' heeft geen deadline.",
    ("dialogue", "dialogue"): "De preselectiebesluiten van perceel/percelen 1, 2 zijn niet gepubliceerd.",
    ("dialogue", "submission"): "De dialoog van perceel/percelen 1, 2 is niet afgesloten.",
    ("negotiated", "submission"): "De dialoog van perceel/percelen 1, 2 is niet afgesloten.",
    ("dialogue", "assessment"): "De fase 'inschrijving' heeft geen deadline.",
    ("open", "assessment"): "De fase 'inschrijving' heeft geen deadline.",
    ("negotiated", "assessment"): "De fase 'inschrijving' heeft geen deadline.",
    ("dialogue", "contracting"): "De gunning van perceel/percelen 1, 2 is nog niet definitief.",
    ("open", "contracting"): "De gunning van perceel/percelen 1, 2 is nog niet definitief.",
    ("negotiated", "contracting"): "De gunning van perceel/percelen 1, 2 is nog niet definitief.",
    ("dialogue", "term"): "De contracten zijn nog niet ingegaan.",
    ("open", "term"): "De contracten zijn nog niet ingegaan.",
    ("negotiated", "term"): "De contracten zijn nog niet ingegaan.",
}


def _assert_refused(procurement, to_key, actor, message):
    before = (procurement.current_phase, PhaseTransition.objects.count())
    refusals = len(audit_actions(procurement, "phase.advance", "refused"))
    with pytest.raises(ValidationError) as refused:
        advance_phase(procurement, to_key, actor=actor, reason="Volgende stap")
    assert message in refused.value.messages
    procurement.refresh_from_db()
    assert (procurement.current_phase, PhaseTransition.objects.count()) == before
    recorded = audit_actions(procurement, "phase.advance", "refused")
    assert len(recorded) == refusals + 1
    assert recorded[-1].changes == {"phase": [before[0], to_key]}  # the attempted transition
    assert message in recorded[-1].message and recorded[-1].actor_id == actor.pk


@pytest.mark.parametrize("procedure", ["dialogue", "open", "negotiated"])
def test_every_transition_is_refused_until_its_guard_passes_and_is_then_recorded(personas, procedure):
    procurement = make_procurement(personas.officer, procedure=procedure)
    officer = personas.officer
    for to_key in SEQUENCES[procedure][1:]:
        from_key = procurement.current_phase
        message = REFUSED_BECAUSE.get((procedure, to_key))
        if message:
            _assert_refused(procurement, to_key, officer, message)
            satisfy_guard(procurement, to_key)
        advance_phase(procurement, to_key, actor=officer, reason=f"Naar {to_key}")
        procurement.refresh_from_db()
        assert procurement.current_phase == to_key
        transition = procurement.transitions.get(to_phase=to_key)
        assert (transition.from_phase, transition.actor, transition.reason) == (
            from_key,
            officer,
            f"Naar {to_key}",
        )
        entry = audit_actions(procurement, "phase.advance")[-1]
        assert entry.changes == {"phase": [from_key, to_key]}
        assert entry.actor_id == officer.pk and entry.message == f"Naar {to_key}"
        assert procurement.phases.get(key=to_key).actual_start is not None
        assert procurement.phases.get(key=from_key).actual_end is not None
    assert procurement.transitions.count() == len(SEQUENCES[procedure]) - 1


@pytest.mark.parametrize("procedure", ["dialogue", "open", "negotiated"])
def test_leaving_the_strategy_needs_a_published_procurement(personas, procedure):
    procurement = make_procurement(personas.officer, procedure=procedure, published=False)
    to_key = SEQUENCES[procedure][1]
    _assert_refused(procurement, to_key, personas.officer, "De aanbesteding is nog niet gepubliceerd.")


@pytest.mark.parametrize("procedure", ["dialogue", "open", "negotiated"])
def test_leaving_the_strategy_needs_an_open_lot(personas, procedure):
    procurement = make_procurement(personas.officer, procedure=procedure)
    for lot in procurement.lots.all():
        suspend_lot(lot, actor=personas.officer, reason="Klacht over het tarief")
    to_key = SEQUENCES[procedure][1]
    _assert_refused(procurement, to_key, personas.officer, "De aanbesteding heeft geen open perceel.")


def test_preselection_waits_for_the_registration_deadline(personas):
    procurement = make_procurement(personas.officer, phase="registration")
    deadline = timezone.now() + timedelta(days=2)
    set_deadline(procurement, "registration", deadline)
    _assert_refused(
        procurement,
        "preselection",
        personas.officer,
        "De deadline van de fase 'aanmelding' is nog niet verstreken.",
    )
    with time_machine.travel(deadline + timedelta(seconds=1), tick=False):
        advance_phase(procurement, "preselection", actor=personas.officer, reason="Termijn verstreken")
    assert procurement.current_phase == "preselection"


def test_the_dialogue_waits_for_every_open_lot_but_not_for_a_suspended_one(personas):
    procurement = make_procurement(personas.officer, phase="preselection")
    Lot.objects.filter(procurement=procurement, number="1").update(preselection_published_at=timezone.now())
    _assert_refused(
        procurement,
        "dialogue",
        personas.officer,
        "De preselectiebesluiten van perceel/percelen 2 zijn niet gepubliceerd.",
    )
    suspend_lot(procurement.lots.get(number="2"), actor=personas.officer, reason="Klacht over het tarief")
    advance_phase(procurement, "dialogue", actor=personas.officer, reason="Preselectie gepubliceerd")
    assert procurement.current_phase == "dialogue"


def test_an_open_procedure_opens_submissions_without_a_dialogue(personas):
    procurement = make_procurement(personas.officer, procedure="open")
    advance_phase(procurement, "submission", actor=personas.officer, reason="Aankondiging gepubliceerd")
    assert procurement.current_phase == "submission"


def test_the_assessment_waits_for_the_submission_deadline(personas):
    procurement = make_procurement(personas.officer, procedure="open", phase="submission")
    deadline = timezone.now() + timedelta(hours=3)
    set_deadline(procurement, "submission", deadline)
    _assert_refused(
        procurement,
        "assessment",
        personas.officer,
        "De deadline van de fase 'inschrijving' is nog niet verstreken.",
    )
    with time_machine.travel(deadline, tick=False):
        advance_phase(procurement, "assessment", actor=personas.officer, reason="Inschrijving gesloten")
    assert procurement.current_phase == "assessment"


def test_the_contract_term_starts_on_the_planned_contract_start(personas):
    procurement = make_procurement(
        personas.officer, procedure="open", phase="contracting", planned_contract_start=date(2027, 1, 1)
    )
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 12, 31, 23, 0)), tick=False):
        _assert_refused(procurement, "term", personas.officer, "De contracten zijn nog niet ingegaan.")
    with time_machine.travel(timezone.make_aware(timezone.datetime(2027, 1, 1, 8, 0)), tick=False):
        advance_phase(procurement, "term", actor=personas.officer, reason="Contracten ingegaan")
    assert procurement.current_phase == "term"


def test_a_phase_cannot_be_skipped(personas):
    procurement = make_procurement(personas.officer)
    _assert_refused(
        procurement, "preselection", personas.officer, "De aanbesteding kan alleen naar de volgende fase."
    )


def test_an_ended_procurement_does_not_move(personas):
    procurement = make_procurement(personas.officer)
    Procurement.objects.filter(pk=procurement.pk).update(status=Procurement.Status.CANCELLED)
    procurement.refresh_from_db()
    _assert_refused(procurement, "registration", personas.officer, "De aanbesteding is beëindigd.")


def test_the_last_phase_has_no_next(personas):
    procurement = make_procurement(personas.officer, procedure="open", phase="term")
    _assert_refused(
        procurement, "term", personas.officer, "De aanbesteding kan alleen naar de volgende fase."
    )


def test_a_transition_needs_a_reason(personas):
    procurement = make_procurement(personas.officer)
    with pytest.raises(ValidationError) as refused:
        advance_phase(procurement, "registration", actor=personas.officer, reason="  ")
    assert refused.value.message_dict == {"reason": ["Geef de reden voor de overgang."]}
    procurement.refresh_from_db()
    assert procurement.current_phase == "strategy" and not procurement.transitions.exists()
    assert [
        (entry.changes, entry.message) for entry in audit_actions(procurement, "phase.advance", "refused")
    ] == [({"phase": ["strategy", "registration"]}, "Geef de reden voor de overgang.")]


def test_a_second_advance_from_a_stale_object_is_refused(personas):
    procurement = make_procurement(personas.officer)
    stale = Procurement.objects.get(pk=procurement.pk)
    advance_phase(procurement, "registration", actor=personas.officer, reason="Eerste")
    assert stale.current_phase == "strategy"
    with pytest.raises(ValidationError) as refused:
        advance_phase(stale, "registration", actor=personas.second_officer, reason="Tweede")
    assert "De aanbesteding kan alleen naar de volgende fase." in refused.value.messages
    procurement.refresh_from_db()
    assert procurement.current_phase == "registration"
    assert list(procurement.transitions.values_list("reason", flat=True)) == ["Eerste"]
    assert len(audit_actions(procurement, "phase.advance")) == 1
    refusal = audit_actions(procurement, "phase.advance", "refused")[-1]
    assert (refusal.actor_id, refusal.changes) == (
        personas.second_officer.pk,
        {"phase": ["strategy", "registration"]},  # what the second officer saw and attempted
    )


@pytest.mark.parametrize(
    ("moment", "started"),
    [
        (datetime(2027, 1, 1, 0, 30, tzinfo=AMSTERDAM), True),
        (datetime(2026, 12, 31, 23, 30, tzinfo=AMSTERDAM), False),
    ],
)
def test_the_contracts_start_on_the_amsterdam_date_not_the_utc_date(personas, moment, started):
    """Half past midnight on 1 January in Amsterdam is still 31 December in UTC: the term may begin."""
    procurement = make_procurement(personas.officer)
    Procurement.objects.filter(pk=procurement.pk).update(
        current_phase="contracting", planned_contract_start=date(2027, 1, 1)
    )
    procurement.refresh_from_db()
    with time_machine.travel(moment, tick=False):
        reasons = reasons_against(procurement, "term")
    assert reasons == ([] if started else ["De contracten zijn nog niet ingegaan."])
