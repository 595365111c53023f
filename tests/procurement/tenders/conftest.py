from types import SimpleNamespace

import pytest

from tests.procurement.factories_tenders import _tender_key, tender_procurement  # noqa: F401


@pytest.fixture
def world(personas):
    procurement, lot, invitation = tender_procurement(
        personas.officer, [personas.organisation_a, personas.organisation_b]
    )
    return SimpleNamespace(**vars(personas), procurement=procurement, lot=lot, invitation=invitation)
