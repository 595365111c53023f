"""The bench's deadline surge and contract PDF figures work (small sizes, nothing timed): every tender of
the surge lands once in the database, and the contract PDF holds all its agreements."""

import io
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from pypdf import PdfReader

from bench import contract_pdfs, surge
from contracts.models import ContractVersion
from demo import load_data
from procurement.models import TenderFile, TenderSubmission


@pytest.fixture
def world():
    return load_data.generate(1, factor=0.05).regions[0]


@pytest.mark.django_db(transaction=True)
def test_the_surge_accepts_every_tender_once_and_counts_it(live_server, settings, world):
    settings.TENDER_ENCRYPTION_KEY = Fernet.generate_key().decode()
    figures = surge.run(live_server.url, world, providers=3, size=20_000, spread=timedelta(seconds=1))
    assert (figures.providers, figures.accepted, figures.refused) == (3, 3, 0)
    assert figures.lost == 0 and figures.duplicated == 0 and figures.p95_seconds > 0
    assert TenderSubmission.objects.filter(lot=world.lots[1]).values("organisation").distinct().count() == 3
    assert {f.size for f in TenderFile.objects.filter(submission__lot=world.lots[1])} == {20_000}


@pytest.mark.django_db
def test_a_contract_pdf_holds_the_term_and_all_sixty_agreements(world):
    lot = contract_pdfs.agreed_lot(world)
    contracts = contract_pdfs.contracts_of(world, lot, 2)
    assert len(contracts) == 2
    assert contracts[0].agreements.count() == contract_pdfs.AGREEMENTS
    assert contracts[0].end.year - contracts[0].start.year == contract_pdfs.TERM_YEARS - 1
    assert contract_pdfs.seconds_per_contract(world, contracts, runs=1) > 0
    version = ContractVersion.objects.get(contract=contracts[1], state=ContractVersion.State.DONE)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(version.file.read())).pages)
    assert contracts[1].number in text and "Afspraak 1" in text and "Afspraak 60" in text
