import pytest
from django.core.cache import cache

from config import health
from config.tasks import HEARTBEAT_KEY, record_worker_heartbeat

pytestmark = pytest.mark.django_db


def test_health_reports_database_broker_and_worker_as_json(client):
    cache.delete(HEARTBEAT_KEY)
    response = client.get("/health/")
    data = response.json()
    assert set(data["checks"]) == {"database", "broker", "worker"}
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["worker"] == "unknown"


def test_health_reports_the_worker_alive_after_a_heartbeat(client):
    record_worker_heartbeat.delay()
    assert client.get("/health/").json()["checks"]["worker"] == "ok"


def test_health_reports_a_stale_worker(client, settings):
    record_worker_heartbeat()
    settings.WORKER_HEARTBEAT_MAX_AGE = __import__("datetime").timedelta(seconds=-1)
    assert client.get("/health/").json()["checks"]["worker"] == "stale"


def test_health_is_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setattr(health, "broker_status", lambda: "down")
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
