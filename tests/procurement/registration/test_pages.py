"""The registration pages: the provider's editor, self-declaration, submit, receipt and withdrawal; the
officer's overview; and that nobody outside a registration sees anything of it (404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procurement.models import DeclarationDocument, ExclusionAnswer, Registration
from procurement.services.registration import (
    add_member,
    create_registration,
    invite_member,
    save_declaration,
    submit_registration,
)
from tests.factories import OrganisationFactory
from tests.procurement.factories_registration import complete_member, full_declaration


@pytest.fixture
def submitted(world, django_capture_on_commit_callbacks):
    """Provider A's submitted combination with C for the integral lot, with a document and a receipt."""
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    partner = add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    complete_member(registration.members.get(role="lead"), world.provider_a, ["ambulant", "jeugd-ggz"])
    complete_member(partner, world.provider_c, ["verblijf"])
    with django_capture_on_commit_callbacks(execute=True):
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    return Registration.objects.get(pk=registration.pk)


def url(name, *args):
    return reverse(f"procurement:{name}", args=args)


def test_a_provider_starts_a_draft_from_a_lot(client, world):
    client.force_login(world.provider_a)
    response = client.post(
        url("registration_start", world.procurement.pk, world.integral.pk),
        {"lead": world.organisation_a.pk, "form": "combination"},
    )
    registration = Registration.objects.get(lead=world.organisation_a)
    assert response.status_code == 302 and response["Location"] == url("registration", registration.pk)
    page = client.get(url("registration", registration.pk))
    assert "Jeugdhulp met verblijf" in page.content.decode()


