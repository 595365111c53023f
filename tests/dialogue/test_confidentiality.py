"""Bilateral material is for that participant and the officers; plenary for the lot's participants and
the invited guests; another region's officer sees nothing. Wrong side is 404."""

import pytest
from django.urls import reverse

from accounts.models import Notification
from dialogue import services
from tests.dialogue.factories_dialogue import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(world, personas):
    paper = services.upload_position_paper(
        world.bilateral_a, actor=personas.provider_a, theme=world.themes[0], upload=pdf_upload("geheim-a.pdf")
    )
    item = world.bilateral_a.agenda_items.first()
    document = services.attach_document(item, pdf_upload("agenda-a.pdf"), actor=personas.officer)
    minutes = services.start_minutes(world.bilateral_a, actor=personas.officer)
    return {"paper": paper, "document": document, "minutes": minutes, "item": item}


def urls_of_a(world, material):
    return [
        reverse("dialogue:session", args=[world.bilateral_a.pk]),
        reverse("dialogue:session_ics", args=[world.bilateral_a.pk]),
        reverse("dialogue:paper_download", args=[material["paper"].pk]),
        reverse("dialogue:document_download", args=[material["document"].pk]),
    ]


def test_participant_b_never_sees_a_bilateral_material(client, world, personas, material):
    client.force_login(personas.provider_b)
    for url in urls_of_a(world, material):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("dialogue:session_rsvp", args=[world.bilateral_a.pk]), {"attending": "yes"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("dialogue:session_paper", args=[world.bilateral_a.pk]),
            {"theme": world.themes[0].pk, "file": pdf_upload()},
        ).status_code
        == 404
    )
    page = client.get(reverse("dialogue:participant")).content.decode()
    assert "Bilateraal A" not in page and "Bilateraal B" in page
    feed = client.get(reverse("dialogue:my_calendar")).content.decode()
    assert "Bilateraal A" not in feed and "Bilateraal B" in feed and feed.count("BEGIN:VEVENT") == 2
    assert not Notification.objects.filter(
        user=personas.provider_b, key__contains=f"{world.bilateral_a.pk}."
    ).exists()


def test_participant_a_and_the_officer_see_the_bilateral_material(client, world, personas, material):
    for user in (personas.provider_a, personas.officer, personas.second_officer):
        client.force_login(user)
        for url in urls_of_a(world, material):
            assert client.get(url).status_code == 200, (user, url)
        assert (
            client.get(reverse("dialogue:session", args=[world.bilateral_a.pk]))
            .content.decode()
            .count("geheim-a.pdf")
            == 1
        )


def test_plenary_material_is_for_all_participants_of_the_lot(client, world, personas):
    document = services.attach_document(
        world.plenary.agenda_items.first(), pdf_upload("plenair.pdf"), actor=personas.officer
    )
    for user in (personas.provider_a, personas.provider_b):
        client.force_login(user)
        assert client.get(reverse("dialogue:document_download", args=[document.pk])).status_code == 200


def test_a_guest_sees_only_the_sessions_they_are_invited_to(client, world, personas, material):
    plenary_document = services.attach_document(
        world.plenary.agenda_items.first(), pdf_upload("plenair.pdf"), actor=personas.officer
    )
    client.force_login(personas.expert)
    assert client.get(reverse("dialogue:session", args=[world.plenary.pk])).status_code == 404
    services.invite_guest(world.plenary, personas.expert.email, actor=personas.officer)
    assert client.get(reverse("dialogue:session", args=[world.plenary.pk])).status_code == 200
    assert client.get(reverse("dialogue:document_download", args=[plenary_document.pk])).status_code == 200
    for url in urls_of_a(world, material):
        assert client.get(url).status_code == 404
    page = client.get(reverse("dialogue:guest")).content.decode()
    assert "Plenaire sessie" in page and "Bilateraal" not in page
    assert Notification.objects.filter(
        user=personas.expert, key=f"dialogue.session.{world.plenary.pk}.invitation"
    )


def test_a_guest_cannot_be_invited_to_a_bilateral_session(world, personas):
    with pytest.raises(Exception, match="vertrouwelijk"):
        services.invite_guest(world.bilateral_a, personas.expert.email, actor=personas.officer)


def test_another_regions_officer_sees_nothing(client, world, personas, material):
    client.force_login(personas.other_officer)
    agreement = services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[0],
        lots=[world.lot],
        kind="content",
        title="Wachttijd",
        text="Maximaal 4 weken.",
    )
    urls = [
        *urls_of_a(world, material),
        reverse("dialogue:session", args=[world.plenary.pk]),
        reverse("dialogue:planner", args=[world.procurement.pk]),
        reverse("dialogue:agreement", args=[agreement.pk]),
        reverse("dialogue:minutes_edit", args=[world.bilateral_a.pk]),
        reverse("dialogue:item", args=[material["item"].pk]),
        reverse("dialogue:agreement_set_pdf", args=[world.lot.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("dialogue:lot_close", args=[world.lot.pk])).status_code == 404
    world.lot.refresh_from_db()
    assert world.lot.dialogue_closed_at is None
    assert "Plenaire" not in client.get(reverse("dialogue:my_calendar")).content.decode()


def test_anonymous_is_sent_to_the_login_page(client, world, material):
    for url in urls_of_a(world, material):
        assert client.get(url).status_code == 302


def test_a_provider_cannot_reach_the_officer_pages(client, world, personas):
    client.force_login(personas.provider_a)
    assert client.get(reverse("dialogue:planner", args=[world.procurement.pk])).status_code == 403
    assert client.get(reverse("dialogue:minutes_edit", args=[world.bilateral_a.pk])).status_code == 404


def test_agreement_comments_are_seen_by_their_organisation_and_the_officers(client, world, personas):
    agreement = services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[0],
        lots=[world.lot],
        kind="content",
        title="Wachttijd",
        text="Maximaal 4 weken.",
    )
    services.comment_on_agreement(agreement, actor=personas.provider_a, text="Opmerking van A")
    url = reverse("dialogue:agreement", args=[agreement.pk])
    client.force_login(personas.provider_b)
    assert "Opmerking van A" not in client.get(url).content.decode()
    client.force_login(personas.officer)
    assert "Opmerking van A" in client.get(url).content.decode()


def test_the_participant_page_does_not_grow_in_queries(
    client, world, personas, django_assert_max_num_queries
):
    client.force_login(personas.provider_a)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("dialogue:participant")).status_code == 200


def test_the_session_page_does_not_grow_in_queries(
    client, world, personas, material, django_assert_max_num_queries
):
    client.force_login(personas.officer)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("dialogue:session", args=[world.bilateral_a.pk])).status_code == 200
