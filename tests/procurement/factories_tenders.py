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
        procurement,
        actor=officer,
        kind=Document.Kind.INVITATION,
        title="Uitnodiging tot inschrijving",
        lot=lot,
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
    return submit_tender(
        lot, organisation=organisation, form=tender_form(**kwargs), actor=user, confirmed=True
    )


def open_vault(world):
    """Both tenders' deadline passed; officer starts, second officer confirms the opening."""
    import time_machine

    from procurement.services.tenders import confirm_opening, start_opening

    with time_machine.travel(world.invitation.submission_deadline + timedelta(seconds=1), tick=False):
        start_opening(world.invitation, actor=world.officer)
        confirm_opening(world.invitation, actor=world.second_officer)
    world.invitation.refresh_from_db()
    return world.invitation


def scores_for(lot, quality: str, price: str) -> dict:
    from procurement.models import AwardCriterion

    values = {"Kwaliteit": quality, "Prijs": price}
    return {
        c.pk: (values[c.name], f"Motivering {c.name}")
        for c in AwardCriterion.objects.filter(invitation__lot=lot)
    }


def assess_fully(world, tenders: dict, assessors) -> None:
    """Each assessor declares no conflict and scores every tender; submits; the officer records consensus.
    ``tenders``: {submission: (quality, price)}."""
    from procurement.services.assessment import (
        appoint_assessor,
        declare_conflict,
        record_consensus,
        score_tender,
        submit_scores,
    )

    for assessor in assessors:
        appointment = appoint_assessor(world.lot, user=assessor, actor=world.officer)
        for submission, (quality, price) in tenders.items():
            declare_conflict(appointment, submission, has_conflict=False, explanation="", actor=assessor)
            score_tender(
                appointment, submission, scores=scores_for(world.lot, quality, price), actor=assessor
            )
        submit_scores(appointment, actor=assessor)
    for submission, (quality, price) in tenders.items():
        record_consensus(
            world.lot, submission, scores=scores_for(world.lot, quality, price), actor=world.officer
        )


def prepare(world):
    """The award decision of lot 2 for tender B, decided by the college on 8 December 2026."""
    from datetime import date

    from procurement.services.award import prepare_award

    return prepare_award(
        world.lot,
        winners=[world.tender_b],
        grounds="Beste prijs-kwaliteitverhouding.",
        advantages="Sterk plan voor wachtlijsten en de laagste prijs.",
        decided_on=date(2026, 12, 8),
        actor=world.officer,
    )
