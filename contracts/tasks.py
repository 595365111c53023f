from celery import shared_task

from . import services


@shared_task(acks_late=True)
def make_contract_version(version_id: int) -> bool:
    """Render a requested contract version (idempotent: the pending row is filled once)."""
    return services.make_version_file(version_id)


@shared_task
def sweep_contract_versions() -> int:
    """Beat: enqueue again the versions left pending (a broker down at the request, or a dead worker)."""
    return services.sweep_pending_versions()


@shared_task
def remind_contract_evaluations() -> int:
    """Beat: raise the evaluation moments to the officers months ahead (once each)."""
    return services.remind_evaluations()


@shared_task
def end_expired_contracts() -> int:
    """Beat: end the running contracts whose end date has passed."""
    return services.end_expired_contracts()
