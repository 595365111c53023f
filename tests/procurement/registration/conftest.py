import pytest

from tests.procurement.factories_registration import build_world


@pytest.fixture
def world(personas):
    return build_world(personas)
