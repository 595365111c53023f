import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import load_data


class Command(BaseCommand):
    help = (
        "Create N fictional regions' worth of load data for the benchmarks (bulk inserts, seeded, "
        "idempotent per region: a region that exists is kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Number of regions (ZK/IJ size each).")
        parser.add_argument(
            "--size-factor",
            type=float,
            default=1.0,
            help="Shrink each region (e.g. 0.05 for tests); the number of lots stays the same.",
        )
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, scale: int, size_factor: float, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_load_data refuses to run with DEBUG off: it fills the database with fictional "
                "data. Use --force if you mean it."
            )
        if not 1 <= scale <= load_data.MAX_SCALE:
            raise CommandError(f"--scale must lie between 1 and {load_data.MAX_SCALE}.")
        if size_factor <= 0 or size_factor > 1:
            raise CommandError("--size-factor must lie above 0 and at most 1.")
        started = time.perf_counter()
        result = load_data.generate(scale, factor=size_factor)
        seconds = time.perf_counter() - started
        for label, count in sorted(result.created.items()):
            self.stdout.write(f"  {label:<40} {count:>9}")
        if not result.created:
            self.stdout.write("  nothing new: these regions exist already")
        self.stdout.write(
            self.style.SUCCESS(
                f"{scale} region(s) ready, {sum(result.created.values())} rows made in {seconds:.1f} s."
            )
        )
