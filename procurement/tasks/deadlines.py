from celery import shared_task

from procurement.services.deadlines import run_deadlines

__all__ = ["tick_deadlines"]


@shared_task(name="procurement.tasks.deadlines.tick_deadlines")
def tick_deadlines() -> dict:
    """Every minute (beat): close the windows whose deadline passed and send the reminders that are due.
    Idempotent, so a second run, a retried run or an overlapping run does nothing twice."""
    run = run_deadlines()
    return {"closed": len(run.closed), "notified": run.notified, "failed": run.failed}
