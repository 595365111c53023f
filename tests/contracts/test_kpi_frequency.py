"""The reporting frequency of a contract KPI comes from the frozen agreement set as its value, whatever
language the dialogue was closed in; a set frozen with the frequency's name still gives the value."""

import pytest
from django.utils import translation

from contracts import services
from dialogue.models import FrozenAgreement
from tests.contracts.factories_contracts import agreed_lot

pytestmark = pytest.mark.django_db

WAITING, SATISFACTION = "Wachttijd in weken", "Cliënttevredenheid"


def frequencies(contract) -> dict[str, str]:
    return dict(contract.kpis.values_list("name", "frequency"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_dialogue_closed_in_either_language_gives_contract_kpis_the_frequency_value(personas, language):
    with translation.override(language):
        world = agreed_lot(personas)
    frozen = FrozenAgreement.objects.filter(agreement_set__lot=world.lot).exclude(kpi={})
    assert sorted(f.kpi["frequency"] for f in frozen) == ["yearly", "yearly"]
    contract = services.create_contract(world.lot, personas.organisation_a, actor=personas.officer)
    assert frequencies(contract) == {WAITING: "yearly", SATISFACTION: "yearly"}


@pytest.mark.parametrize(("name", "value"), [("per kwartaal", "quarterly"), ("Maandelijks", "monthly")])
def test_a_set_frozen_with_the_dutch_name_of_the_frequency_still_gives_its_value(personas, name, value):
    world = agreed_lot(personas)
    frozen = FrozenAgreement.objects.get(agreement_set__lot=world.lot, kpi__name=WAITING)
    frozen.kpi["frequency"] = name
    frozen.save(update_fields=["kpi"])
    contract = services.create_contract(world.lot, personas.organisation_a, actor=personas.officer)
    assert frequencies(contract) == {WAITING: value, SATISFACTION: "yearly"}
