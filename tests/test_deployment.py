"""docker-compose.yml and the Dockerfile are kept correct by reading: no Docker engine runs here."""

import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_words(service: dict) -> list[str]:
    command = service["command"]
    if command[:2] == ["sh", "-c"]:
        return shlex.split(command[2].replace("&&", " ; "))
    return command


def test_compose_has_web_worker_beat_database_and_redis_with_health_checks():
    assert {"web", "worker", "beat", "db", "redis"} <= set(SERVICES)
    for name, service in SERVICES.items():
        assert "healthcheck" in service, f"{name} has no health check"


def test_compose_volumes_are_declared():
    declared = set(COMPOSE["volumes"])
    for service in SERVICES.values():
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in declared


def test_every_manage_py_command_in_compose_exists():
    words = [w for s in SERVICES.values() if "command" in s for w in command_words(s)]
    named = [words[i + 1] for i, w in enumerate(words) if w == "manage.py"]
    assert named, "compose should migrate through manage.py"
    for name in named:
        assert name in get_commands(), f"manage.py {name} does not exist"


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_commands_name_this_project_app(service):
    words = command_words(SERVICES[service])
    assert words[:3] == ["celery", "-A", "config"]
    assert words[3] in {"worker", "beat"}
    assert app.main == "dialoog"


def test_gunicorn_serves_the_projects_wsgi_application():
    words = command_words(SERVICES["web"])
    target = words[words.index("gunicorn") + 1]
    module, attribute = target.split(":")
    imported = __import__(module, fromlist=[attribute])
    assert callable(getattr(imported, attribute))


def test_redis_never_evicts_queued_tasks():
    assert "noeviction" in SERVICES["redis"]["command"]


def test_dockerfile_copies_the_files_the_install_needs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for name in ["package.json", "package-lock.json", "pyproject.toml"]:
        assert f"COPY {name}" in dockerfile or name in dockerfile.split("COPY", 2)[1]
        assert (ROOT / name).exists()
