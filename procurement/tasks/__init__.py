"""Celery tasks of the procurement, one module per area; imported here so that autodiscovery finds them."""

from .deadlines import *  # noqa: F403
from .preselection import *  # noqa: F403
from .questions import *  # noqa: F403
from .registration import *  # noqa: F403
from .tenders import *  # noqa: F403
