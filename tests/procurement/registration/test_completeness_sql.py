"""The officer's overview decides completeness in SQL (to filter and paginate a long list); it must say
exactly what ``progress`` says for each registration, whatever is missing."""

import pytest

from procurement.models import ExclusionAnswer, Registration
from procurement.services.registration import (
    add_member,
    create_registration,
    lot_overview,
    progress,
    save_declaration,
    set_care_types,
)
from tests.procurement.factories_registration import complete_member, full_declaration, provider_admin

pytestmark = pytest.mark.django_db

ALL_CARE = ["ambulant", "jeugd-ggz", "verblijf"]


def single(world, care_codes=ALL_CARE, *, with_documents=True):
    membership = provider_admin()
    registration = create_registration(
        world.integral, lead=membership.organisation, form="single", actor=membership.user
    )
    member = registration.members.get()
    if care_codes:
        from procurement.models import CareType

        set_care_types(member, care_types=CareType.objects.filter(code__in=care_codes), actor=membership.user)
    save_declaration(
        member, full_declaration(world.procurement, with_documents=with_documents), actor=membership.user
    )
    return registration


def test_sql_completeness_agrees_with_progress_for_every_kind_of_gap(world):
    complete = single(world)
    no_care_types = single(world, care_codes=[])
    missing_care_type = single(world, care_codes=["ambulant"])
    no_document = single(world, with_documents=False)
    applies_unexplained = single(world)
    ExclusionAnswer.objects.filter(member__registration=applies_unexplained, ground="fraud").update(
        applies=True, explanation=""
    )
    ground_missing = single(world)
    ExclusionAnswer.objects.filter(member__registration=ground_missing, ground="corruption").delete()
    lonely = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    complete_member(lonely.members.get(), world.provider_a, ALL_CARE)
    partnership = create_registration(
        world.integral, lead=world.organisation_b, form="main_contractor", actor=world.provider_b
    )
    sub = add_member(partnership, kvk_number=world.organisation_c.kvk_number, actor=world.provider_b)
    complete_member(partnership.members.get(role="lead"), world.provider_b, ["ambulant", "jeugd-ggz"])
    complete_member(sub, world.provider_c, ["verblijf"])

    expected = {
        complete.pk: True,
        no_care_types.pk: False,
        missing_care_type.pk: False,
        no_document.pk: False,
        applies_unexplained.pk: False,
        ground_missing.pk: False,
        lonely.pk: False,
        partnership.pk: True,
    }
    in_sql = dict(lot_overview(world.integral).values_list("pk", "is_complete"))
    in_python = {pk: progress(Registration.objects.get(pk=pk)).complete for pk in expected}
    assert in_python == expected
    assert in_sql == expected
