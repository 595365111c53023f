"""Helpers for tender tests: a procurement in its submission phase with a published invitation to
tender for lot 2 (invited: organisations A and B), tender forms and submitted tenders."""

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from procurement.models import Document, Phase
from procurement.services.documents import create_document, publish_version, upload_version
from procurement.services.tenders import TenderForm, publish_invitation, submit_tender
from tests.factories import make_procurement

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\n% Plan van aanpak: zorg dichtbij huis\ntrailer<<>>\n%%EOF\n"
PLAINTEXT_MARKER = b"Plan van aanpak: zorg dichtbij huis"
CRITERIA = [("Kwaliteit", 60), ("Prijs", 40)]
TEST_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _tender_key(settings):
    settings.TENDER_ENCRYPTION_KEY = TEST_KEY


def pdf(name: str = "plan.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def tender_form(price: str = "125000.00", **documents) -> TenderForm:
    return TenderForm(documents={"Plan van aanpak": pdf(), **documents}, answers={"Totaalprijs": price})


def tender_procurement(officer, organisations, *, deadline=None):
    """A procurement in its submission phase; lot 2's invitation to tender published to ``organisations``.
    Returns (procurement, lot, invitation)."""
    procurement = make_procurement(officer, phase="submission")
    deadline = deadline or timezone.now() + timedelta(days=7)
    Phase.objects.filter(procurement=procurement, key="submission").update(
        planned_start=deadline - timedelta(days=30), deadline=deadline
    )
    lot = procurement.lots.get(number="2")
    document = create_document(
        procurement, actor=officer, kind=Document.Kind.INVITATION, title="Uitnodiging tot inschrijving", lot=lot
    )
    publish_version(upload_version(document, pdf("uitnodiging.pdf"), actor=officer), actor=officer)
    invitation = publish_invitation(
        lot,
        organisations=organisations,
        agreement_set="Afsprakenset jeugd-GGZ v3",
        criteria=CRITERIA,
        required_documents=["Plan van aanpak"],
        price_questions=["Totaalprijs"],
        actor=officer,
    )
    return procurement, lot, invitation


def submit(lot, user, organisation, **kwargs):
    return submit_tender(lot, organisation=organisation, form=tender_form(**kwargs), actor=user, confirmed=True)
