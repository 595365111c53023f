"""The provider's pages: the open procurements, a procurement's timeline and lots, and registering as a
provider for it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from procurement.models import Participant, Procurement
from procurement.services.phases import schedule_phase
from tests.factories import MembershipFactory, UserFactory, make_procurement
from tests.procurement.pages_support import audit_actions

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_procurements_and_where_the_provider_is_registered(client, personas):
    published = make_procurement(personas.officer, title="Open aanbesteding")
    make_procurement(personas.officer, title="Nog een concept", published=False)
    cancelled = make_procurement(personas.officer, title="Ingetrokken aanbesteding")
    Procurement.objects.filter(pk=cancelled.pk).update(status=Procurement.Status.CANCELLED)
    Participant.objects.create(
        procurement=published, organisation=personas.organisation_a, registered_by=personas.provider_a
    )
    client.force_login(personas.provider_a)
    page = client.get(reverse("procurement:provider_list")).content.decode()
    assert "Open aanbesteding" in page and "u bent aangemeld" in page
    assert "Nog een concept" not in page and "Ingetrokken aanbesteding" not in page
    client.force_login(personas.provider_b)
    assert "u bent aangemeld" not in client.get(reverse("procurement:provider_list")).content.decode()


def test_the_provider_list_query_count_does_not_grow(client, personas, django_assert_max_num_queries):
    for _ in range(6):
        make_procurement(personas.officer)
    client.force_login(personas.provider_a)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("procurement:provider_list"))
    assert response.content.decode().count("Perceel 2: Jeugd-GGZ") == 6


def test_the_procurement_page_shows_the_timeline_with_the_current_phase_and_the_lots(client, personas):
    procurement = make_procurement(personas.officer, phase="registration")
    phase = procurement.phases.get(key="registration")
    schedule_phase(
        phase,
        actor=personas.officer,
        planned_start=timezone.make_aware(timezone.datetime(2026, 10, 1, 9, 0)),
        deadline=timezone.make_aware(timezone.datetime(2026, 11, 2, 12, 0)),
    )
    client.force_login(personas.provider_a)
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert page.count('aria-current="step"') == 1
    assert "aanmelding <strong" in page
    assert "2 november 2026 12:00" in page  # Dutch local time
    assert "Perceel 1: Integraal perceel" in page and "Jeugd-GGZ" in page
    assert "Aanmelden als aanbieder voor deze aanbesteding" in page


def test_a_provider_registers_its_organisation_once(client, personas):
    procurement = make_procurement(personas.officer)
    client.force_login(personas.provider_a)
    url = reverse("procurement:register", args=[procurement.pk])
    response = client.post(url, {"organisation": personas.organisation_a.pk}, follow=True)
    assert "Aanbieder A is aangemeld als aanbieder voor deze aanbesteding." in response.content.decode()
    participant = Participant.objects.get()
    assert (participant.organisation, participant.registered_by) == (
        personas.organisation_a,
        personas.provider_a,
    )
    assert audit_actions(procurement, "participant.register")
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert "Aangemeld voor deze aanbesteding: Aanbieder A</p>" in page
    assert "Aanmelden als aanbieder voor deze aanbesteding" not in page
    again = client.post(url, {"organisation": personas.organisation_a.pk})
    assert again.status_code == 400 and Participant.objects.count() == 1


def test_a_provider_with_several_organisations_chooses_one(client, personas):
    procurement = make_procurement(personas.officer)
    second = MembershipFactory(user=personas.provider_a, organisation__name="Tweede Zorg BV").organisation
    client.force_login(personas.provider_a)
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert "Aanbieder A" in page and "Tweede Zorg BV" in page
    client.post(reverse("procurement:register", args=[procurement.pk]), {"organisation": second.pk})
    assert list(Participant.objects.values_list("organisation__name", flat=True)) == ["Tweede Zorg BV"]
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert f'<option value="{personas.organisation_a.pk}"' in page
    assert f'<option value="{second.pk}"' not in page


def test_a_provider_without_organisation_cannot_register(client, personas):
    procurement = make_procurement(personas.officer)
    loner = UserFactory(roles=[Role.PROVIDER_MEMBER])
    client.force_login(loner)
    page = client.get(reverse("procurement:detail", args=[procurement.pk])).content.decode()
    assert "U treedt nog niet op namens een organisatie." in page
    response = client.post(reverse("procurement:register", args=[procurement.pk]), {"organisation": ""})
    assert response.status_code == 400 and not Participant.objects.exists()
