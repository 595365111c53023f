"""The procurement pages lead to the work that belongs to them, and only for the right people."""

import pytest
from django.urls import reverse

from procurement.models import Procurement
from procurement.services.procurements import register_participant
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


def test_a_registered_provider_finds_documents_questions_answers_and_lot_registration(client, personas):
    procurement = make_procurement(personas.officer)
    Procurement.objects.filter(pk=procurement.pk).update(current_phase="registration")
    register_participant(procurement, personas.organisation_a, actor=personas.provider_a)
    client.force_login(personas.provider_a)
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    for name in ("procurement:documents", "procurement:questions", "procurement:answers"):
        assert reverse(name, args=[procurement.pk]) in page
    lot = procurement.lots.get(number="1")
    assert reverse("procurement:registration_start", args=[procurement.pk, lot.pk]) in page


def test_an_unregistered_provider_is_told_to_register_first(client, personas):
    procurement = make_procurement(personas.officer)
    client.force_login(personas.provider_b)
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert reverse("procurement:documents", args=[procurement.pk]) not in page
    assert "Meld u aan als aanbieder" in page


def test_the_officer_page_links_to_documents_registrations_dialogue_and_history(client, personas):
    procurement = make_procurement(personas.officer)
    client.force_login(personas.officer)
    page = client.get(reverse("procurement:manage", args=[procurement.pk])).content.decode()
    lot = procurement.lots.get(number="2")
    assert reverse("procurement:registration_overview", args=[procurement.pk, lot.pk]) in page
    assert reverse("dialogue:planner", args=[procurement.pk]) in page
    assert f"{reverse('dashboards:audit')}?procurement={procurement.pk}" in page
