"""Dialoog settings: one module, read from the environment (12-factor).

With no environment at all the portal runs on an embedded default: SQLite in the project folder,
Celery over kombu's filesystem transport in ``var/``, and a file cache shared by web and worker.
Production differs only by variables (see ``.env.example``).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "guardian",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # the project, lowest layer first
    "regions",
    "audit",
    "accounts",
    "procurement",
    "dialogue",
    "contracts",
    "dashboards",
]
# The demo world (seed_demo, generate_load_data, demo_totp): in the embedded default, the tests and the
# benchmarks; production leaves it out unless DEMO asks for it.
DEMO = env.bool("DEMO", default=DEBUG)
if DEMO:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.notifications",
            ],
            "libraries": {"tables": "common.tables"},
            # Dates, times and amounts in the reader's language in every template: |day, |moment, |money.
            "builtins": ["common.formats"],
        },
    },
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Django's engines with on_rollback, so that a file written in a transaction that rolls back goes too
# (common/rollback.py).
DATABASES["default"]["ENGINE"] = {
    "django.db.backends.postgresql": "common.backends.postgresql",
    "django.db.backends.sqlite3": "common.backends.sqlite3",
}[DATABASES["default"]["ENGINE"]]
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}
# How long a dashboard or the answers page is kept per reader (common.cache.per_reader_page); 0: not kept.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=30)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "dashboards:home"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)

# Login throttling (django-axes): five failures per account and address lock that pair for a while;
# the lock ends by itself, so an attacker cannot lock an account forever, and the message is the same
# whether or not the account exists.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.views.login.login_name_for_throttling"
AXES_LOCKOUT_CALLABLE = "accounts.views.login.locked_out"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "common.rollback.TransactionalFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Dialoog <noreply@dialoog.example>")

# Security: everything that check --deploy asks for, driven by variables so that the embedded
# default keeps working over plain http.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", False) else None
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache and written through to the database: no session query per page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): only the portal's own files; no inline script or style, no
# plugins, no framing, forms post only to the portal.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Powerful browser features the portal never uses are switched off (config.middleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Second factor (django-otp): officers, assessors and administrators confirm a TOTP code (or a
# single-use recovery code) after their password before they see any page. On in production.
OTP_REQUIRED_FOR_STAFF_ROLES = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Dialoog"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Optional virus scanner: ClamAV's clamd over its Unix socket. Unset: no scan. Set and the daemon down:
# uploads are refused (fail closed).
CLAMAV_SOCKET = env("CLAMAV_SOCKET", default="")
CLAMAV_TIMEOUT = env.int("CLAMAV_TIMEOUT", default=30)

# Celery: a real broker when CELERY_BROKER_URL is set; otherwise kombu's filesystem transport under
# var/, so that `make run` has a real worker and beat without Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery' / 'results'}")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "broker"),
        "data_folder_out": str(VAR_DIR / "celery" / "broker"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)}
)
if CELERY_BROKER_URL.startswith("filesystem") or CELERY_RESULT_BACKEND.startswith("file://"):
    for folder in ("broker", "processed", "results", "control"):
        (VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=10 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=9 * 60)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="dialoog")
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "config.tasks.record_worker_heartbeat", "schedule": 60.0},
    # Deadlines and the e-mail outbox: idempotent, so a run that expired unrun is simply the next one's.
    "procurement-deadlines": {
        "task": "procurement.tasks.deadlines.tick_deadlines",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "notification-outbox-sweep": {
        "task": "accounts.tasks.sweep_notification_outbox",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "monthly-council-reports": {
        "task": "dashboards.tasks.make_monthly_council_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
    },
    "registration-receipts": {
        "task": "procurement.tasks.registration.make_missing_registration_receipts",
        "schedule": 300.0,
    },
    "nota-van-inlichtingen-sweep": {
        "task": "procurement.tasks.questions.make_missing_notas_van_inlichtingen",
        "schedule": 300.0,
    },
    "dialogue-session-reminders": {"task": "dialogue.tasks.send_session_reminders", "schedule": 15 * 60.0},
    "agreement-set-pdfs": {"task": "dialogue.tasks.make_missing_agreement_set_pdfs", "schedule": 300.0},
    "preselection-decision-letters": {
        "task": "procurement.tasks.preselection.make_missing_decision_letters",
        "schedule": 300.0,
    },
    "tender-pdfs": {"task": "procurement.tasks.tenders.make_missing_tender_pdfs", "schedule": 300.0},
    "tender-awards-final": {
        "task": "procurement.tasks.tenders.finalise_due_awards",
        "schedule": crontab(minute=5, hour="*"),
    },
    "contract-versions-sweep": {"task": "contracts.tasks.sweep_contract_versions", "schedule": 300.0},
    "contract-evaluation-reminders": {
        "task": "contracts.tasks.remind_contract_evaluations",
        "schedule": crontab(minute=30, hour=6),
    },
    "contracts-ended": {
        "task": "contracts.tasks.end_expired_contracts",
        "schedule": crontab(minute=15, hour=0),
    },
}
WORKER_HEARTBEAT_MAX_AGE = timedelta(minutes=3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Which clock decides deadlines: "database" (PostgreSQL's clock_timestamp(), in production) or
# "application" (Django's clock; the embedded SQLite default and tests with a frozen clock).
DEADLINE_CLOCK = env("DEADLINE_CLOCK", default="database")

# Tenders: the key that encrypts tender files and answers at rest (a Fernet key, outside the database);
# with DEBUG on and no key, one is derived from SECRET_KEY; with DEBUG off the vault refuses to work.
# The second officer confirms the opening of the vault within this many hours of the first.
TENDER_ENCRYPTION_KEY = env("TENDER_ENCRYPTION_KEY", default="")
TENDER_OPENING_WINDOW_HOURS = env.int("TENDER_OPENING_WINDOW_HOURS", default=24)

# Demo seeding is refused with DEBUG off unless forced (see seed_demo).
DEMO_PASSWORD = "dialoog-demo"
