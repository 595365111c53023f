"""A real Celery worker on Redis makes the contract versions; a worker killed mid-render loses nothing."""

import time

import pytest

from contracts import services
from contracts.models import ContractVersion
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
