"""Settings for the benchmark run: the project's settings, plus a trivial view for the HTTP baseline
(it exists only under these settings) and plain static files (no collectstatic manifest needed)."""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "bench.urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
