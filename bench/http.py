"""HTTP throughput and p95 under load: gunicorn (2 workers) on 127.0.0.1 and wrk, bounded in time."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .report import HttpRow

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CONNECTIONS = 8
THREADS = 2
# wrk prints p95 only through a script; this one also prints the error counts.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P95_US %d\\n", latency:percentile(95)))
  local e = summary.errors
  io.write(string.format("ERRORS %d\\n", e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


@contextmanager
def gunicorn(env: dict[str, str], log: Path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    handle = log.open("ab")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/bench/trivial/", timeout=2).read()  # noqa: S310 (http only)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start; see {log}") from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        handle.close()


def parse_wrk(output: str) -> tuple[float, float, int]:
    """Requests per second, p95 in ms and errors (socket errors and non-2xx/3xx) from wrk's output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p95_ms = int(re.search(r"P95_US (\d+)", output).group(1)) / 1000
    errors = int(re.search(r"ERRORS (\d+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p95_ms, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def wrk(url: str, cookie: str, seconds: int) -> tuple[float, float, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{THREADS}",
                f"-c{CONNECTIONS}",
                f"-d{seconds}s",
                "--timeout=10s",
                "-s",
                script.name,
                "-H",
                f"Cookie: {cookie}",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 30,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    return parse_wrk(output)


def run(
    env: dict[str, str], targets: list[tuple[str, str, str]], *, seconds: int, log: Path
) -> list[HttpRow]:
    """``targets``: (name, path, cookie header); the first is the trivial view, the baseline."""
    rows = []
    with gunicorn(env, log) as base:
        for name, path, cookie in targets:
            wrk(base + path, cookie, 2)  # warm up both workers
            rps, p95, errors = wrk(base + path, cookie, seconds)
            rows.append(
                HttpRow(name=name, path=path, requests_per_second=round(rps, 1), p95_ms=p95, errors=errors)
            )
    baseline = rows[0].requests_per_second
    for row in rows[1:]:
        row.share_of_trivial = round(row.requests_per_second / baseline, 3) if baseline else None
    return rows
