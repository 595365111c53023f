from types import SimpleNamespace

import pytest

from tests.procurement.factories_registration import (
    lots,
    make_admin,
    provider_admin,
    registration_procurement,
)


@pytest.fixture
def world(personas):
    """Personas plus a procurement in its registration phase; provider A and B administer their
    organisations; C and D are further providers (admins) to add as members."""
    make_admin(personas.provider_a, personas.organisation_a)
    make_admin(personas.provider_b, personas.organisation_b)
    procurement = registration_procurement(personas.officer)
    integral, specific = lots(procurement)
    c = provider_admin(organisation__name="Aanbieder C", organisation__kvk_number="71000003")
    d = provider_admin(organisation__name="Aanbieder D", organisation__kvk_number="71000004")
    return SimpleNamespace(
        **vars(personas),
        procurement=procurement,
        integral=integral,
        specific=specific,
        provider_c=c.user,
        organisation_c=c.organisation,
        provider_d=d.user,
        organisation_d=d.organisation,
    )
