"""Criteria per lot: knock-out, and scored criteria with weights where the procurement uses them; the
weights of a lot's scored criteria add up to 100; the criteria are fixed once a review has started."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from procurement.models import Criterion, Procurement
from procurement.services.preselection import (
    add_criterion,
    criteria_problems,
    remove_criterion,
    update_settings,
)
from tests.procurement.factories_preselection import decide, propose

pytestmark = pytest.mark.django_db


def scored(world) -> None:
    update_settings(world.procurement, actor=world.officer, scored=True, objection_days=20)


def test_scored_criteria_only_where_the_procurement_uses_them(world):
    with pytest.raises(ValidationError) as refused:
        add_criterion(world.specific, actor=world.officer, kind="scored", title="Visie", weight="40")
    assert refused.value.message_dict == {"kind": ["Deze aanbesteding gebruikt geen gescoorde criteria."]}
    scored(world)
    criterion = add_criterion(
        world.specific, actor=world.officer, kind="scored", title="Visie", weight="40,5"
    )
    assert criterion.weight == Decimal("40.50")


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (None, "Een gescoord criterium heeft een weging nodig."),
        ("veel", "Geef de weging als getal."),
        ("0", "Een weging ligt tussen 0 en 100."),
        ("NaN", "Een weging ligt tussen 0 en 100."),
        (
            "60.01",
            "Met deze weging tellen de gescoorde criteria op tot 100,01; "
            "het totaal mag niet boven 100 komen.",
        ),
    ],
)
def test_a_bad_weight_is_refused_with_a_clear_message(world, weight, message):
    scored(world)
    add_criterion(world.specific, actor=world.officer, kind="scored", title="Visie", weight="40")
    with pytest.raises(ValidationError) as refused:
        add_criterion(world.specific, actor=world.officer, kind="scored", title="Samenwerking", weight=weight)
    assert refused.value.message_dict == {"weight": [message]}
    assert world.specific.criteria.filter(kind="scored").count() == 1


def test_weights_that_do_not_add_up_to_100_block_the_review(world):
    scored(world)
    add_criterion(world.specific, actor=world.officer, kind="scored", title="Visie", weight="60")
    add_criterion(world.specific, actor=world.officer, kind="scored", title="Samenwerking", weight="20")
    problem = "De wegingen van de gescoorde criteria van perceel 2 tellen op tot 80; dat moet 100 zijn."
    assert criteria_problems(world.specific) == [problem]
    with pytest.raises(ValidationError, match=problem):
        propose(world.registration_a, world.officer)
    add_criterion(world.specific, actor=world.officer, kind="scored", title="Innovatie", weight="20")
    assert criteria_problems(world.specific) == []
    review = propose(world.registration_a, world.officer)
    assert review.assessments.filter(score=7).count() == 3
    assert review.total_score == Decimal("70.00")


def test_the_criteria_are_fixed_once_a_review_has_started(world):
    propose(world.registration_a, world.officer)
    with pytest.raises(ValidationError, match="liggen vast"):
        add_criterion(world.specific, actor=world.officer, kind="knockout", title="Nog een")
    with pytest.raises(ValidationError, match="liggen vast"):
        remove_criterion(world.criteria[0], actor=world.officer)
    with pytest.raises(ValidationError, match="liggen vast"):
        update_settings(world.procurement, actor=world.officer, scored=True, objection_days=10)
    assert world.specific.criteria.count() == 2
    assert Procurement.objects.get(pk=world.procurement.pk).objection_period_days == 20


def test_a_criterion_needs_a_name_and_an_officer_of_the_region(world):
    with pytest.raises(ValidationError, match="Geef het criterium een naam"):
        add_criterion(world.specific, actor=world.officer, kind="knockout", title=" ")
    with pytest.raises(ValidationError, match="beheert deze aanbesteding niet"):
        add_criterion(world.specific, actor=world.other_officer, kind="knockout", title="Iets")
    assert world.specific.criteria.count() == 2


def test_no_criteria_no_review(world):
    for criterion in world.criteria:
        remove_criterion(criterion, actor=world.officer)
    with pytest.raises(ValidationError, match="heeft nog geen preselectiecriteria"):
        decide(world.registration_a, world.officer, world.second_officer)


def test_the_criteria_page_adds_and_refuses_bad_input(client, world):
    client.force_login(world.officer)
    url = f"/aanbestedingen/{world.procurement.pk}/percelen/{world.specific.pk}/criteria/"
    response = client.post(url, {"kind": "knockout", "title": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    response = client.post(url, {"kind": "scored", "title": "Visie"})
    assert response.status_code == 400  # scored is not offered when the procurement does not use it
    assert world.specific.criteria.count() == 2
    settings_url = (
        f"/aanbestedingen/{world.procurement.pk}/percelen/{world.specific.pk}/preselectie-instellingen/"
    )
    response = client.post(settings_url, {"scored": "on", "objection_days": "0"}, follow=True)
    assert "Zorg ervoor dat deze waarde minstens 1 is." in response.content.decode()
    client.post(settings_url, {"scored": "on", "objection_days": "14"})
    world.procurement.refresh_from_db()
    assert (world.procurement.preselection_scored, world.procurement.objection_period_days) == (True, 14)
    response = client.post(url, {"kind": "scored", "title": "Visie", "weight": "120"})
    assert response.status_code == 400
    assert "Zorg ervoor dat deze waarde hoogstens 100 is." in response.content.decode()
    response = client.post(url, {"kind": "scored", "title": "Visie", "weight": "100"})
    assert response.status_code == 302
    assert Criterion.objects.filter(lot=world.specific, kind="scored", weight=100).exists()


def test_the_criteria_pages_are_404_for_another_region(client, world):
    client.force_login(world.other_officer)
    base = f"/aanbestedingen/{world.procurement.pk}"
    assert client.get(f"{base}/percelen/{world.specific.pk}/criteria/").status_code == 404
    response = client.post(f"{base}/criteria/{world.criteria[0].pk}/verwijderen/")
    assert response.status_code == 404
    assert world.specific.criteria.count() == 2
