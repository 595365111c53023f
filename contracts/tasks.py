from celery import shared_task

from . import jobs, services


@shared_task(name="contracts.tasks.make_contract_version", acks_late=True)
def make_contract_version(version_id: int) -> bool:
    """Render a requested contract version (idempotent: the pending row is filled once)."""
    return jobs.make_contract_version(version_id)


@shared_task(name="contracts.tasks.sweep_contract_versions")
def sweep_contract_versions() -> int:
    """Beat: enqueue again the versions left pending (a broker down at the request, or a dead worker)."""
    return services.sweep_pending_versions()


@shared_task(name="contracts.tasks.remind_contract_evaluations")
def remind_contract_evaluations() -> int:
    """Beat: raise the evaluation moments to the officers months ahead (once each)."""
    return services.remind_evaluations()


@shared_task(name="contracts.tasks.end_expired_contracts")
def end_expired_contracts() -> int:
    """Beat: end the running contracts whose end date has passed."""
    return services.end_expired_contracts()
