"""A real Celery worker on Redis makes the contract versions; a worker killed mid-render or a broker down
when the version is requested loses nothing."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from contracts import services
from contracts.models import ContractVersion
from contracts.tasks import sweep_contract_versions
from tests.broker import broker_down
from tests.contracts.factories_contracts import contract_world


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_version(personas, celery_worker_process):
    world = contract_world(personas)
    version = services.request_version(world.contract, actor=personas.officer)
    assert wait_for(lambda: ContractVersion.objects.get(pk=version.pk).state == "done")
    version.refresh_from_db()
    assert version.file.read().startswith(b"%PDF")
    assert world.contract.versions.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_leaves_the_request_and_the_retry_makes_exactly_one_version(
    personas, celery_worker_process
):
    from tests.worker import running_worker

    world = contract_world(personas, extra=120)  # a long document: the render takes a while
    version = services.request_version(world.contract, actor=personas.officer)
    log = celery_worker_process.log
    assert wait_for(lambda: f"rendering contract version {version.pk}".encode() in log.read_bytes())
    celery_worker_process.kill()
    assert ContractVersion.objects.get(pk=version.pk).state == "pending"
    assert services.sweep_pending_versions(older_than=__import__("datetime").timedelta(0)) == 1
    with running_worker(log.with_name("worker-restarted.log")):
        assert wait_for(lambda: ContractVersion.objects.get(pk=version.pk).state == "done", 120)
    assert world.contract.versions.count() == 1
    version.refresh_from_db()
    assert version.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_a_version_requested_with_the_broker_down_is_kept_and_the_sweep_makes_it_once(
    client, personas, django_capture_on_commit_callbacks
):
    world = contract_world(personas)
    client.force_login(personas.officer)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("contracts:version_new", args=[world.contract.pk]), {"reason": "Nieuwe begroting"}
        )
    assert response.status_code == 302
    version = world.contract.versions.get()
    assert version.state == ContractVersion.State.PENDING and not version.file
    assert AuditEntry.objects.filter(action="contracts.version.request", result="success").count() == 1

    assert sweep_contract_versions() == 0  # a worker may still be rendering a version this fresh
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert sweep_contract_versions() == 1  # eager here: the version is made at once
        assert sweep_contract_versions() == 0
    version.refresh_from_db()
    assert version.state == ContractVersion.State.DONE and version.file.read().startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="contracts.version.made", object_id=str(version.pk)).count() == 1
