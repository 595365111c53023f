"""Through a real Celery worker on Redis: the receipt, the opening report and the award letters are
made after the commits that ask for them, once each."""

import time

import pytest

from audit.models import AuditEntry
from procurement.models import AwardLetter, InvitationToTender, TenderSubmission

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.3)


def test_a_real_worker_makes_receipts_the_opening_report_and_the_letters(world, celery_worker_process):
    from procurement.services.award import publish_award
    from tests.procurement.factories_tenders import assess_fully, open_vault, prepare, submit

    world.tender_a = submit(world.lot, world.provider_a, world.organisation_a)
    world.tender_b = submit(world.lot, world.provider_b, world.organisation_b)
    wait_for(lambda: not TenderSubmission.objects.filter(receipt="").exists())
    open_vault(world)
    wait_for(lambda: bool(InvitationToTender.objects.get(pk=world.invitation.pk).opening_report))
    assess_fully(world, {world.tender_a: ("8", "6"), world.tender_b: ("6", "10")}, [world.assessor])
    publish_award(prepare(world), actor=world.officer)
    wait_for(lambda: AwardLetter.objects.exists() and not AwardLetter.objects.filter(file="").exists())
    assert AuditEntry.objects.filter(action="tender.receipt").count() == 2
    assert AuditEntry.objects.filter(action="tender.opening.report").count() == 1
    assert AuditEntry.objects.filter(action="tender.award.letter").count() == 2
