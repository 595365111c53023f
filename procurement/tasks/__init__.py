"""Celery tasks of the procurement, one module per area; imported here so that autodiscovery finds them."""

from .registration import *  # noqa: F403
