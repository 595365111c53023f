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
