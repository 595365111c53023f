"""PDFs: seconds per council report and per Nota van Inlichtingen in-process, and bulk council reports
by a real Celery worker with 1 and 2 processes, with the peak memory of the worker processes."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common.tasks import registered
from common.timezone import server_now
from dashboards.jobs import council_report_pdf
from dashboards.models import CouncilReport
from dashboards.services import month_of
from procurement.jobs.questions import make_nota_van_inlichtingen
from procurement.models import AnswerRound, Procurement

from .report import percentile

ROOT = Path(__file__).resolve().parent.parent
BULK_REPORTS = 12


def council_report_seconds(procurement: Procurement, runs: int = 3) -> float:
    now = server_now()
    council_report_pdf(procurement, period=month_of(now), now=now)  # warm up fonts and templates
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        council_report_pdf(procurement, period=month_of(now), now=now)
        times.append(time.perf_counter() - started)
    return percentile(times, 50)


def nvi_seconds(runs: int = 3) -> tuple[float, int]:
    """Median seconds to make the NvI PDF of a published round (render and store), and its answers."""
    rounds = list(
        AnswerRound.objects.filter(published_at__isnull=False, pdf__isnull=True).order_by("pk")[:runs]
    )
    times, answers = [], 0
    for answer_round in rounds:
        answers = max(answers, answer_round.answers.count())
        started = time.perf_counter()
        make_nota_van_inlichtingen(answer_round.pk)
        times.append(time.perf_counter() - started)
    return percentile(times, 50), answers


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _memory_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class BulkFigures:
    workers: int
    items: int
    seconds: float
    per_minute: float
    peak_rss_mb: float


def with_worker(
    env: dict[str, str], concurrency: int, log: Path, *, warm_up: Callable[[], None], work: Callable[[], int]
) -> BulkFigures:
    """Time ``work`` (it returns the number of items, once all are made) on a fresh Celery worker with
    ``concurrency`` processes, after ``warm_up`` (one item per process); the queue is emptied first (e.g.
    of the e-mail task of the deadline sweep: the worker makes PDFs only)."""
    from config.celery import app

    app.control.purge()
    worker = WorkerProcess(env, concurrency, log)
    try:
        warm_up()
        started = time.perf_counter()
        items = work()
        seconds = time.perf_counter() - started
        peak = worker.peak_rss_mb()
    finally:
        worker.stop()
    return BulkFigures(
        workers=concurrency,
        items=items,
        seconds=round(seconds, 2),
        per_minute=round(items / seconds * 60, 1),
        peak_rss_mb=round(peak, 1),
    )


class WorkerProcess:
    def __init__(self, env: dict[str, str], concurrency: int, log: Path):
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            f"--hostname=bench-{concurrency}@%h",
            "--loglevel=INFO",
        ]
        self.log = log
        self.handle = log.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while b"ready." not in log.read_bytes():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the Celery worker did not start; see {log}")
            time.sleep(0.2)

    def peak_rss_mb(self) -> float:
        """The highest resident memory (VmHWM) of the worker and its pool processes."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return max(_memory_kb(pid, "VmHWM") for pid in pids) / 1024

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.handle.close()


def _wait_for(periods: list[tuple[int, date]], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    wanted = {(pk, period) for pk, period in periods}
    while True:
        made = set(
            CouncilReport.objects.filter(
                procurement_id__in={pk for pk, _ in wanted}, period__in={p for _, p in wanted}
            )
            .exclude(file="")
            .values_list("procurement_id", "period")
        )
        if wanted <= made:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(wanted - made)} council reports were not made within {timeout:.0f} s")
        time.sleep(0.2)


def bulk(
    env: dict[str, str], concurrency: int, procurement_ids: list[int], first_year: int, log: Path
) -> BulkFigures:
    """``BULK_REPORTS`` council reports (new months, so each is really made) through a worker with
    ``concurrency`` processes; one warm-up report per process first."""
    make_council_report = registered("dashboards.tasks.make_council_report")

    def periods(year: int, count: int) -> list[tuple[int, date]]:
        return [
            (procurement_ids[n % len(procurement_ids)], date(year + n // 12, n % 12 + 1, 1))
            for n in range(count)
        ]

    def make(year: int, count: int, timeout: float) -> int:
        wanted = periods(year, count)
        for pk, period in wanted:
            make_council_report.delay(pk, period.isoformat())
        _wait_for(wanted, timeout)
        return len(wanted)

    return with_worker(
        env,
        concurrency,
        log,
        warm_up=lambda: make(first_year, concurrency, 120),
        work=lambda: make(first_year + 2, BULK_REPORTS, 300),
    )
