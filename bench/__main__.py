"""`python -m bench`: the benchmarks of issue 10 against a fresh PostgreSQL database of their own.

Steps (each bounded): generate scale 1 and measure the key pages; grow to scale 10 and measure them
again; HTTP load with gunicorn and wrk; the deadline sweep; PDFs in-process and in bulk by a Celery
worker with 1 and 2 processes. Writes bench/results/latest.json and latest.md."""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

from cryptography.fernet import Fernet

from . import database

ROOT = Path(__file__).resolve().parent.parent
BENCH_QUEUE = "dialoog_bench_run"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size-factor", type=float, default=1.0, help="Shrink each region (quick runs).")
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per page and scale.")
    parser.add_argument("--http-seconds", type=int, default=10, help="wrk duration per endpoint.")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--skip-workers", action="store_true", help="No bulk PDF run with Celery workers.")
    parser.add_argument("--sweep-items", type=int, default=10_000)
    parser.add_argument("--surge-providers", type=int, default=200)
    parser.add_argument("--surge-mb", type=float, default=5.0, help="Size of each tender document.")
    parser.add_argument("--contracts", type=int, default=12, help="Contracts made in bulk per worker run.")
    parser.add_argument("--note", default="", help="A sentence for the results, e.g. what else ran.")
    parser.add_argument("--output", type=Path, default=None, help="Directory for latest.json/latest.md.")
    return parser.parse_args(argv)


