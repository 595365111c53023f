from celery import shared_task

from .services import make_version_file, remind_evaluations, sweep_pending_versions


@shared_task(acks_late=True)
def make_contract_version(version_id: int) -> bool:
    """Render a requested contract version (idempotent: the pending row is filled once)."""
    return make_version_file(version_id)


@shared_task
def sweep_contract_versions() -> int:
    """Beat: enqueue again the versions a dead worker left pending."""
    return sweep_pending_versions()


@shared_task
def remind_contract_evaluations() -> int:
    """Beat: raise the evaluation moments to the officers months ahead (once each)."""
    return remind_evaluations()
