from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from dialogue import services
from dialogue.models import Minutes, MinutesComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world, personas):
    minutes = services.start_minutes(world.plenary, actor=personas.officer)
    item = world.plenary.agenda_items.first()
    services.write_minutes(minutes, actor=personas.officer, texts={item.pk: "Besproken: wachttijden."})
    deadline = world.plenary.ends_at + timedelta(days=7)
    with time_machine.travel(world.plenary.ends_at + timedelta(hours=1)):
        services.send_minutes_for_comment(minutes, actor=personas.officer, comment_deadline=deadline)
    minutes.refresh_from_db()
    return minutes


def test_attendees_comment_until_the_deadline(client, world, personas, sent):
    url = reverse("dialogue:minutes_comment", args=[sent.pk])
    with time_machine.travel(sent.comment_deadline - timedelta(minutes=1)):
        client.force_login(personas.provider_b)
        assert client.post(url, {"text": "Graag aanvullen."}).status_code == 302
    with time_machine.travel(sent.comment_deadline + timedelta(minutes=1)):
        client.force_login(personas.provider_b)
        response = client.post(url, {"text": "Te laat."})
    assert response.status_code == 400
    assert "De deadline voor commentaar is verstreken" in response.content.decode()
    assert list(MinutesComment.objects.values_list("text", flat=True)) == ["Graag aanvullen."]


def test_every_refused_comment_is_in_the_procurements_audit_trail(world, personas, sent):
    with time_machine.travel(sent.comment_deadline - timedelta(minutes=1)), pytest.raises(ValidationError):
        services.comment_on_minutes(sent, actor=personas.provider_b, text="   ")
    with time_machine.travel(sent.comment_deadline + timedelta(minutes=1)), pytest.raises(ValidationError):
        services.comment_on_minutes(sent, actor=personas.provider_b, text="Te laat.")
    refusals = AuditEntry.objects.filter(result=AuditEntry.Result.REFUSED).order_by("pk")
    assert list(refusals.values_list("action", "actor_id", "object_id", "procurement_id", "message")) == [
        (
            "dialogue.minutes.comment",
            personas.provider_b.pk,
            str(sent.pk),
            world.procurement.pk,
            "Schrijf uw commentaar.",
        ),
        (
            "dialogue.minutes.comment",
            personas.provider_b.pk,
            str(sent.pk),
            world.procurement.pk,
            "De deadline voor commentaar is verstreken; uw commentaar is niet aangenomen.",
        ),
    ]
    assert not MinutesComment.objects.exists()


def test_the_officer_processes_comments_before_fixing_and_fixed_minutes_are_read_only(world, personas, sent):
    comment = services.comment_on_minutes(sent, actor=personas.provider_a, text="Mijn naam ontbreekt.")
    with pytest.raises(ValidationError, match="Verwerk"):
        services.fix_minutes(sent, actor=personas.officer)
    services.process_comment(comment, actor=personas.officer, response="Naam toegevoegd.")
    services.fix_minutes(sent, actor=personas.officer)
    sent.refresh_from_db()
    assert sent.status == Minutes.Status.FIXED
    with pytest.raises(ValidationError):
        services.write_minutes(sent, actor=personas.officer, texts={})
    with pytest.raises(ValidationError):
        services.comment_on_minutes(sent, actor=personas.provider_a, text="Nog iets")


def test_reopening_makes_a_new_version_and_keeps_the_history(world, personas, sent):
    services.comment_on_minutes(sent, actor=personas.provider_a, text="Eerste opmerking")
    services.process_comment(sent.comments.get(), actor=personas.officer, response="Verwerkt")
    services.fix_minutes(sent, actor=personas.officer)
    new = services.reopen_minutes(Minutes.objects.get(pk=sent.pk), actor=personas.officer)
    assert new.version == 2 and new.status == Minutes.Status.DRAFT
    item = world.plenary.agenda_items.first()
    assert new.entries.get(agenda_item=item).text == "Besproken: wachttijden."
    assert Minutes.objects.get(pk=sent.pk).comments.count() == 1


def test_only_those_invited_comment_on_bilateral_minutes(client, world, personas):
    minutes = services.start_minutes(world.bilateral_a, actor=personas.officer)
    services.send_minutes_for_comment(
        minutes, actor=personas.officer, comment_deadline=world.bilateral_a.ends_at + timedelta(days=3)
    )
    client.force_login(personas.provider_b)
    assert (
        client.post(reverse("dialogue:minutes_comment", args=[minutes.pk]), {"text": "x"}).status_code == 404
    )
    assert not MinutesComment.objects.exists()


def test_the_editor_of_sent_minutes_is_gone_for_get_and_post_alike(client, world, personas, sent):
    """Sent minutes change only by fixing them: their editor answers 404 whatever the method, and a
    posted text changes nothing."""
    url = reverse("dialogue:minutes_edit", args=[world.plenary.pk])
    item = world.plenary.agenda_items.first()
    client.force_login(personas.officer)
    assert client.get(url).status_code == 404
    assert client.post(url, {f"item_{item.pk}": "Herschreven."}).status_code == 404
    assert sent.entries.get(agenda_item=item).text == "Besproken: wachttijden."
    assert Minutes.objects.get(pk=sent.pk).status == Minutes.Status.IN_COMMENT


def test_the_officer_writes_draft_minutes_through_the_editor(client, world, personas):
    url = reverse("dialogue:minutes_edit", args=[world.plenary.pk])
    item = world.plenary.agenda_items.first()
    client.force_login(personas.officer)
    assert client.get(url).status_code == 404  # no minutes started yet
    assert client.post(url).status_code == 302  # starts them
    assert client.get(url).status_code == 200
    assert client.post(url, {f"item_{item.pk}": "Besproken: wachttijden."}).status_code == 302
    assert services.current_minutes(world.plenary).entries.get(agenda_item=item).text == (
        "Besproken: wachttijden."
    )
