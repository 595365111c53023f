"""The rendered list of published answers is cached per procurement, language and version, and the page
per reader: a round published through the service shows at once, and the permission check stays outside
the cache."""

import pytest
from django.urls import reverse

from demo import load_data
from procurement.models import Answer, AnswerRound
from procurement.services.questions import publish_round
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return load_data.generate(1, factor=0.02).regions[0]


def test_a_newly_published_round_shows_at_once(client, world):
    url = reverse("procurement:answers", args=[world.procurement.pk])
    client.force_login(world.provider)
    assert "Nota van Inlichtingen 2" in client.get(url).content.decode()
    answer_round = AnswerRound.objects.create(procurement=world.procurement, number=3)
    Answer.objects.create(
        procurement=world.procurement,
        round=answer_round,
        number=999,
        question_text="Nieuwe vraag na de cache",
        answer_text="Nieuw antwoord na de cache",
        answered_by=world.officer,
    )
    assert "Nieuw antwoord na de cache" not in client.get(url).content.decode()  # not published yet
    publish_round(answer_round, actor=world.officer)
    assert "Nieuw antwoord na de cache" in client.get(url).content.decode()


def test_a_provider_that_is_not_registered_gets_nothing_from_the_cache(client, world):
    url = reverse("procurement:answers", args=[world.procurement.pk])
    client.force_login(world.provider)
    assert "Vraag 0 over paragraaf" in client.get(url).content.decode()
    outsider = MembershipFactory().user
    from accounts.roles import Role

    outsider.add_role(Role.PROVIDER_MEMBER)
    client.force_login(outsider)
    html = client.get(url).content.decode()
    assert "De antwoorden worden gepubliceerd aan de geregistreerde aanbieders" in html
    assert "Vraag 0 over paragraaf" not in html
