"""Publishing the preselection decisions makes the admitted registrations the lot's dialogue participants."""

from dialogue.models import DialogueParticipant
from tests.procurement.factories_preselection import preselection_world
from tests.procurement.preselection.test_publication import decide_all, publish


def test_publication_admits_the_admitted_leads_to_the_dialogue_once(
    personas, django_capture_on_commit_callbacks
):
    world = preselection_world(personas)
    decide_all(world)
    publish(world, django_capture_on_commit_callbacks)
    participants = DialogueParticipant.objects.filter(lot=world.specific)
    assert set(participants.values_list("organisation", flat=True)) == {
        world.registration_a.lead_id,
        world.registration_c.lead_id,
    }
    assert participants.count() == 2


def test_the_dialogue_participants_are_the_ones_proposed_for_the_invitation_to_tender(personas):
    from django.utils import timezone

    from dialogue.models import DialogueParticipant as Participant
    from procurement.services.tenders import proposed_invitees
    from tests.factories import make_procurement

    procurement = make_procurement(personas.officer)
    lot = procurement.lots.get(number="1")
    Participant.objects.create(lot=lot, organisation=personas.organisation_a, admitted_at=timezone.now())
    Participant.objects.create(
        lot=lot, organisation=personas.organisation_b, admitted_at=timezone.now(), left_at=timezone.now()
    )
    assert proposed_invitees(lot) == [personas.organisation_a]
    assert proposed_invitees(procurement.lots.get(number="2")) == []
