from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from dialogue import services
from dialogue.models import Agreement, Consent

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(world, personas):
    return services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[10],
        lots=[world.lot],
        kind="content",
        title="Wachttijd",
        text="Binnen 4 weken start de hulp.",
        kpi_name="Wachttijd",
        kpi_definition="Dagen tussen aanmelding en start",
        kpi_unit="dagen",
        kpi_target=Decimal("28"),
        kpi_frequency="quarterly",
    )


def test_every_change_is_versioned_with_a_readable_diff(client, world, personas, agreement):
    services.edit_agreement(
        agreement, actor=personas.officer, text="Binnen 3 weken start de hulp.", note="Korter"
    )
    services.change_agreement_status(agreement, actor=personas.officer, status="in_discussion")
    agreement.refresh_from_db()
    assert agreement.version == 3
    versions = list(agreement.versions.values_list("number", "status", "text"))
    assert versions[-1] == (1, "proposed", "Binnen 4 weken start de hulp.")
    assert versions[0][:2] == (3, "in_discussion")
    client.force_login(personas.provider_a)
    page = client.get(reverse("dialogue:agreement", args=[agreement.pk])).content.decode()
    assert "<del>− Binnen 4 weken start de hulp.</del>" in page
    assert "<ins>+ Binnen 3 weken start de hulp.</ins>" in page


def test_the_status_follows_the_allowed_transitions(world, personas, agreement):
    services.change_agreement_status(agreement, actor=personas.officer, status="agreed")
    services.change_agreement_status(agreement, actor=personas.officer, status="included")
    with pytest.raises(ValidationError, match="kan niet"):
        services.change_agreement_status(agreement, actor=personas.officer, status="proposed")
    assert services.allowed_statuses(Agreement.objects.get(pk=agreement.pk)) == []


def test_a_withdrawn_agreement_cannot_be_agreed_directly(client, world, personas, agreement):
    services.change_agreement_status(agreement, actor=personas.officer, status="withdrawn")
    client.force_login(personas.officer)
    response = client.post(reverse("dialogue:agreement_status", args=[agreement.pk]), {"status": "agreed"})
    assert response.status_code == 400
    assert "kan niet" in response.content.decode()
    assert Agreement.objects.get(pk=agreement.pk).status == "withdrawn"


def test_a_stale_status_change_loses(world, personas, agreement):
    stale = Agreement.objects.get(pk=agreement.pk)
    services.change_agreement_status(agreement, actor=personas.officer, status="in_discussion")
    stale.status = "proposed"  # the other officer's page still shows 'proposed'
    result = services.change_agreement_status(stale, actor=personas.second_officer, status="agreed")
    assert result.version == 3  # the service re-reads the row: the allowed move from in_discussion


def test_participants_of_the_lot_comment_others_cannot(client, world, personas, agreement):
    client.force_login(personas.provider_a)
    assert (
        client.post(reverse("dialogue:agreement_comment", args=[agreement.pk]), {"text": "Eens"}).status_code
        == 302
    )
    assert agreement.comments.get().organisation == personas.organisation_a
    client.force_login(personas.expert)
    assert (
        client.post(reverse("dialogue:agreement_comment", args=[agreement.pk]), {"text": "x"}).status_code
        == 404
    )
    client.force_login(personas.provider_b)
    response = client.post(reverse("dialogue:agreement_comment", args=[agreement.pk]), {"text": "  "})
    assert response.status_code == 400 and agreement.comments.count() == 1


def test_a_budget_is_decimal_euros(world, personas):
    agreement = services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[9],
        lots=[world.lot],
        kind="financial",
        title="Maximumbudget",
        text="Jaarlijks maximumbudget.",
        budget_amount=Decimal("41250000.00"),
        budget_year=2023,
    )
    assert Agreement.objects.get(pk=agreement.pk).budget_amount == Decimal("41250000.00")


def test_reuse_in_plenary_needs_the_participants_consent_first(client, world, personas):
    item = world.bilateral_a.agenda_items.first()
    client.force_login(personas.officer)
    url = reverse("dialogue:item_reuse", args=[item.pk])
    response = client.post(url, {"plenary": world.plenary.pk, "title": "Idee van A"})
    assert response.status_code == 400
    assert "Leg eerst de toestemming van de deelnemer vast" in response.content.decode()
    assert not world.plenary.agenda_items.filter(title="Idee van A").exists()
    assert AuditEntry.objects.filter(action="dialogue.reuse", result="refused").exists()
    client.post(
        reverse("dialogue:item_consent", args=[item.pk]),
        {"what": "Het idee van de wijkteams", "given_by": "Anna (Aanbieder A)"},
    )
    assert Consent.objects.get().participant == world.participant_a
    assert client.post(url, {"plenary": world.plenary.pk, "title": "Idee van A"}).status_code == 302
    assert world.plenary.agenda_items.get(title="Idee van A").reused_from == item
