"""The sealed vault: tender content is encrypted on disk and in the database, and nobody reads it before
the two-person opening after the deadline; every refused attempt is recorded."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from accounts.roles import Role
from audit.models import AuditEntry
from procurement.models import AssessorAppointment, TenderFile
from procurement.services.tenders import (
    confirm_opening,
    read_tender,
    read_tender_file,
    start_opening,
)
from tests.factories import UserFactory
from tests.procurement.factories_tenders import PDF_BYTES, PLAINTEXT_MARKER, submit

AFTER = timedelta(seconds=1)


@pytest.fixture
def tender(world):
    return submit(world.lot, world.provider_a, world.organisation_a, price="123456.78")


def everybody(world):
    superuser = UserFactory(email="root@dialoog.test", is_superuser=True, is_staff=True)
    administrator = UserFactory(email="beheer@dialoog.test", roles=[Role.ADMINISTRATOR], is_staff=True)
    AssessorAppointment.objects.create(lot=world.lot, user=world.assessor, appointed_by=world.officer)
    return [
        world.officer,
        world.second_officer,
        world.other_officer,
        world.alderman,
        world.expert,
        world.assessor,
        world.provider_a,
        world.provider_b,
        superuser,
        administrator,
    ]


def open_vault(world):
    with time_machine.travel(world.invitation.submission_deadline + AFTER, tick=False):
        start_opening(world.invitation, actor=world.officer)
        return confirm_opening(world.invitation, actor=world.second_officer)


def test_files_on_disk_and_answers_in_the_database_are_not_plaintext(world, tender):
    stored = TenderFile.objects.get(submission=tender)
    with stored.encrypted.open("rb") as handle:
        on_disk = handle.read()
    assert PLAINTEXT_MARKER not in on_disk and b"%PDF" not in on_disk
    assert b"123456.78" not in bytes(tender.answers_ciphertext)
    assert "Plan van aanpak" not in stored.encrypted.name and "plan" not in stored.encrypted.name


def test_every_role_and_the_superuser_are_refused_before_the_deadline_and_each_attempt_is_logged(
    world, tender
):
    people = everybody(world)
    stored = TenderFile.objects.get(submission=tender)
    for person in people:
        with pytest.raises(PermissionDenied):
            read_tender(tender, actor=person)
        with pytest.raises(PermissionDenied):
            read_tender_file(stored, actor=person)
    refusals = AuditEntry.objects.filter(action="tender.read", result="refused", object_id=str(tender.pk))
    assert refusals.count() == 2 * len(people)
    assert set(refusals.values_list("actor_id", flat=True)) == {p.pk for p in people}


def test_after_the_deadline_but_before_the_opening_nobody_reads(world, tender):
    with time_machine.travel(world.invitation.submission_deadline + AFTER, tick=False):
        start_opening(world.invitation, actor=world.officer)
        with pytest.raises(PermissionDenied):
            read_tender(tender, actor=world.officer)


def test_the_admin_site_refuses_tender_content_to_a_superuser_and_logs_it(client, world, tender):
    superuser = UserFactory(email="root@dialoog.test", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    for url in [
        "/beheer/procurement/tendersubmission/",
        f"/beheer/procurement/tendersubmission/{tender.pk}/change/",
        "/beheer/procurement/tenderfile/",
    ]:
        assert client.get(url).status_code == 403
    assert (
        AuditEntry.objects.filter(action="tender.read", result="refused", actor_id=superuser.pk).count() == 3
    )
    index = client.get("/beheer/")
    assert b"tendersubmission" not in index.content


def test_opening_by_one_officer_twice_is_refused(world, tender):
    with time_machine.travel(world.invitation.submission_deadline + AFTER, tick=False):
        start_opening(world.invitation, actor=world.officer)
        with pytest.raises(ValidationError) as same:
            confirm_opening(world.invitation, actor=world.officer)
        with pytest.raises(ValidationError):
            start_opening(world.invitation, actor=world.officer)
    assert "tweede" in same.value.messages[0]
    world.invitation.refresh_from_db()
    assert world.invitation.opened_at is None
    assert AuditEntry.objects.filter(action="tender.opening.confirm", result="refused").exists()


def test_the_opening_cannot_start_before_the_deadline(world, tender):
    with pytest.raises(ValidationError):
        start_opening(world.invitation, actor=world.officer)


def test_an_officer_of_another_region_cannot_open(world, tender):
    with time_machine.travel(world.invitation.submission_deadline + AFTER, tick=False):
        start_opening(world.invitation, actor=world.officer)
        with pytest.raises(ValidationError):
            confirm_opening(world.invitation, actor=world.other_officer)


def test_the_second_officer_must_confirm_within_the_window(world, tender, settings):
    settings.TENDER_OPENING_WINDOW_HOURS = 24
    start = world.invitation.submission_deadline + AFTER
    with time_machine.travel(start, tick=False):
        start_opening(world.invitation, actor=world.officer)
    with time_machine.travel(start + timedelta(hours=24, seconds=1), tick=False):
        with pytest.raises(ValidationError):
            confirm_opening(world.invitation, actor=world.second_officer)
        start_opening(world.invitation, actor=world.second_officer)
        confirm_opening(world.invitation, actor=world.officer)
    world.invitation.refresh_from_db()
    assert world.invitation.opened_by == world.officer


def test_after_the_opening_officers_and_appointed_assessors_read_and_others_are_refused(world, tender):
    AssessorAppointment.objects.create(lot=world.lot, user=world.assessor, appointed_by=world.officer)
    open_vault(world)
    content = read_tender(tender, actor=world.assessor)
    assert str(content.answers["Totaalprijs"]) == "123456.78"
    assert read_tender_file(content.files[0], actor=world.officer) == PDF_BYTES
    other_assessor = UserFactory(roles=[Role.ASSESSOR])
    for outsider in [world.other_officer, world.provider_b, world.provider_a, world.alderman, other_assessor]:
        with pytest.raises(PermissionDenied):
            read_tender(tender, actor=outsider)
    assert AuditEntry.objects.filter(action="tender.read", result="success").count() == 2


def test_the_opening_report_names_who_when_and_the_hashes(world, tender, django_capture_on_commit_callbacks):
    submit(world.lot, world.provider_b, world.organisation_b)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = open_vault(world)
    invitation.refresh_from_db()
    text = "".join(page.extract_text() for page in PdfReader(invitation.opening_report.open("rb")).pages)
    flat = text.replace("\n", "")
    text = " ".join(text.split())
    assert world.officer.email in text or world.officer.get_full_name() in text
    assert world.second_officer.get_full_name() in text or world.second_officer.email in text
    assert "Aanbieder A" in text and "Aanbieder B" in text
    assert tender.content_sha256[:40] in flat
    from procurement.jobs.tenders import make_opening_report

    assert make_opening_report(invitation.pk) is False
    assert AuditEntry.objects.filter(action="tender.opening.report").count() == 1
