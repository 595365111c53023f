"""Publishing the invitation to tender: criteria weights add up to 100, the deadline defaults to the
submission phase's, the invitees are those the eligibility sources propose (the dialogue participants),
or the registered providers for a procedure without a dialogue."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from procurement.models import InvitationToTender, Phase, Procurement, TenderInvitation
from procurement.services import tenders as services
from procurement.services.procurements import register_participant
from tests.procurement.factories_tenders import CRITERIA, tender_procurement


@pytest.fixture
def fresh(personas):
    """A procurement whose lot 1 has a published invitation document but no invitation to tender yet."""
    from procurement.models import Document
    from procurement.services.documents import create_document, publish_version, upload_version
    from tests.procurement.factories_tenders import pdf

    procurement, _lot2, _inv = tender_procurement(personas.officer, [personas.organisation_a])
    lot = procurement.lots.get(number="1")
    document = create_document(
        procurement, actor=personas.officer, kind=Document.Kind.INVITATION, title="Uitnodiging", lot=lot
    )
    publish_version(upload_version(document, pdf(), actor=personas.officer), actor=personas.officer)
    personas.procurement, personas.lot = procurement, lot
    return personas


def publish(world, **overrides):
    arguments = {
        "organisations": [world.organisation_a, world.organisation_b],
        "agreement_set": "Afsprakenset integraal v1",
        "criteria": CRITERIA,
        "required_documents": ["Plan van aanpak"],
        "price_questions": ["Totaalprijs"],
        "actor": world.officer,
    }
    return services.publish_invitation(world.lot, **{**arguments, **overrides})


def test_the_deadline_defaults_to_the_submission_phase_and_invitees_are_stored(fresh):
    invitation = publish(fresh)
    phase = Phase.objects.get(procurement=fresh.procurement, key="submission")
    assert invitation.submission_deadline == phase.deadline
    assert set(TenderInvitation.objects.filter(lot=fresh.lot).values_list("organisation", flat=True)) == {
        fresh.organisation_a.pk,
        fresh.organisation_b.pk,
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"criteria": [("Kwaliteit", 60), ("Prijs", 30)]}, "samen 100"),
        ({"criteria": []}, "minstens één gunningscriterium"),
        ({"organisations": []}, "Nodig minstens één organisatie uit"),
        ({"agreement_set": " "}, "afsprakenset"),
        ({"required_documents": []}, "minstens één document"),
    ],
)
def test_bad_invitations_are_refused_in_dutch_and_nothing_is_saved(fresh, overrides, message):
    with pytest.raises(ValidationError) as refused:
        publish(fresh, **overrides)
    assert message in refused.value.messages[0]
    assert not InvitationToTender.objects.filter(lot=fresh.lot).exists()


def test_a_deadline_after_the_phase_deadline_is_refused(fresh):
    phase = Phase.objects.get(procurement=fresh.procurement, key="submission")
    with pytest.raises(ValidationError):
        publish(fresh, deadline=phase.deadline + timedelta(hours=1))


def test_only_an_officer_of_the_procurement_publishes(fresh):
    with pytest.raises(ValidationError):
        publish(fresh, actor=fresh.other_officer)


def test_the_eligibility_sources_propose_the_invitees(fresh, monkeypatch):
    monkeypatch.setattr(services, "tender_eligibility_sources", [lambda lot: [fresh.organisation_b]])
    assert services.proposed_invitees(fresh.lot) == [fresh.organisation_b]


def test_without_a_source_a_dialogue_procedure_proposes_nobody_and_an_open_one_its_participants(fresh):
    register_participant(fresh.procurement, fresh.organisation_a, actor=fresh.officer)
    assert services.proposed_invitees(fresh.lot) == []
    Procurement.objects.filter(pk=fresh.procurement.pk).update(procedure="open")
    fresh.lot.procurement.refresh_from_db()
    assert services.proposed_invitees(fresh.lot) == [fresh.organisation_a]


def test_the_officer_publishes_through_the_page(client, fresh, monkeypatch):
    monkeypatch.setattr(services, "tender_eligibility_sources", [lambda lot: [fresh.organisation_a]])
    url = reverse("procurement:tender_publish_invitation", args=[fresh.procurement.pk, fresh.lot.pk])
    client.force_login(fresh.officer)
    assert "Aanbieder A" in client.get(url).content.decode()
    bad = client.post(
        url,
        {
            "organisations": [fresh.organisation_a.pk],
            "agreement_set": "A",
            "criteria": "Kwaliteit; 50",
            "required_documents": "Plan",
        },
    )
    assert "samen 100" in bad.content.decode()
    response = client.post(
        url,
        {
            "organisations": [fresh.organisation_a.pk],
            "agreement_set": "Afsprakenset 3",
            "criteria": "Kwaliteit; 70\nPrijs; 30",
            "required_documents": "Plan van aanpak",
            "price_questions": "Totaalprijs",
        },
    )
    assert response.status_code == 302
    invitation = InvitationToTender.objects.get(lot=fresh.lot)
    assert [(c.name, c.weight) for c in invitation.criteria.all()] == [("Kwaliteit", 70), ("Prijs", 30)]
    client.force_login(fresh.other_officer)
    assert client.get(url).status_code == 404
    client.force_login(fresh.provider_a)
    assert client.get(url).status_code == 403
    assert timezone.now() < invitation.submission_deadline
