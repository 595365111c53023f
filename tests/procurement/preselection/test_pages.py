"""The officer pages: review (propose, confirm, send back) through the forms, review progress in the
registration overview, the publish page with its reasons, all with bounded query counts."""

import pytest

from audit.models import AuditEntry
from procurement.models import Review
from tests.procurement.factories_preselection import decide, submitted_single

pytestmark = pytest.mark.django_db


def review_url(world, registration) -> str:
    return f"/aanbestedingen/{world.procurement.pk}/aanmeldingen/{registration.pk}/beoordeling/"


def proposal(world, *, reason: str = "Voldoet.") -> dict:
    data = {"outcome": "admitted", "motivation": "Voldoet aan alle eisen."}
    for criterion in world.criteria:
        data[f"criterion_{criterion.pk}"] = "yes"
        data[f"reason_{criterion.pk}"] = reason
    return data


def test_two_officers_review_through_the_pages(client, world):
    url = review_url(world, world.registration_a)
    client.force_login(world.officer)
    response = client.post(url, proposal(world, reason=""))
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Review.objects.exists()
    assert client.post(url, proposal(world)).status_code == 302
    page = client.get(url).content.decode()
    assert "U hebt dit besluit zelf voorgesteld" in page and "Besluit bevestigen" not in page
    response = client.post(url + "bevestigen/", follow=True)
    assert "U hebt dit besluit zelf voorgesteld" in response.content.decode()
    assert Review.objects.get().status == "proposed"
    assert AuditEntry.objects.filter(action="preselection.confirm", result="refused").count() == 1

    client.force_login(world.second_officer)
    response = client.post(url + "terugsturen/", {"remark": ""}, follow=True)
    assert "Geef aan waarom u het voorstel terugstuurt." in response.content.decode()
    client.post(url + "terugsturen/", {"remark": "Motiveer criterium 2 beter."})
    assert Review.objects.get().status == "sent_back"
    page = client.get(url).content.decode()
    assert "Motiveer criterium 2 beter." in page and "Voorstel herzien" in page

    client.force_login(world.officer)
    assert client.post(url, proposal(world, reason="Drie referenties overlegd.")).status_code == 302
    client.force_login(world.second_officer)
    client.post(url + "bevestigen/")
    review = Review.objects.get()
    assert (review.status, review.decided_by) == ("confirmed", world.second_officer)


def test_the_overview_shows_review_progress_in_bounded_queries(client, world, django_assert_max_num_queries):
    decide(world.registration_a, world.officer, world.second_officer)
    client.force_login(world.officer)
    url = f"/aanbestedingen/{world.procurement.pk}/percelen/{world.specific.pk}/aanmeldingen/"
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "nog niet beoordeeld: 2" in page and "bevestigd: 1" in page
    assert review_url(world, world.registration_b) in page
    type(world.procurement).objects.filter(pk=world.procurement.pk).update(current_phase="registration")
    from tests.procurement.factories_registration import provider_admin

    for n in range(5):
        extra = provider_admin(organisation__name=f"Extra {n}")
        submitted_single(world.specific, extra.organisation, extra.user)
    with django_assert_max_num_queries(30):
        page = client.get(url).content.decode()
    assert "nog niet beoordeeld: 7" in page


def test_the_publish_page_shows_why_not_and_then_publishes(client, world, django_capture_on_commit_callbacks):
    decide(world.registration_a, world.officer, world.second_officer)
    client.force_login(world.officer)
    url = f"/aanbestedingen/{world.procurement.pk}/percelen/{world.specific.pk}/besluiten-publiceren/"
    page = client.get(url).content.decode()
    assert "2 aanmelding(en) hebben nog geen bevestigd besluit." in page
    assert client.post(url, {"confirm": "on"}).status_code == 400
    decide(world.registration_b, world.officer, world.second_officer, admitted=False)
    decide(world.registration_c, world.officer, world.second_officer)
    assert client.post(url, {}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    world.specific.refresh_from_db()
    assert world.specific.preselection_published_at is not None
    assert not Review.objects.filter(letter="").exists()


def test_the_review_page_of_a_partnership_is_query_bounded(client, personas, django_assert_max_num_queries):
    from tests.procurement.factories_preselection import preselection_world

    world = preselection_world(personas, with_integral=True)
    decide(world.partnership, world.officer, world.second_officer)
    client.force_login(world.second_officer)
    with django_assert_max_num_queries(30):
        page = client.get(review_url(world, world.partnership)).content.decode()
    assert "Aanbieder C" in page and "Bevestigd door" in page and "Integraal aanbod" in page
