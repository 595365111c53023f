"""A contract world: the dialogue world of lot 1 with agreed agreements of every kind (one with a KPI,
one with a budget, one contractual), the dialogue closed, and a contract with provider A."""

from decimal import Decimal
from types import SimpleNamespace

from contracts import services as contracts
from dialogue import services as dialogue
from procurement.models import Registration, RegistrationMember
from tests.dialogue.factories_dialogue import dialogue_world

AGREEMENTS = [
    {"kind": "content", "title": "Hulp in de wijk", "text": "Zo dichtbij mogelijk bij het gezin."},
    {
        "kind": "content",
        "title": "Wachttijd",
        "text": "Binnen vier weken start de hulp.",
        "kpi_name": "Wachttijd in weken",
        "kpi_definition": "Gemiddelde weken tussen aanmelding en start",
        "kpi_unit": "weken",
        "kpi_target": Decimal("4.00"),
        "kpi_frequency": "yearly",
    },
    {
        "kind": "content",
        "title": "Tevredenheid",
        "text": "Cliënten zijn tevreden.",
        "kpi_name": "Cliënttevredenheid",
        "kpi_definition": "Gemiddeld rapportcijfer",
        "kpi_unit": "cijfer",
        "kpi_target": Decimal("7.50"),
        "kpi_frequency": "yearly",
    },
    {
        "kind": "financial",
        "title": "Jaarbudget",
        "text": "Het maximum per jaar.",
        "budget_amount": Decimal("1250000.00"),
        "budget_year": 2027,
    },
    {"kind": "contractual", "title": "Ontbinding bij wanprestatie", "text": "Na twee jaar onder de norm."},
]


def agreed_lot(personas, *, extra: int = 0, close: bool = True) -> SimpleNamespace:
    world = dialogue_world(personas)
    officer = personas.officer
    specs = AGREEMENTS + [
        {"kind": "content", "title": f"Extra afspraak {n}", "text": "Tekst van de afspraak. " * 40}
        for n in range(extra)
    ]
    for number, spec in enumerate(specs):
        agreement = dialogue.propose_agreement(
            world.procurement, actor=officer, theme=world.themes[number % 2], lots=[world.lot], **spec
        )
        dialogue.change_agreement_status(agreement, actor=officer, status="agreed")
    if close:
        dialogue.close_dialogue(world.lot, actor=officer)
    return world


def contract_world(personas, **kwargs) -> SimpleNamespace:
    world = agreed_lot(personas, **kwargs)
    world.contract = contracts.create_contract(world.lot, personas.organisation_a, actor=personas.officer)
    return world


def signatory(personas):
    """Provider A's user as the authorised signatory of organisation A."""
    personas.provider_a.memberships.update(is_signatory=True)
    return personas.provider_a


def partnership(lot, lead, officer, *members):
    """A submitted registration of ``lead`` for the lot with ``members`` as (organisation, role)."""
    registration = Registration.objects.create(
        lot=lot, lead=lead, form=Registration.Form.COMBINATION, status="submitted", created_by=officer
    )
    RegistrationMember.objects.create(registration=registration, organisation=lead, role="lead")
    for organisation, role in members:
        RegistrationMember.objects.create(registration=registration, organisation=organisation, role=role)
    return registration
