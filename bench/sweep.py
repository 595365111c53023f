"""The deadline sweep: one run of the deadline task when 10,000 provider members are to be reminded."""

import time

from accounts.models import Notification
from common.timezone import server_now
from demo.load_data import generate_deadline_sweep
from procurement.services.deadlines import run_deadlines

OPEN_ITEMS = 10_000


def measure(open_items: int = OPEN_ITEMS) -> tuple[float, int]:
    """Seconds for ``run_deadlines`` and the number of notifications it made (each reminder once)."""
    now = server_now()
    procurement = generate_deadline_sweep(open_items, now=now)
    before = Notification.objects.count()
    started = time.perf_counter()
    run = run_deadlines(now)
    seconds = time.perf_counter() - started
    made = Notification.objects.count() - before
    if made < open_items:
        raise RuntimeError(f"the sweep of {procurement.reference} reminded {made} of {open_items} members")
    return seconds, run.notified
