import pytest

from tests.procurement.factories_preselection import preselection_world


@pytest.fixture
def world(personas):
    return preselection_world(personas)
