"""When a lot is split, its registrations are carried over to each new lot."""

from procurement.models import Registration
from procurement.services.procurements import split_lot
from procurement.services.registration import create_registration, submit_registration, withdraw_registration
from tests.procurement.factories_registration import complete_member


def test_a_split_lot_carries_its_registrations_to_each_new_lot(world):
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    withdrawn = create_registration(
        world.specific, lead=world.organisation_b, form="single", actor=world.provider_b
    )
    withdraw_registration(withdrawn, actor=world.provider_b)
    new_lots = split_lot(
        world.specific,
        actor=world.officer,
        reason="Kostprijsonderzoek",
        new_lots=[{"number": "2a", "title": "Instellingen"}, {"number": "2b", "title": "Vrijgevestigden"}],
    )
    original = Registration.objects.get(pk=registration.pk)
    for lot in new_lots:
        copy = lot.registrations.get()
        assert copy.carried_from == original and copy.status == "submitted"
        assert copy.submitted_at == original.submitted_at and copy.content_sha256 == original.content_sha256
        member = copy.members.get()
        assert list(member.care_types.values_list("code", flat=True)) == ["jeugd-ggz"]
        assert member.exclusion_answers.count() == 10 and member.documents.count() == 1
