"""Contract PDFs: seconds for one 9-year contract with 60 agreements (rendered and stored in-process), and
contracts per minute when a real Celery worker with 1 and with 2 processes makes them in bulk."""

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from accounts.models import Organisation
from contracts.jobs import make_contract_version
from contracts.models import Contract, ContractVersion
from contracts.services import create_contract, request_version
from demo.load_data import GeneratedRegion
from dialogue.models import Agreement, Theme
from procurement.models import Lot

from .pdfs import BulkFigures, with_worker
from .report import percentile

AGREEMENTS = 60
TERM_YEARS = 9
KINDS = [Agreement.Kind.CONTENT] * 4 + [Agreement.Kind.FINANCIAL, Agreement.Kind.CONTRACTUAL]


def agreed_lot(world: GeneratedRegion) -> Lot:
    """The first lot of the world with ``AGREEMENTS`` agreed agreements over six themes (every sixth
    with a KPI, every financial one with a yearly budget) and a term of ``TERM_YEARS`` years."""
    procurement, lot = world.procurement, world.lots[0]
    procurement.contract_term_years = TERM_YEARS
    procurement.save(update_fields=["contract_term_years"])
    themes = Theme.objects.bulk_create(
        Theme(procurement=procurement, order=n, title=f"Thema {n + 1}") for n in range(6)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(
            procurement=procurement,
            theme=themes[n % len(themes)],
            kind=KINDS[n % len(KINDS)],
            title=f"Afspraak {n + 1}",
            text="Wat partijen over dit onderwerp afspreken, met de uitwerking in de praktijk. " * 12,
            status=Agreement.Status.AGREED,
            created_by=world.officer,
            kpi_name=f"Indicator {n + 1}" if n % 6 == 0 else "",
            kpi_unit="procent" if n % 6 == 0 else "",
            kpi_target=Decimal("80.00") if n % 6 == 0 else None,
            budget_amount=Decimal("250000.00") if KINDS[n % len(KINDS)] == Agreement.Kind.FINANCIAL else None,
            budget_year=2027 + (n // len(KINDS)) % TERM_YEARS
            if KINDS[n % len(KINDS)] == Agreement.Kind.FINANCIAL
            else None,
        )
        for n in range(AGREEMENTS)
    )
    Agreement.lots.through.objects.bulk_create(
        Agreement.lots.through(agreement_id=a.pk, lot_id=lot.pk) for a in agreements
    )
    return lot


def contracts_of(world: GeneratedRegion, lot: Lot, count: int) -> list[Contract]:
    """``count`` draft contracts of the lot with the world's providers (through ``create_contract``)."""
    organisations = list(
        lot.registrations.order_by("lead__kvk_number").values_list("lead", flat=True).distinct()[:count]
    )
    return [
        create_contract(lot, organisation, actor=world.officer, start=date(2027, 1, 1))
        for organisation in Organisation.objects.filter(pk__in=organisations).order_by("kvk_number")
    ]


def seconds_per_contract(world: GeneratedRegion, contracts: list[Contract], runs: int = 3) -> float:
    """Median seconds to render and store one version's PDF in-process (one warm-up first)."""
    times = []
    for n, contract in enumerate(contracts[: runs + 1]):
        version = request_version(contract, actor=world.officer)
        started = time.perf_counter()
        make_contract_version(version.pk)
        if n:
            times.append(time.perf_counter() - started)
    return percentile(times, 50)


def _wait_for(version_ids: list[int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while ContractVersion.objects.filter(pk__in=version_ids, state=ContractVersion.State.DONE).count() < len(
        version_ids
    ):
        if time.monotonic() > deadline:
            raise RuntimeError(f"contract versions not made within {timeout:.0f} s")
        time.sleep(0.2)


def bulk(
    env: dict[str, str], concurrency: int, world: GeneratedRegion, contracts: list[Contract], log: Path
) -> BulkFigures:
    """A new version of each contract, made by a worker with ``concurrency`` processes (the versions are
    requested with the worker running, so the timing is the worker's; one warm-up per process)."""

    def make(chosen: list[Contract], timeout: float) -> int:
        _wait_for([request_version(c, actor=world.officer).pk for c in chosen], timeout)
        return len(chosen)

    return with_worker(
        env,
        concurrency,
        log,
        warm_up=lambda: make(contracts[:concurrency], 120),
        work=lambda: make(contracts, 600),
    )
