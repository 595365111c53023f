"""The assessor's scoring page and the officer's committee page, end to end through the client: declare,
score, submit, consensus, award, publication, letter; and from the wrong side a 404 or 403."""

from datetime import date

import pytest
from django.urls import reverse

from procurement.models import AwardCriterion, AwardDecision, AwardLetter, ConsensusScore, IndividualScore
from tests.procurement.factories_tenders import open_vault, submit


def score_data(lot, prefix, quality, price):
    data = {}
    for criterion in AwardCriterion.objects.filter(invitation__lot=lot):
        value = quality if criterion.name == "Kwaliteit" else price
        data[f"{prefix}-score_{criterion.pk}"] = value
        data[f"{prefix}-motivation_{criterion.pk}"] = f"Motivering {criterion.name}"
    return data


@pytest.fixture
def opened(world):
    world.tender_a = submit(world.lot, world.provider_a, world.organisation_a)
    world.tender_b = submit(world.lot, world.provider_b, world.organisation_b)
    open_vault(world)
    world.committee_url = reverse("procurement:tender_committee", args=[world.procurement.pk, world.lot.pk])
    world.scoring_url = reverse("procurement:tender_scoring", args=[world.lot.pk])
    return world


def committee_verb(world, verb: str, *args) -> str:
    return reverse(f"procurement:tender_committee_{verb}", args=[world.procurement.pk, world.lot.pk, *args])


def scoring_verb(world, verb: str, *args) -> str:
    return reverse(f"procurement:tender_scoring_{verb}", args=[world.lot.pk, *args])


def test_the_committee_journey_through_the_pages(client, opened, django_capture_on_commit_callbacks):
    client.force_login(opened.officer)
    assert client.get(opened.committee_url).status_code == 200
    client.post(committee_verb(opened, "appoint"), {"user": opened.assessor.pk})
    client.force_login(opened.assessor)
    assert client.get(opened.scoring_url).status_code == 200
    for tender, (quality, price) in [(opened.tender_a, ("8", "6")), (opened.tender_b, ("6", "10"))]:
        client.post(scoring_verb(opened, "declare", tender.pk))
        client.post(
            scoring_verb(opened, "score", tender.pk), score_data(opened.lot, f"t{tender.pk}", quality, price)
        )
    bad = client.post(
        scoring_verb(opened, "score", opened.tender_a.pk),
        score_data(opened.lot, f"t{opened.tender_a.pk}", "12", "1"),
        follow=True,
    )
    assert "hoogstens 10" in bad.content.decode()
    client.post(scoring_verb(opened, "submit"))
    assert IndividualScore.objects.count() == 4
    client.force_login(opened.officer)
    for tender, (quality, price) in [(opened.tender_a, ("8", "6")), (opened.tender_b, ("6", "10"))]:
        client.post(
            committee_verb(opened, "consensus", tender.pk),
            score_data(opened.lot, f"c{tender.pk}", quality, price),
        )
    assert ConsensusScore.objects.count() == 4
    page = client.get(opened.committee_url).content.decode()
    assert "76,00" in page
    client.post(
        committee_verb(opened, "prepare"),
        {
            "winners": [opened.tender_b.pk],
            "grounds": "Beste prijs-kwaliteitverhouding",
            "advantages": "Laagste prijs",
            "decided_on": date(2026, 12, 8).isoformat(),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(committee_verb(opened, "publish"))
    assert AwardDecision.objects.get().status == AwardDecision.Status.PUBLISHED
    letter = AwardLetter.objects.get(submission=opened.tender_a)
    client.force_login(opened.provider_a)
    response = client.get(reverse("procurement:award_letter", args=[letter.pk]))
    assert response.content.startswith(b"%PDF")


def test_the_wrong_side_of_the_committee_pages(client, opened):
    client.force_login(opened.other_officer)
    assert client.get(opened.committee_url).status_code == 404
    client.force_login(opened.assessor)  # not appointed
    assert client.get(opened.scoring_url).status_code == 404
    assert client.get(opened.committee_url).status_code == 403
    client.force_login(opened.provider_a)
    assert client.get(opened.scoring_url).status_code == 403
    client.logout()
    assert client.get(opened.scoring_url).status_code == 302
