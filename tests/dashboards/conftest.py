import pytest
import time_machine

from tests.dashboards.factories_dashboards import NOW, scheduled_procurement


@pytest.fixture
def zk_procurement(personas):
    """The ZK/IJ procurement with its phases planned around ``NOW``."""
    with time_machine.travel(NOW, tick=False):
        return scheduled_procurement(personas.officer)
