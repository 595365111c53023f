from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from dialogue.models import PositionPaper
from tests.dialogue.factories_dialogue import pdf_upload

pytestmark = pytest.mark.django_db


def deliver(client, world, upload):
    return client.post(
        reverse("dialogue:session_paper", args=[world.bilateral_a.pk]),
        {"theme": world.themes[0].pk, "file": upload},
    )


def test_a_participant_delivers_a_position_paper(client, world, personas):
    client.force_login(personas.provider_a)
    assert deliver(client, world, pdf_upload()).status_code == 302
    paper = PositionPaper.objects.get()
    assert paper.participant == world.participant_a and paper.original_name == "positie.pdf"


def test_an_oversized_paper_is_refused_with_a_dutch_message(client, world, personas, settings):
    settings.UPLOAD_MAX_BYTES = 20
    client.force_login(personas.provider_a)
    response = deliver(client, world, pdf_upload())
    assert response.status_code == 400
    assert "de limiet is 20" in response.content.decode()
    assert not PositionPaper.objects.exists()


def test_a_paper_of_the_wrong_type_is_refused(client, world, personas):
    client.force_login(personas.provider_a)
    response = deliver(client, world, pdf_upload("positie.txt", b"gewone tekst"))
    assert "Bestanden van het type .txt worden niet geaccepteerd" in response.content.decode()
    assert not PositionPaper.objects.exists()


def test_a_paper_after_the_deadline_is_refused(client, world, personas):
    with time_machine.travel(world.bilateral_a.paper_deadline + timedelta(seconds=1)):
        client.force_login(personas.provider_a)
        response = deliver(client, world, pdf_upload())
    assert "De deadline voor positiepapers is verstreken." in response.content.decode()
    assert not PositionPaper.objects.exists()
