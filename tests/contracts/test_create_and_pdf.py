import io
from datetime import date

import pytest
import time_machine
from pypdf import PdfReader

from contracts import jobs, services
from contracts.models import Contract, ContractVersion
from tests.contracts.factories_contracts import AGREEMENTS, contract_world


def pdf_text(version: ContractVersion) -> str:
    version.file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(version.file.read()))
    finally:
        version.file.close()
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
@time_machine.travel("2026-11-25 12:00 +0000", tick=False)
def test_a_contract_takes_parties_agreements_budget_kpis_and_term_from_the_lot(personas):
    world = contract_world(personas)
    contract = world.contract
    assert contract.number == f"{world.procurement.reference}-1-1"
    assert contract.status == Contract.Status.DRAFT
    assert contract.start == date(2027, 1, 1)
    assert contract.end == date(2035, 12, 31)
    assert contract.agreement_set_number == world.lot.agreement_set.number
    assert contract.agreements.count() == len(AGREEMENTS)
    assert sorted(contract.kpis.values_list("name", flat=True)) == [
        "Cliënttevredenheid",
        "Wachttijd in weken",
    ]
    assert list(contract.budget_years.values_list("year", "maximum")) == [(2027, 1250000)]
    assert list(contract.termination_conditions.values_list("title", flat=True)) == [
        "Ontbinding bij wanprestatie"
    ]
    assert list(contract.evaluations.values_list("after_year", "due")) == [
        (3, date(2030, 1, 1)),
        (6, date(2033, 1, 1)),
    ]
    municipalities = contract.parties.filter(municipality__isnull=False).count()
    assert municipalities == world.procurement.municipalities.count() > 0
    assert contract.parties.get(organisation=personas.organisation_a).role == "hoofdaannemer"
    assert contract.implementation_too_short


@pytest.mark.django_db
def test_without_a_closed_dialogue_the_agreed_agreements_are_frozen_into_the_contract(personas):
    from dialogue.models import Agreement
    from tests.contracts.factories_contracts import agreed_lot

    world = agreed_lot(personas, close=False)
    contract = services.create_contract(world.lot, personas.organisation_a, actor=personas.officer)
    Agreement.objects.filter(title="Hulp in de wijk").update(text="Later veranderd.")
    assert contract.agreements.get(title="Hulp in de wijk").text == "Zo dichtbij mogelijk bij het gezin."
    assert contract.agreement_set_number == ""


@pytest.mark.django_db
def test_a_second_contract_with_the_same_party_for_the_lot_is_refused(personas):
    world = contract_world(personas)
    with pytest.raises(services.Refused):
        services.create_contract(world.lot, personas.organisation_a, actor=personas.officer)
    other = services.create_contract(world.lot, personas.organisation_b, actor=personas.officer)
    assert other.number.endswith("-1-2")


@pytest.mark.django_db
def test_the_pdf_holds_parties_every_agreement_budget_kpis_version_and_hash(personas, committed):
    world = contract_world(personas)
    version = committed(services.request_version, world.contract, actor=personas.officer)
    assert version.state == ContractVersion.State.DONE
    text = pdf_text(version)
    assert world.contract.number in text
    assert "Aanbieder A" in text
    for party in world.contract.parties.filter(municipality__isnull=False):
        assert str(party.municipality) in text
    for spec in AGREEMENTS:
        assert spec["title"] in text
    assert "1250000" in text.replace(".", "").replace(",", "")
    assert "Wachttijd in weken" in text and "Cliënttevredenheid" in text
    assert "Artikel 1" in text and "Inhoud" in text
    assert f"versie {version.number}" in text
    assert version.sha256 in text.replace("\n", "")
    assert len(version.sha256) == 64


@pytest.mark.django_db
def test_running_the_task_twice_makes_one_version(personas, committed):
    from contracts.tasks import make_contract_version

    world = contract_world(personas)
    version = committed(services.request_version, world.contract, actor=personas.officer)
    version.refresh_from_db()
    first = (version.file.name, version.sha256)
    assert make_contract_version.apply(args=[version.pk]).get() is False
    version.refresh_from_db()
    assert (version.file.name, version.sha256) == first
    assert world.contract.versions.count() == 1


@pytest.mark.django_db
def test_each_regeneration_is_a_new_version_and_old_ones_stay(personas, committed):
    world = contract_world(personas)
    first = committed(services.request_version, world.contract, actor=personas.officer)
    second = committed(services.request_version, world.contract, actor=personas.officer)
    assert [v.number for v in world.contract.versions.all()] == [2, 1]
    assert services.latest_version(world.contract) == second
    first.refresh_from_db()
    assert first.file


@pytest.mark.django_db
def test_the_officer_template_is_rendered_with_the_placeholders_only(personas, committed):
    world = contract_world(personas)
    services.update_template(
        world.procurement,
        "<p>Aanbieder: {{ provider }}; nummer {{ contract_number }}</p>",
        actor=personas.officer,
    )
    version = committed(services.request_version, world.contract, actor=personas.officer)
    version.refresh_from_db()
    assert f"Aanbieder: Aanbieder A; nummer {world.contract.number}" in pdf_text(version)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "{% load static %}",
        "{% include 'base.html' %}",
        "{% if %}",
        "{{ provider|safe }}",
        "{% debug %}",
        "{{ provider.__class__ }}",
    ],
)
def test_a_template_with_an_error_or_a_forbidden_tag_is_refused_and_the_old_one_kept(personas, text):
    from django.core.exceptions import ValidationError

    world = contract_world(personas)
    services.update_template(world.procurement, "<p>Oud</p>", actor=personas.officer)
    with pytest.raises(ValidationError) as refused:
        services.update_template(world.procurement, text, actor=personas.officer)
    assert "vorige sjabloon blijft" in " ".join(refused.value.messages)
    assert jobs.template_text(world.procurement) == "<p>Oud</p>"


@pytest.mark.django_db
def test_the_template_cannot_reach_beyond_the_plain_placeholders(personas):
    world = contract_world(personas)
    context = jobs.template_context(world.contract)
    assert all(isinstance(v, (str, int, list)) or hasattr(v, "isoformat") for v in context.values())
    rendered = jobs.render_template_text(
        "{{ settings.SECRET_KEY }}{{ request.user }}{{ contract.organisation.memberships }}x", context
    )
    assert rendered == "x"
