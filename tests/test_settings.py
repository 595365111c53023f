"""The embedded default needs no environment; production settings pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE']); print(s.CELERY_BROKER_URL); print(s.DEBUG)"
)


def clean_env(**extra):
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    return {**keep, "DJANGO_SETTINGS_MODULE": "config.settings", **extra}


def production_env() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text().split("# --- production ---", 1)[1].splitlines()
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {key: value for key, value in pairs}


def run(code_or_args, env):
    args = [sys.executable, "-c", code_or_args] if isinstance(code_or_args, str) else code_or_args
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_no_environment_means_sqlite_and_the_filesystem_broker(tmp_path):
    result = run(PRINT_SETTINGS, clean_env())
    assert result.returncode == 0, result.stderr
    engine, broker, debug = result.stdout.split()
    assert engine == "common.backends.sqlite3"
    assert broker == "filesystem://"
    assert debug == "True"


def test_database_and_broker_urls_switch_to_postgresql_and_redis():
    env = clean_env(DATABASE_URL="postgres://u@db:5432/x", CELERY_BROKER_URL="redis://redis:6379/0")
    result = run(PRINT_SETTINGS, env)
    assert result.returncode == 0, result.stderr
    engine, broker, _ = result.stdout.split()
    assert engine == "common.backends.postgresql"
    assert broker == "redis://redis:6379/0"


def test_production_settings_pass_check_deploy():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        clean_env(**production_env()),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = clean_env(**{**production_env(), "SECRET_KEY": ""})
    result = run(PRINT_SETTINGS, env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_env_example_documents_every_variable_the_settings_read():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    import re

    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#? ?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()
