"""The parties of a draft contract beyond the lead: the officer adds a member of the awarded partnership
with its role, or removes one; nothing changes once the contract left draft."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from contracts import services
from contracts.models import Contract, ContractParty
from tests.contracts.factories_contracts import contract_world, partnership
from tests.factories import MembershipFactory


@pytest.fixture
def draft(personas):
    world = contract_world(personas)
    world.partner = MembershipFactory(organisation__name="Partner P").organisation
    world.sub = MembershipFactory(organisation__name="Onderaannemer O").organisation
    world.stranger = MembershipFactory(organisation__name="Vreemde V").organisation
    partnership(
        world.lot,
        personas.organisation_a,
        personas.officer,
        (world.partner, "partner"),
        (world.sub, "subcontractor"),
    )
    return world


def organisations(contract) -> list[str]:
    return sorted(
        ContractParty.objects.filter(contract=contract, organisation__isnull=False).values_list(
            "organisation__name", flat=True
        )
    )


def add_url(contract) -> str:
    return reverse("contracts:party_add", args=[contract.pk])


@pytest.mark.django_db
def test_the_officer_adds_and_removes_a_member_of_the_partnership(client, personas, draft):
    client.force_login(personas.officer)
    detail = reverse("contracts:detail", args=[draft.contract.pk])
    text = client.get(detail).content.decode()
    assert "Partner P" in text and "Vreemde V" not in text
    response = client.post(
        add_url(draft.contract), {"organisation": draft.partner.pk, "role": "combinatiepartner"}
    )
    assert response.status_code == 302
    assert organisations(draft.contract) == ["Aanbieder A", "Partner P"]
    party = draft.contract.parties.get(organisation=draft.partner)
    assert party.role == "combinatiepartner"
    assert "Partner P verwijderen" in client.get(detail).content.decode()
    remove = reverse("contracts:party_remove", args=[draft.contract.pk, party.pk])
    assert client.post(remove).status_code == 302
    assert organisations(draft.contract) == ["Aanbieder A"]
    assert list(
        AuditEntry.objects.filter(action__startswith="contracts.party.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["contracts.party.add", "contracts.party.remove"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organisation": "", "role": "partner"}, "Dit veld is verplicht."),
        ({"role": "partner"}, "Dit veld is verplicht."),
        ({"organisation": "stranger", "role": "partner"}, "Selecteer een geldige keuze."),
        ({"organisation": "lead", "role": "partner"}, "Selecteer een geldige keuze."),
        ({"organisation": "partner", "role": "   "}, "Dit veld is verplicht."),
        (
            {"organisation": "partner", "role": "x" * 101},
            "Zorg dat deze waarde niet meer dan 100 tekens bevat",
        ),
        ({"organisation": "nonsense", "role": "partner"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_party_input_gets_a_dutch_message_and_nothing_is_added(client, personas, draft, data, message):
    names = {"stranger": draft.stranger.pk, "lead": personas.organisation_a.pk, "partner": draft.partner.pk}
    data = {key: names.get(value, value) for key, value in data.items()}
    client.force_login(personas.officer)
    response = client.post(add_url(draft.contract), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert organisations(draft.contract) == ["Aanbieder A"]


@pytest.mark.django_db
def test_the_service_refuses_a_stranger_a_second_time_and_the_lead_and_municipalities(personas, draft):
    officer = personas.officer
    with pytest.raises(ValidationError, match="geen lid van het gegunde samenwerkingsverband"):
        services.add_party(draft.contract, draft.stranger, actor=officer, role="partner")
    services.add_party(draft.contract, draft.sub, actor=officer, role="onderaannemer")
    with pytest.raises(ValidationError, match="al partij"):
        services.add_party(draft.contract, draft.sub, actor=officer, role="onderaannemer")
    for party in draft.contract.parties.exclude(organisation=draft.sub):
        with pytest.raises(ValidationError, match="De gemeenten en de hoofdaanbieder blijven partij"):
            services.remove_party(party, actor=officer)
    assert AuditEntry.objects.filter(action="contracts.party.add", result="refused").count() == 2
    assert AuditEntry.objects.filter(action="contracts.party.remove", result="refused").exists()


@pytest.mark.django_db
def test_parties_cannot_change_after_the_contract_left_draft(client, personas, draft):
    party = services.add_party(draft.contract, draft.sub, actor=personas.officer, role="onderaannemer")
    Contract.objects.filter(pk=draft.contract.pk).update(status=Contract.Status.READY)
    client.force_login(personas.officer)
    detail = client.get(reverse("contracts:detail", args=[draft.contract.pk])).content.decode()
    assert "Partij toevoegen" not in detail and "verwijderen" not in detail
    with pytest.raises(ValidationError, match="Alleen een conceptcontract kan zo worden gewijzigd"):
        services.add_party(draft.contract, draft.partner, actor=personas.officer, role="partner")
    response = client.post(reverse("contracts:party_remove", args=[draft.contract.pk, party.pk]), follow=True)
    assert "Alleen een conceptcontract kan zo worden gewijzigd" in response.content.decode()
    assert organisations(draft.contract) == ["Aanbieder A", "Onderaannemer O"]


@pytest.mark.django_db
def test_wrong_sides_cannot_change_the_parties(client, personas, draft):
    party = services.add_party(draft.contract, draft.sub, actor=personas.officer, role="onderaannemer")
    remove = reverse("contracts:party_remove", args=[draft.contract.pk, party.pk])
    data = {"organisation": draft.partner.pk, "role": "partner"}
    for user, expected in (
        (personas.provider_a, 403),
        (personas.provider_b, 403),
        (personas.alderman, 403),
        (personas.other_officer, 404),
    ):
        client.force_login(user)
        assert client.post(add_url(draft.contract), data).status_code == expected
        assert client.post(remove).status_code == expected
    client.logout()
    assert client.post(add_url(draft.contract), data)["Location"].startswith(reverse("accounts:login"))
    assert organisations(draft.contract) == ["Aanbieder A", "Onderaannemer O"]


@pytest.mark.django_db
def test_a_party_without_a_role_is_refused_and_the_refusal_is_in_the_procurements_audit_trail(
    personas, draft
):
    with pytest.raises(ValidationError) as refused:
        services.add_party(draft.contract, draft.partner, actor=personas.officer, role="   ")
    assert refused.value.message_dict == {"role": ["Geef de rol van de partij."]}
    assert organisations(draft.contract) == ["Aanbieder A"]
    entry = AuditEntry.objects.get(action="contracts.party.add")
    assert (entry.result, entry.object_id, entry.procurement_id, entry.message) == (
        "refused",
        str(draft.contract.pk),
        draft.procurement.pk,
        "Geef de rol van de partij.",
    )
