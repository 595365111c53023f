"""The figures of one run: statistics, the targets of issue 10, and the JSON and markdown writers."""

import json
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

# Targets of issue 10 (met in the benchmark, not in timed tests).
PAGE_P95_MS = 100.0
THROUGHPUT_SHARE = 0.20
SWEEP_SECONDS = 5.0
PDF_SECONDS = 2.0
SURGE_P95_SECONDS = 2.0
WORKER_MEMORY_MB = 500.0


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty list."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def ratio(big: float | None, small: float | None) -> float | None:
    if big is None or not small:
        return None
    return round(big / small, 2)


@dataclass
class PageFigures:
    queries: int
    median_ms: float
    p95_ms: float
    status: int


@dataclass
class PageRow:
    name: str
    url_name: str
    scale1: PageFigures | None = None
    scale10: PageFigures | None = None

    @property
    def queries_stable(self) -> bool | None:
        if self.scale1 is None or self.scale10 is None:
            return None
        return self.scale10.queries <= self.scale1.queries

    @property
    def p95_met(self) -> bool | None:
        return None if self.scale10 is None else self.scale10.p95_ms < PAGE_P95_MS


@dataclass
class HttpRow:
    name: str
    path: str
    requests_per_second: float
    p95_ms: float
    errors: int
    share_of_trivial: float | None = None


@dataclass
class Measure:
    """One figure with its target; ``value`` None and ``note`` set for what is not built or not run."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Run:
    started_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    machine: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    pages: list[PageRow] = field(default_factory=list)
    http: list[HttpRow] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    seconds: float = 0.0


def machine() -> dict:
    """CPU model, cores and memory of this machine, from /proc where it exists."""
    model, memory_kb = platform.processor() or platform.machine(), 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "met" if value else "**missed**"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(run: Run) -> str:
    m = run.machine
    lines = [
        f"Measured {run.started_at} on {m.get('cpu')} ({m.get('cores')} cores, {m.get('memory_gb')} GB), "
        f"Python {m.get('python')}, PostgreSQL {run.data.get('postgresql', '?')}; "
        f"load average {m.get('load_average_1min', '?')} at the start (other work on the machine slows "
        f"every figure); run took {run.seconds:.0f} s."
        + (f" {run.data['note']}" if run.data.get("note") else ""),
        "",
        "In-process (Django test client, warmed up; queries per request, median and p95 latency in ms):",
        "",
        "| Page | Queries ×1 | Queries ×10 | Median ×1 | p95 ×1 | Median ×10 | p95 ×10 | p95 ratio "
        "| Queries stable | p95 < 100 ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in run.pages:
        a, b = row.scale1, row.scale10
        lines.append(
            f"| {row.name} | {_fmt(a and a.queries)} | {_fmt(b and b.queries)} | {_fmt(a and a.median_ms)} "
            f"| {_fmt(a and a.p95_ms)} | {_fmt(b and b.median_ms)} | {_fmt(b and b.p95_ms)} "
            f"| {_fmt(ratio(b and b.p95_ms, a and a.p95_ms), 2)} | {_fmt(row.queries_stable)} "
            f"| {_fmt(row.p95_met)} |"
        )
    if run.http:
        lines += [
            "",
            f"HTTP under load at scale 10 ({run.data.get('http_setup', '')}):",
            "",
            "| Endpoint | Requests/s | p95 ms | Errors | Share of trivial view | ≥ 20 % |",
            "|---|---|---|---|---|---|",
        ]
        for h in run.http:
            met = None if h.share_of_trivial is None else h.share_of_trivial >= THROUGHPUT_SHARE
            share = "–" if h.share_of_trivial is None else f"{h.share_of_trivial:.0%}"
            lines.append(
                f"| {h.name} (`{h.path}`) | {h.requests_per_second:.0f} | {h.p95_ms:.1f} | {h.errors} "
                f"| {share} | {_fmt(met) if h.share_of_trivial is not None else '(baseline)'} |"
            )
    lines += ["", "| Measure | Value | Target | Met |", "|---|---|---|---|"]
    for measure in run.measures:
        value = f"{_fmt(measure.value, 2)} {measure.unit}" if measure.value is not None else measure.note
        lines.append(f"| {measure.name} | {value} | {measure.target} | {_fmt(measure.met)} |")
    counts = run.data.get("rows_at_scale_10")
    if counts:
        lines += ["", "Data at scale 10: " + ", ".join(f"{n} {label}" for label, n in counts.items()) + "."]
    return "\n".join(lines) + "\n"


def write(run: Run, directory: Path = RESULTS) -> tuple[Path, Path]:
    """``latest.json`` (every figure) and ``latest.md`` (the tables for the README)."""
    directory.mkdir(parents=True, exist_ok=True)
    data = asdict(run)
    for page, row in zip(data["pages"], run.pages, strict=True):
        page["queries_stable"] = row.queries_stable
        page["p95_met"] = row.p95_met
    json_path, md_path = directory / "latest.json", directory / "latest.md"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(run))
    return json_path, md_path
