"""A dialogue world for tests: the ZK/IJ-like procurement with providers A and B admitted to lot 1, its
themes, a round with a bilateral session for each and a plenary, all in the future."""

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dialogue import services
from tests.factories import make_procurement

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "positie.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def dialogue_world(personas, *, days: int = 10) -> SimpleNamespace:
    officer = personas.officer
    procurement = make_procurement(officer, phase="dialogue")
    lot = procurement.lots.get(number="1")
    themes = services.seed_themes(procurement, actor=officer)
    participant_a = services.admit_participant(lot, personas.organisation_a, actor=officer)
    participant_b = services.admit_participant(lot, personas.organisation_b, actor=officer)
    dialogue_round = services.create_round(lot, actor=officer, title="Eerste ronde")
    start = timezone.now() + timedelta(days=days)

    def plan(kind, title, participant=None, offset=0):
        return services.plan_session(
            dialogue_round,
            actor=officer,
            kind=kind,
            title=title,
            starts_at=start + timedelta(hours=offset),
            ends_at=start + timedelta(hours=offset + 2),
            place="Stadhuis Haarlem",
            themes=themes[:2],
            participant=participant,
        )

    bilateral_a = plan("bilateral", "Bilateraal A", participant_a)
    bilateral_b = plan("bilateral", "Bilateraal B", participant_b, offset=3)
    plenary = plan("plenary", "Plenaire sessie", offset=24)
    return SimpleNamespace(
        procurement=procurement,
        lot=lot,
        themes=themes,
        participant_a=participant_a,
        participant_b=participant_b,
        round=dialogue_round,
        bilateral_a=bilateral_a,
        bilateral_b=bilateral_b,
        plenary=plenary,
        start=start,
    )
