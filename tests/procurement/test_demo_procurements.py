from datetime import date

import pytest

from common.timezone import local
from demo.people import seed_people
from demo.procurements import seed_procurements
from procurement.models import DecisionMoment, Lot, Phase, PhaseTransition, Procurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return seed_procurements(seed_people())


def test_the_zkij_procurement_has_its_real_timeline(demo):
    zkij = demo["zkij"]
    assert (zkij.procedure, zkij.status, zkij.current_phase) == ("dialogue", "published", "dialogue")
    assert zkij.planned_contract_start == date(2023, 1, 1) and zkij.evaluation_years == [3, 6]
    assert zkij.municipalities.count() == 7
    phases = {phase.key: phase for phase in zkij.phases.all()}
    assert local(phases["strategy"].planned_start).date() == date(2021, 1, 4)
    assert local(phases["registration"].actual_start).date() == date(2021, 10, 15)
    assert local(phases["preselection"].deadline).date() == date(2021, 12, 31)
    assert local(phases["dialogue"].actual_start).date() == date(2022, 1, 19)
    assert phases["dialogue"].actual_end is None
    assert local(phases["term"].planned_start).date() == date(2023, 1, 1)
    transitions = PhaseTransition.objects.filter(procurement=zkij).order_by("happened_at")
    assert [(t.to_phase, local(t.happened_at).year) for t in transitions] == [
        ("registration", 2021),
        ("preselection", 2021),
        ("dialogue", 2022),
    ]


def test_lot_2_of_zkij_was_suspended_and_split_into_institutions_and_self_employed(demo):
    lots = {lot.number: lot for lot in demo["zkij"].lots.all()}
    assert lots["1"].title == "Complexe jeugdhulp (integraal perceel)" and lots["1"].kind == Lot.Kind.INTEGRAL
    assert (lots["2"].title, lots["2"].status) == ("Enkelvoudige jeugdhulp", Lot.Status.SPLIT)
    assert {lots["2a"].split_from, lots["2b"].split_from} == {lots["2"]}
    assert "instellingen" in lots["2a"].title and "vrijgevestigden" in lots["2b"].title


def test_the_go_no_go_decisions_of_march_and_june_2021_were_taken(demo):
    taken = DecisionMoment.objects.filter(procurement=demo["zkij"], kind="go_no_go").order_by("decided_on")
    assert [(d.decided_on.month, d.decided_on.year, d.outcome) for d in taken] == [
        (3, 2021, "go"),
        (6, 2021, "go"),
    ]


def test_zaanstreek_and_mvs_are_in_other_phases(demo):
    zaanstreek, mvs = demo["zaanstreek"], demo["mvs"]
    assert (zaanstreek.procedure, zaanstreek.current_phase) == ("open", "submission")
    assert zaanstreek.regions.get().slug == "zaanstreek-waterland"
    assert (mvs.procedure, mvs.current_phase) == ("negotiated", "dialogue")
    assert [(lot.kind, lot.partnerships_allowed) for lot in mvs.lots.all()] == [("integral", True)]


def test_seeding_twice_creates_nothing_new(demo):
    counts = (
        Procurement.objects.count(),
        Lot.objects.count(),
        Phase.objects.count(),
        PhaseTransition.objects.count(),
    )
    seed_procurements(seed_people())
    assert (
        Procurement.objects.count(),
        Lot.objects.count(),
        Phase.objects.count(),
        PhaseTransition.objects.count(),
    ) == counts
