import pytest

from tests.dialogue.factories_dialogue import dialogue_world


@pytest.fixture
def world(personas):
    return dialogue_world(personas)
