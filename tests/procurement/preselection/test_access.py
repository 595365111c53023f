"""Provider B never sees provider A's decision or letter (not before publication, not after: pages, lists,
notifications, downloads and errors); officers of another region get 404; other roles 403."""

import pytest

from accounts.models import Notification
from procurement.models import Review
from tests.procurement.factories_preselection import decide, decide_all, publish

pytestmark = pytest.mark.django_db


def editor(registration) -> str:
    return f"/aanbestedingen/aanmeldingen/{registration.pk}/"


def letter(registration) -> str:
    return f"/aanbestedingen/aanmeldingen/{registration.pk}/besluit/"


def test_nothing_of_a_decision_is_visible_before_publication(client, world):
    decide(world.registration_a, world.officer, world.second_officer, motivation="Sterke referenties.")
    client.force_login(world.provider_a)
    page = client.get(editor(world.registration_a)).content.decode()
    assert "Preselectiebesluit" not in page and "Sterke referenties." not in page and "toegelaten" not in page
    assert client.get(letter(world.registration_a)).status_code == 404
    assert "toegelaten" not in client.get("/aanbestedingen/aanmeldingen/").content.decode()
    assert not Notification.objects.filter(user=world.provider_a, key__startswith="preselection").exists()


def test_a_provider_sees_only_its_own_decision_and_letter(client, world, django_capture_on_commit_callbacks):
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    client.force_login(world.provider_b)
    own = client.get(editor(world.registration_b)).content.decode()
    assert "Preselectiebesluit" in own and "Niet toegelaten" in own
    assert "Geen aantoonbare ervaring met jeugd-GGZ." in own
    assert "U kunt tot en met 30 maart 2026 bezwaar maken" in own
    assert "Aanbieder A" not in own and "Voldoet aan alle eisen." not in own
    response = client.get(letter(world.registration_b))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    foreign = client.get(letter(world.registration_a))
    missing = client.get(letter(type(world.registration_a)(pk=99999)))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content  # the error tells nothing about A's registration
    assert client.get(editor(world.registration_a)).status_code == 404
    listing = client.get("/aanbestedingen/aanmeldingen/").content.decode()
    assert "Aanbieder A" not in listing and "Aanbieder C" not in listing
    for notification in Notification.objects.filter(user=world.provider_b):
        assert "Aanbieder A" not in notification.subject + notification.body
    assert Notification.objects.filter(user=world.provider_b, key__startswith="preselection").count() == 1


def test_officer_pages_are_404_for_another_region_and_403_for_other_roles(client, world):
    review = decide(world.registration_a, world.officer, world.second_officer)
    base = f"/aanbestedingen/{world.procurement.pk}"
    urls = [
        f"{base}/aanmeldingen/{world.registration_a.pk}/beoordeling/",
        f"{base}/percelen/{world.specific.pk}/besluiten-publiceren/",
        f"{base}/percelen/{world.specific.pk}/criteria/",
    ]
    posts = [
        f"{base}/aanmeldingen/{world.registration_b.pk}/beoordeling/bevestigen/",
        f"{base}/aanmeldingen/{world.registration_b.pk}/beoordeling/terugsturen/",
        f"{base}/percelen/{world.specific.pk}/besluiten-publiceren/",
    ]
    client.force_login(world.other_officer)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    assert [client.post(url, {"confirm": "on", "remark": "x"}).status_code for url in posts] == [
        404,
        404,
        404,
    ]
    for persona in (world.provider_a, world.alderman, world.assessor):
        client.force_login(persona)
        assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    client.logout()
    assert all(client.get(url).status_code == 302 for url in urls)
    assert Review.objects.get(pk=review.pk).published_at is None