def test_an_unknown_kvk_number_is_refused_in_dutch_and_keeps_the_input(client, world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    client.force_login(world.provider_a)
    for kvk, message in (("1234567", "precies 8 cijfers"), ("99999999", "Er is nog geen organisatie")):
        response = client.post(url("registration_add_member", registration.pk), {"kvk_number": kvk})
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html and f'value="{kvk}"' in html
    assert registration.members.count() == 1


def test_care_types_refresh_the_missing_list_with_htmx_and_without(client, world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    lead = registration.members.get()
    client.force_login(world.provider_a)
    ids = list(
        world.procurement.care_types.filter(code__in=["ambulant", "jeugd-ggz"]).values_list("pk", flat=True)
    )
    target = url("registration_care_types", registration.pk, lead.pk)
    partial = client.post(target, {f"member-{lead.pk}-care_types": ids}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert partial.status_code == 200 and 'id="missing-care-types"' in html and "<html" not in html
    assert "Jeugdhulp met verblijf" in html and "Ambulante jeugdhulp" not in html
    plain = client.post(target, {f"member-{lead.pk}-care_types": ids[:1]})
    assert plain.status_code == 302
    assert lead.care_types.count() == 1


def test_the_leads_editor_asks_no_query_per_member(client, world):
    """The lead's page has a care-types form in every row, and per member the invitation's state, the
    form to invite it again or the button to withdraw its invitation: as many queries for 1 member as
    for 5."""
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    client.force_login(world.provider_a)
    address = url("registration", registration.pk)
    with CaptureQueriesContext(connection) as one:
        assert client.get(address).content.decode().count("Zorgvormen geleverd door") == 1
    add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    never = OrganisationFactory()
    add_member(registration, kvk_number=never.kvk_number, actor=world.provider_a)
    for number in (1, 2):
        invite_member(
            registration,
            name=f"Nieuw {number}",
            kvk_number=f"8765432{number}",
            contact_email=f"{number}@vgk.test",
            actor=world.provider_a,
        )
    with CaptureQueriesContext(connection) as five:
        html = client.get(address).content.decode()
    assert html.count("Zorgvormen geleverd door") == 5
    assert html.count("intrekken</button>") == 2 and "opnieuw uitnodigen" in html
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]


def test_the_declaration_form_refuses_a_wrong_file_and_keeps_the_answers_entered(client, world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    lead = registration.members.get()
    question = world.procurement.suitability_questions.get(requires_document=True)
    client.force_login(world.provider_a)
    data = {"ground_fraud": "no", "ground_bankruptcy": "yes", "ground_bankruptcy_explanation": "Akkoord 2019"}
    data[f"document_{question.pk}"] = SimpleUploadedFile("certificaat.pdf", b"MZ not a pdf at all")
    response = client.post(url("registration_declaration", registration.pk, lead.pk), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "past niet bij de extensie" in html and "Akkoord 2019" in html
    assert not ExclusionAnswer.objects.exists() and not DeclarationDocument.objects.exists()


def test_an_exclusion_ground_that_applies_without_explanation_is_refused(client, world):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    client.force_login(world.provider_a)
    response = client.post(
        url("registration_declaration", registration.pk, registration.members.get().pk),
        {"ground_fraud": "yes"},
    )
    assert response.status_code == 400 and "Leg uit waarom" in response.content.decode()
    assert not ExclusionAnswer.objects.exists()


def test_submit_needs_the_confirmation_and_then_gives_a_receipt(
    client, world, django_capture_on_commit_callbacks
):
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    client.force_login(world.provider_a)
    refused = client.post(url("registration_submit", registration.pk), {})
    assert refused.status_code == 400 and Registration.objects.get(pk=registration.pk).status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("registration_submit", registration.pk), {"confirm": "on"})
    response = client.get(url("registration_receipt", registration.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_withdraw_from_the_page(client, world, submitted):
    client.force_login(world.provider_a)
    response = client.post(
        url("registration_withdraw", submitted.pk), {"confirm": "on", "reason": "Toch niet"}
    )
    assert response.status_code == 302
    assert Registration.objects.get(pk=submitted.pk).status == "withdrawn"


def test_provider_b_sees_nothing_of_provider_as_registration(client, world, submitted):
    document = DeclarationDocument.objects.filter(member__registration=submitted).first()
    member = submitted.members.get(role="lead")
    client.force_login(world.provider_b)
    for address in (
        url("registration", submitted.pk),
        url("registration_receipt", submitted.pk),
        url("registration_document", submitted.pk, document.pk),
        url("registration_declaration", submitted.pk, member.pk),
        url("registration_submit", submitted.pk),
        url("registration_withdraw", submitted.pk),
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "Aanbieder A" not in response.content.decode()
    for address in (url("registration_add_member", submitted.pk), url("registration_withdraw", submitted.pk)):
        assert client.post(address, {"kvk_number": "71000004", "confirm": "on"}).status_code == 404
    listing = client.get(url("my_registrations")).content.decode()
    assert "Aanbieder A" not in listing and "Aanbieder C" not in listing
    assert Registration.objects.get(pk=submitted.pk).status == "submitted"


def test_a_member_sees_the_registration_but_only_fills_in_its_own_part(client, world, submitted):
    client.force_login(world.provider_c)
    assert client.get(url("registration", submitted.pk)).status_code == 200
    assert client.get(url("registration_receipt", submitted.pk)).status_code == 200
    lead = submitted.members.get(role="lead")
    assert client.get(url("registration_declaration", submitted.pk, lead.pk)).status_code == 404
    assert client.get(url("registration_withdraw", submitted.pk)).status_code == 404
    lead_document = DeclarationDocument.objects.get(member=lead)
    own_document = DeclarationDocument.objects.exclude(member=lead).get(member__registration=submitted)
    assert client.get(url("registration_document", submitted.pk, lead_document.pk)).status_code == 404
    assert client.get(url("registration_document", submitted.pk, own_document.pk)).status_code == 200
    client.force_login(world.provider_a)
    assert client.get(url("registration_document", submitted.pk, own_document.pk)).status_code == 200


def test_anonymous_and_other_roles_are_kept_out(client, world, submitted):
    response = client.get(url("registration", submitted.pk))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    for persona in (world.officer, world.alderman, world.expert):
        client.force_login(persona)
        assert client.get(url("registration_receipt", submitted.pk)).status_code in (403, 404)


def test_the_officer_overview_filters_counts_and_flags(
    client, world, submitted, django_assert_max_num_queries
):
    other = create_registration(
        world.integral, lead=world.organisation_b, form="main_contractor", actor=world.provider_b
    )
    add_member(other, kvk_number=world.organisation_c.kvk_number, actor=world.provider_b)
    client.force_login(world.officer)
    address = url("registration_overview", world.procurement.pk, world.integral.pk)
    with django_assert_max_num_queries(20):
        html = client.get(address).content.decode()
    assert "Aanbieder A" in html and "Aanbieder B" in html and "ook in een andere aanmelding" in html
    incomplete = client.get(address, {"completeness": "incomplete"}).content.decode()
    assert "Aanbieder B" in incomplete and "Aanbieder A" not in incomplete
    submitted_only = client.get(address, {"status": "submitted"}).content.decode()
    assert "Aanbieder A" in submitted_only and "Aanbieder B" not in submitted_only
    assert (
        client.get(url("registration_officer_detail", world.procurement.pk, submitted.pk)).status_code == 200
    )


def test_the_overview_query_count_does_not_grow_with_registrations(
    client, world, django_assert_max_num_queries
):
    from tests.procurement.factories_registration import provider_admin

    for _ in range(6):
        membership = provider_admin()
        registration = create_registration(
            world.integral, lead=membership.organisation, form="single", actor=membership.user
        )
        save_declaration(
            registration.members.get(), full_declaration(world.procurement), actor=membership.user
        )
    client.force_login(world.officer)
    with django_assert_max_num_queries(20):
        assert (
            client.get(url("registration_overview", world.procurement.pk, world.integral.pk)).status_code
            == 200
        )


def test_another_regions_officer_and_providers_cannot_open_the_overview(client, world, submitted):
    for persona in (world.other_officer, world.provider_a):
        client.force_login(persona)
        for address in (
            url("registration_overview", world.procurement.pk, world.integral.pk),
            url("registration_officer_detail", world.procurement.pk, submitted.pk),
            url("registration_questions", world.procurement.pk),
        ):
            assert client.get(address).status_code in (403, 404)


def test_the_officer_adds_a_suitability_question_and_bad_input_is_refused(client, world):
    client.force_login(world.officer)
    address = url("registration_questions", world.procurement.pk)
    assert client.post(address, {"text": ""}).status_code == 400
    client.post(address, {"text": "Referenties van twee gemeenten?", "requires_document": "on"})
    assert world.procurement.suitability_questions.filter(requires_document=True).count() == 2


def test_my_registrations_lists_status_and_what_is_missing_in_few_queries(
    client, world, django_assert_max_num_queries
):
    from tests.factories import OrganisationFactory

    for lot in (world.integral, world.specific):
        create_registration(lot, lead=world.organisation_a, form="single", actor=world.provider_a)
    for _ in range(4):
        organisation = OrganisationFactory()
        world.provider_a.memberships.create(organisation=organisation, role="admin")
        create_registration(world.specific, lead=organisation, form="single", actor=world.provider_a)
    client.force_login(world.provider_a)
    with django_assert_max_num_queries(20):
        html = client.get(url("my_registrations")).content.decode()
    assert html.count("concept") >= 6 and "zorgvormen niet opgegeven" in html
