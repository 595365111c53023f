import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from dialogue import services
from dialogue.models import Theme
from tests.dialogue.factories_dialogue import dialogue_world

pytestmark = pytest.mark.django_db


def test_the_fourteen_themes_are_seeded_once(world, personas):
    assert world.procurement.themes.count() == 14
    services.seed_themes(world.procurement, actor=personas.officer)
    assert world.procurement.themes.count() == 14
    assert world.procurement.themes.get(order=3).title == "Tijdigheid en wachttijd"


def test_officer_adds_renames_reorders_and_retires_themes(client, world, personas):
    client.force_login(personas.officer)
    client.post(
        reverse("dialogue:theme_new", args=[world.procurement.pk]),
        {"title": "Personeelstekort", "description": "Motie van de raad", "owner": personas.officer.pk},
    )
    theme = Theme.objects.get(title="Personeelstekort")
    assert theme.order == 15 and theme.owner == personas.officer
    client.post(reverse("dialogue:theme_move", args=[theme.pk]), {"direction": "up"})
    assert Theme.objects.get(pk=theme.pk).order == 14
    client.post(reverse("dialogue:theme_edit", args=[theme.pk]), {"title": "Arbeidsmarkt", "description": ""})
    assert Theme.objects.get(pk=theme.pk).title == "Arbeidsmarkt"
    client.post(reverse("dialogue:theme_retire", args=[theme.pk]))
    assert Theme.objects.get(pk=theme.pk).retired_at is not None
    page = client.get(reverse("dialogue:planner", args=[world.procurement.pk])).content.decode()
    assert "Arbeidsmarkt (ingetrokken)" in page


def test_a_theme_without_a_title_is_refused(client, world, personas):
    client.force_login(personas.officer)
    response = client.post(reverse("dialogue:theme_new", args=[world.procurement.pk]), {"title": ""})
    assert "Dit veld is verplicht." in response.content.decode()
    assert world.procurement.themes.count() == 14


def test_a_refused_theme_change_is_recorded_in_its_procurements_audit_trail(world, personas):
    other = dialogue_world(personas)
    with pytest.raises(ValidationError):
        services.add_theme(world.procurement, actor=personas.officer, title="")
    services.retire_theme(other.themes[0], actor=personas.officer)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        services.retire_theme(other.themes[0], actor=personas.officer)
    assert world.procurement.themes.count() == 14
    refused = AuditEntry.objects.filter(result=AuditEntry.Result.REFUSED).order_by("pk")
    assert list(refused.values_list("action", "procurement_id", "object_type", "actor_id")) == [
        ("dialogue.theme.add", world.procurement.pk, "procurement.procurement", personas.officer.pk),
        ("dialogue.theme.retire", other.procurement.pk, "dialogue.theme", personas.officer.pk),
    ]


def test_another_region_cannot_change_themes(client, world, personas):
    client.force_login(personas.other_officer)
    theme = world.themes[0]
    assert client.post(reverse("dialogue:theme_edit", args=[theme.pk]), {"title": "X"}).status_code == 404
    assert client.post(reverse("dialogue:theme_retire", args=[theme.pk])).status_code == 404
    assert Theme.objects.get(pk=theme.pk).title == theme.title


def test_the_planner_shows_progress_per_theme_in_few_queries(
    client, world, personas, django_assert_max_num_queries
):
    services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[0],
        lots=[world.lot],
        kind="content",
        title="A",
        text="A",
    )
    client.force_login(personas.officer)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("dialogue:planner", args=[world.procurement.pk]))
    assert response.status_code == 200
