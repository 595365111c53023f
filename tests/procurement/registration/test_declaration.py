"""Each member's administrators fill in their own part of the self-declaration; documents are checked by
content and size and kept in versions; a refused file saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from procurement.models import DeclarationDocument, ExclusionAnswer
from procurement.services.registration import Declaration, add_member, create_registration, save_declaration
from tests.procurement.factories_registration import full_declaration, pdf_upload


@pytest.fixture
def partnership(world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    partner = add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    return registration, registration.members.get(role="lead"), partner


def test_each_member_fills_in_only_its_own_part(world, partnership):
    _, lead, partner = partnership
    with pytest.raises(ValidationError) as refused:
        save_declaration(partner, full_declaration(world.procurement), actor=world.provider_a)
    assert "Aanbieder C" in refused.value.messages[0]
    save_declaration(partner, full_declaration(world.procurement), actor=world.provider_c)
    assert ExclusionAnswer.objects.filter(member=partner).count() == 10
    assert not ExclusionAnswer.objects.filter(member=lead).exists()


def test_a_plain_member_of_the_organisation_is_not_its_administrator(world, partnership):
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=world.organisation_c).user
    with pytest.raises(ValidationError):
        save_declaration(partnership[2], full_declaration(world.procurement), actor=colleague)


def test_a_wrong_file_type_is_refused_in_dutch_and_saves_nothing(world, partnership):
    partner = partnership[2]
    declaration = full_declaration(world.procurement, with_documents=False)
    question = world.procurement.suitability_questions.get(requires_document=True)
    declaration.uploads = {question.pk: SimpleUploadedFile("certificaat.pdf", b"MZ\x90\x00 not a pdf")}
    with pytest.raises(ValidationError) as refused:
        save_declaration(partner, declaration, actor=world.provider_c)
    assert "past niet bij de extensie" in " ".join(refused.value.messages)
    assert not ExclusionAnswer.objects.filter(member=partner).exists()
    assert not DeclarationDocument.objects.exists()


def test_a_new_upload_is_a_new_version(world, partnership):
    partner = partnership[2]
    question = world.procurement.suitability_questions.get(requires_document=True)
    for _ in range(2):
        save_declaration(partner, Declaration(uploads={question.pk: pdf_upload()}), actor=world.provider_c)
    assert list(partner.documents.values_list("number", flat=True)) == [2, 1]


def test_an_exclusion_ground_that_applies_needs_an_explanation_to_be_complete(world, partnership):
    from procurement.services.registration import member_missing

    partner = partnership[2]
    declaration = full_declaration(world.procurement)
    declaration.exclusions["bankruptcy"] = (True, "")
    save_declaration(partner, declaration, actor=world.provider_c)
    questions = list(world.procurement.suitability_questions.all())
    assert any("toelichting" in m for m in member_missing(partner, questions))