def prepare_environment() -> str:
    """Point this process (and the gunicorn and Celery processes it starts) at the benchmark database."""
    try:
        url = database.bench_url(os.environ.get("DATABASE_URL", ""))
    except database.NotPostgres as refusal:
        sys.exit(f"bench: {refusal}")
    database.recreate(url)
    var = ROOT / "var" / "bench"
    var.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "MEDIA_ROOT": str(var / "media"),
            # The cache as deployed (Redis, shared by the web and worker processes), emptied first.
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/12"),
            "CELERY_TASK_DEFAULT_QUEUE": BENCH_QUEUE,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "TWO_FACTOR_REQUIRED": "false",
            "TENDER_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        }
    )
    # Persistent connections, as a deployment should run (a new PostgreSQL connection costs ~8 ms here).
    os.environ.setdefault("CONN_MAX_AGE", "60")
    return url


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    url = prepare_environment()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from demo.load_data import generate

    from . import contract_pdfs, http, pages, pdfs, report, surge, sweep
    from .browser import log_in

    run = report.Run(machine=report.machine())
    if args.note:
        run.data["note"] = args.note
    var = ROOT / "var" / "bench"
    say(f"database {url.rsplit('/', 1)[-1]} made afresh; migrating")
    call_command("migrate", verbosity=0)
    cache.clear()
    run.data["postgresql"] = connection.cursor().connection.info.server_version // 10000

    rows = {page.url_name: report.PageRow(page.name, page.url_name) for page in pages.PAGES}
    for scale in (1, 10):
        begun = time.perf_counter()
        result = generate(scale, factor=args.size_factor)
        say(f"scale {scale}: {sum(result.created.values())} rows made in {time.perf_counter() - begun:.1f} s")
        connection.cursor().execute("VACUUM ANALYZE")  # as autovacuum keeps a live database
        world = result.regions[0]
        for page in pages.PAGES:
            figures = pages.measure(page, world, requests=args.requests)
            setattr(rows[page.url_name], f"scale{scale}", figures)
            say(f"  {page.name}: {figures}")
    run.data["rows_at_scale_10"] = _row_counts()
    run.pages = list(rows.values())

    if args.skip_http or not http.wrk_available():
        run.measures.append(
            report.Measure("HTTP under load", None, "", note="skipped (wrk missing or --skip-http)")
        )
    else:
        say("HTTP load: gunicorn with 2 workers and wrk")
        targets = [
            ("Trivial Django view", "/bench/trivial/", log_in(world.alderman).cookie),
            ("Alderman dashboard", "/wethouder/", log_in(world.alderman).cookie),
            (
                "Procurement answers page (provider)",
                f"/aanbestedingen/{world.procurement.pk}/antwoorden/",
                log_in(world.provider).cookie,
            ),
        ]
        log = var / "gunicorn.log"
        run.http = http.run(dict(os.environ), targets, seconds=args.http_seconds, log=log)
        # The same pages rendered at every request, against their own baseline: what a first visit costs.
        rendered = [(f"{name}, page cache off", path, cookie) for name, path, cookie in targets]
        uncached = {**os.environ, "PAGE_CACHE_SECONDS": "0"}
        run.http += http.run(uncached, rendered, seconds=args.http_seconds, log=log)
        run.data["http_setup"] = (
            f"gunicorn {http.WORKERS} sync workers and wrk -t{http.THREADS} -c{http.CONNECTIONS} "
            f"for {args.http_seconds} s each, on the same machine; the trivial view is a plain HttpResponse "
            "behind every middleware (bench/urls.py); each page is one reader's repeat visits, which the "
            "per-reader page cache serves, and again with that cache off (every request rendered)"
        )
        for row in run.http:
            say(f"  {row}")

    say(f"deadline sweep with {args.sweep_items} members to remind")
    seconds, notified = sweep.measure(args.sweep_items)
    run.measures.append(
        report.Measure(
            f"Deadline sweep: run_deadlines reminding {args.sweep_items:,} provider members ({notified:,} "
            "notifications)",
            round(seconds, 2),
            "s",
            f"< {report.SWEEP_SECONDS:.0f} s",
            seconds < report.SWEEP_SECONDS,
        )
    )

    say("PDFs in-process")
    council = pdfs.council_report_seconds(world.procurement)
    run.measures.append(
        report.Measure(
            "Council report PDF (one procurement), in-process",
            round(council, 2),
            "s",
            f"< {report.PDF_SECONDS:.0f} s",
            council < report.PDF_SECONDS,
        )
    )
    nvi, answers = pdfs.nvi_seconds()
    run.measures.append(
        report.Measure(
            f"Nota van Inlichtingen PDF ({answers} answers), made and stored",
            round(nvi, 2),
            "s",
            f"< {report.PDF_SECONDS:.0f} s",
            nvi < report.PDF_SECONDS,
        )
    )
    if args.skip_workers:
        run.measures.append(report.Measure("Bulk PDFs with Celery workers", None, "", note="skipped"))
    else:
        procurement_ids = [region.procurement.pk for region in result.regions]
        figures = []
        for concurrency, year in ((1, 2000), (2, 2010)):
            say(f"bulk council reports with a worker of {concurrency} process(es)")
            figures.append(
                pdfs.bulk(
                    dict(os.environ), concurrency, procurement_ids, year, var / f"worker-{concurrency}.log"
                )
            )
            say(f"  {figures[-1]}")
        run.measures += _bulk_measures("Bulk council reports", "per minute", figures)
        peak = max(bulk.peak_rss_mb for bulk in figures)
        run.measures.append(
            report.Measure(
                "Peak memory (VmHWM) of a worker process during bulk PDFs",
                peak,
                "MB",
                f"< {report.WORKER_MEMORY_MB:.0f} MB",
                peak < report.WORKER_MEMORY_MB,
            )
        )
    if args.skip_http:
        run.measures.append(report.Measure("Deadline surge", None, "", note="skipped (--skip-http)"))
    else:
        say(
            f"deadline surge: {args.surge_providers} providers uploading {args.surge_mb} MB "
            "in the last minute"
        )
        with http.gunicorn(dict(os.environ), var / "gunicorn-surge.log") as base:
            figures = surge.run(base, world, args.surge_providers, int(args.surge_mb * 1024 * 1024))
        say(f"  {figures}")
        run.data["surge"] = vars(figures)
        run.measures += [
            report.Measure(
                f"Deadline surge: {figures.providers} providers each uploading a {args.surge_mb:g} MB "
                f"tender in the last minute, arriving over {surge.SPREAD.seconds} s (all done in "
                f"{figures.seconds:.0f} s): accepted",
                figures.accepted,
                "tenders",
                f"all {figures.providers}",
                figures.accepted == figures.providers,
            ),
            report.Measure(
                "Deadline surge: tenders lost (answered as received, not in the database) or duplicated",
                figures.lost + figures.duplicated,
                "",
                "0",
                figures.lost + figures.duplicated == 0,
            ),
            report.Measure(
                "Deadline surge: p95 latency of a submission",
                figures.p95_seconds,
                "s",
                f"< {report.SURGE_P95_SECONDS:.0f} s",
                figures.p95_seconds < report.SURGE_P95_SECONDS,
            ),
        ]

    say("contract PDFs: a 9-year contract with 60 agreements")
    lot = contract_pdfs.agreed_lot(world)
    contracts = contract_pdfs.contracts_of(world, lot, args.contracts)
    one_contract = contract_pdfs.seconds_per_contract(world, contracts)
    run.measures.append(
        report.Measure(
            f"Contract PDF ({contract_pdfs.TERM_YEARS}-year contract, {contract_pdfs.AGREEMENTS} "
            "agreements), rendered and stored in-process",
            round(one_contract, 2),
            "s",
            f"< {report.PDF_SECONDS:.0f} s",
            one_contract < report.PDF_SECONDS,
        )
    )
    if not args.skip_workers:
        bulks = []
        for concurrency in (1, 2):
            say(f"bulk contract PDFs with a worker of {concurrency} process(es)")
            bulks.append(
                contract_pdfs.bulk(
                    dict(os.environ), concurrency, world, contracts, var / f"contracts-{concurrency}.log"
                )
            )
            say(f"  {bulks[-1]}")
        run.measures += _bulk_measures("Bulk contract PDFs", "contracts per minute", bulks)

    run.seconds = time.perf_counter() - started
    json_path, md_path = report.write(run, args.output or report.RESULTS)
    print()
    print(report.markdown(run))
    say(f"written {json_path} and {md_path}")
    return 0


def _bulk_measures(what: str, unit: str, figures: list) -> list:
    """One row per worker size; the throughput target: more per minute with more processes."""
    from .report import Measure

    return [
        Measure(
            f"{what}, worker with {bulk.workers} process(es): {bulk.items} in {bulk.seconds:.1f} s "
            f"(peak memory {bulk.peak_rss_mb:.0f} MB)",
            bulk.per_minute,
            unit,
            "grows with workers" if bulk.workers > 1 else "",
            bulk.per_minute > figures[0].per_minute if bulk.workers > 1 else None,
        )
        for bulk in figures
    ]


def _row_counts() -> dict[str, int]:
    from accounts.models import Notification, Organisation
    from audit.models import AuditEntry
    from contracts.models import Contract, KpiReport
    from dialogue.models import Agreement, AgreementComment, MinutesComment
    from procurement.models import Document, Procurement, Question, Registration, RegistrationMember

    return {
        str(model._meta.verbose_name_plural): model.objects.count()
        for model in (
            Procurement,
            Organisation,
            Registration,
            RegistrationMember,
            Document,
            Question,
            AuditEntry,
            Notification,
            Agreement,
            AgreementComment,
            MinutesComment,
            Contract,
            KpiReport,
        )
    }


if __name__ == "__main__":
    sys.exit(main())
