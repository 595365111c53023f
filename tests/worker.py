"""Starting a real Celery worker against the test database, for integration tests."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def worker_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://"),
    }


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task without acknowledging."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def start_worker(log: Path, hostname: str = "test-worker") -> Worker:
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--without-gossip",
        "--without-mingle",
        f"--hostname={hostname}@%h",
        "--loglevel=INFO",
    ]
    handle = log.open("ab")
    process = subprocess.Popen(
        command, cwd=ROOT, env=worker_env(), stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b"ready." in log.read_bytes():
            return Worker(process, log)
        if process.poll() is not None:
            raise RuntimeError(f"the worker stopped: {log.read_text()[-2000:]}")
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError(f"the worker did not start: {log.read_text()[-2000:]}")


@contextmanager
def running_worker(log: Path | None = None):
    log = log or Path(settings.MEDIA_ROOT).parent / "worker.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    worker = start_worker(log)
    try:
        yield worker
    finally:
        if worker.process.poll() is None:
            os.killpg(worker.process.pid, signal.SIGTERM)
            try:
                worker.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
