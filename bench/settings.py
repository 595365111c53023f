"""Settings for the benchmark run: the project's settings, plus a trivial view for the HTTP baseline
(it exists only under these settings), plain static files (no collectstatic manifest needed) and no
e-mail: the fictional providers the deadline sweep reminds are never mailed."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS, STORAGES

ROOT_URLCONF = "bench.urls"
if "demo" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
