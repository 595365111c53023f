"""Key pages in-process: queries per request and median/p95 latency with the Django test client."""

import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from demo.load_data import GeneratedRegion

from .report import PageFigures, percentile

WARMUP = 5
REQUESTS = 30


class QueryCounter:
    """Counts the queries of a request (the request signals clear Django's own query log)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@dataclass(frozen=True)
class Page:
    name: str
    url_name: str

    def path_and_user(self, world: GeneratedRegion):
        procurement = world.procurement
        if self.url_name == "dashboards:alderman":
            return reverse(self.url_name), world.alderman
        if self.url_name == "dashboards:officer":
            return reverse(self.url_name), world.officer
        if self.url_name == "dashboards:audit":
            return reverse(self.url_name), world.officer
        if self.url_name == "procurement:registration_overview":
            return reverse(self.url_name, args=[procurement.pk, world.lots[0].pk]), world.officer
        if self.url_name == "procurement:answers":
            return reverse(self.url_name, args=[procurement.pk]), world.provider
        if self.url_name == "dialogue:planner":
            return reverse(self.url_name, args=[procurement.pk]), world.officer
        if self.url_name == "contracts:register":
            return reverse(self.url_name), world.officer
        raise ValueError(self.url_name)


PAGES = [
    Page("Alderman dashboard", "dashboards:alderman"),
    Page("Officer dashboard", "dashboards:officer"),
    Page("Registration overview (integral lot)", "procurement:registration_overview"),
    Page("Audit search", "dashboards:audit"),
    Page("Answers page (provider)", "procurement:answers"),
    Page("Dialogue planner (officer)", "dialogue:planner"),
    Page("Contract register (officer)", "contracts:register"),
]


@override_settings(PAGE_CACHE_SECONDS=0)
def measure(page: Page, world: GeneratedRegion, *, requests: int = REQUESTS) -> PageFigures:
    """The page rendered at every request (the per-reader page cache is off; the HTTP rows show it on)."""
    path, user = page.path_and_user(world)
    client = Client()
    client.force_login(user)
    for _ in range(WARMUP):
        client.get(path)
    counted = QueryCounter()
    with connection.execute_wrapper(counted):
        response = client.get(path)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    return PageFigures(
        queries=counted.count,
        median_ms=round(percentile(times, 50), 1),
        p95_ms=round(percentile(times, 95), 1),
        status=response.status_code,
    )
