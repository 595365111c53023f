"""The receipt: a PDF with the server's time in Europe/Amsterdam, the members, their care types and the
SHA-256 of the registration; made once, even if the task runs twice."""

import io
import time
from datetime import UTC, datetime

import pytest
import time_machine
from pypdf import PdfReader

from procurement.models import Registration
from procurement.services.registration import (
    add_member,
    content_hash,
    create_registration,
    registration_content,
    submit_registration,
)
from procurement.tasks.registration import make_missing_registration_receipts, make_registration_receipt
from tests.procurement.factories_registration import complete_member


def submitted_partnership(world, on_commit):
    registration = create_registration(
        world.integral, lead=world.organisation_a, form="combination", actor=world.provider_a
    )
    partner = add_member(registration, kvk_number=world.organisation_c.kvk_number, actor=world.provider_a)
    complete_member(registration.members.get(role="lead"), world.provider_a, ["ambulant", "jeugd-ggz"])
    complete_member(partner, world.provider_c, ["verblijf"])
    moment = datetime(2026, 11, 26, 14, 5, 9, 123456, tzinfo=UTC)
    with time_machine.travel(moment, tick=False), on_commit(execute=True):
        submit_registration(registration, actor=world.provider_a, confirmed=True)
    return Registration.objects.get(pk=registration.pk)


def pdf_text(registration) -> str:
    with registration.receipt.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_the_receipt_states_the_time_members_care_types_and_hash(world, django_capture_on_commit_callbacks):
    registration = submitted_partnership(world, django_capture_on_commit_callbacks)
    assert registration.submitted_at == datetime(2026, 11, 26, 14, 5, 9, 123456, tzinfo=UTC)
    text = pdf_text(registration)
    assert "26 november 2026 15:05:09" in text  # Europe/Amsterdam, winter time
    for expected in ("Aanbieder A", "Aanbieder C", "71000003", "Jeugdhulp met verblijf", "Ontvangstbewijs"):
        assert expected in text
    assert registration.content_sha256 in text.replace("\n", "").replace(" ", "")
    assert registration.content_sha256 == content_hash(
        registration_content(registration, registration.submitted_at)
    )


def test_the_receipt_is_made_once_even_if_the_task_runs_twice(world, django_capture_on_commit_callbacks):
    registration = submitted_partnership(world, django_capture_on_commit_callbacks)
    first = registration.receipt.name
    assert make_registration_receipt.delay(registration.pk).get() is False
    assert make_missing_registration_receipts.delay().get() == 0
    registration.refresh_from_db()
    assert registration.receipt.name == first


def test_the_sweep_makes_a_receipt_that_was_never_queued(world, django_capture_on_commit_callbacks):
    registration = submitted_partnership(world, django_capture_on_commit_callbacks)
    Registration.objects.filter(pk=registration.pk).update(receipt="")
    assert make_missing_registration_receipts.delay().get() == 1
    registration.refresh_from_db()
    assert registration.receipt.name


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_receipt_after_the_submission_commits(personas, celery_worker_process):
    from tests.procurement.factories_registration import build_world

    world = build_world(personas)
    registration = create_registration(
        world.specific, lead=world.organisation_a, form="single", actor=world.provider_a
    )
    complete_member(registration.members.get(), world.provider_a, ["jeugd-ggz"])
    submit_registration(registration, actor=world.provider_a, confirmed=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not Registration.objects.get(pk=registration.pk).receipt:
        time.sleep(0.3)
    registration.refresh_from_db()
    assert registration.content_sha256 in pdf_text(registration).replace("\n", "").replace(" ", "")
