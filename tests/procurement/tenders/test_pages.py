"""The tender pages: a participant submits through the form; bad input gets a Dutch message; provider B
never sees A's tender, receipt or letter; two officers open the vault; content is refused (and logged)
before the opening, from the wrong side a 404."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEntry
from procurement.models import TenderSubmission
from tests.procurement.factories_tenders import open_vault, pdf, submit


def form_data(world, price="1000,50", document=True):
    data = {"organisation": world.organisation_a.pk, "answer_0": price, "confirm": "on"}
    if document:
        data["document_0"] = pdf()
    return data


def test_a_participant_submits_through_the_form_and_downloads_the_receipt(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.provider_a)
    url = reverse("procurement:tender_form", args=[world.lot.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(world))
    assert response.status_code == 302
    submission = TenderSubmission.objects.get()
    page = client.get(reverse("procurement:my_tenders"))
    assert "Aanbieder A" in page.content.decode()
    receipt = client.get(reverse("procurement:tender_receipt", args=[submission.pk]))
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_0": "-5"}, "mag niet negatief zijn"),
        ({"document_0": None}, "Dit veld is verplicht"),
    ],
)
def test_bad_input_on_the_form_gets_a_dutch_message_and_saves_nothing(client, world, changes, message):
    client.force_login(world.provider_a)
    data = {k: v for k, v in {**form_data(world), **changes}.items() if v is not None}
    response = client.post(reverse("procurement:tender_form", args=[world.lot.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TenderSubmission.objects.exists()


def test_after_the_deadline_the_form_refuses_whatever_the_client_sends(client, world):
    with time_machine.travel(world.invitation.submission_deadline + timedelta(milliseconds=1), tick=False):
        client.force_login(world.provider_a)
        response = client.post(reverse("procurement:tender_form", args=[world.lot.pk]), form_data(world))
    assert "is verstreken" in response.content.decode()
    assert not TenderSubmission.objects.exists()


def test_provider_b_never_sees_a_tender_receipt_or_letter_of_a(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tender = submit(world.lot, world.provider_a, world.organisation_a)
    client.force_login(world.provider_b)
    assert client.get(reverse("procurement:tender_receipt", args=[tender.pk])).status_code == 404
    assert client.get(reverse("procurement:tender_detail", args=[tender.pk])).status_code == 403
    assert "Aanbieder A" not in client.get(reverse("procurement:my_tenders")).content.decode()


def test_an_officer_is_refused_content_before_the_opening_and_the_attempt_is_logged(client, world):
    tender = submit(world.lot, world.provider_a, world.organisation_a)
    client.force_login(world.officer)
    response = client.get(reverse("procurement:tender_detail", args=[tender.pk]))
    assert response.status_code == 403
    assert "niet leesbaar" in response.content.decode()
    assert AuditEntry.objects.filter(
        action="tender.read", result="refused", actor_id=world.officer.pk
    ).exists()
    vault = client.get(reverse("procurement:tender_vault", args=[world.procurement.pk, world.lot.pk]))
    assert "Aanbieder A" not in vault.content.decode()


def test_an_officer_of_another_region_gets_404_on_the_vault_and_the_tender(client, world):
    tender = submit(world.lot, world.provider_a, world.organisation_a)
    client.force_login(world.other_officer)
    assert (
        client.get(reverse("procurement:tender_vault", args=[world.procurement.pk, world.lot.pk])).status_code
        == 404
    )
    assert client.get(reverse("procurement:tender_detail", args=[tender.pk])).status_code == 404


def test_two_officers_open_the_vault_through_the_pages(client, world, django_capture_on_commit_callbacks):
    tender = submit(world.lot, world.provider_a, world.organisation_a)
    args = [world.procurement.pk, world.lot.pk]
    with time_machine.travel(world.invitation.submission_deadline + timedelta(seconds=1), tick=False):
        client.force_login(world.officer)
        client.post(reverse("procurement:tender_start_opening", args=args))
        refused = client.post(reverse("procurement:tender_confirm_opening", args=args), follow=True)
        assert "tweede, andere inkoper" in refused.content.decode()
        client.force_login(world.second_officer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("procurement:tender_confirm_opening", args=args))
        page = client.get(reverse("procurement:tender_vault", args=args)).content.decode()
        assert "Geopend door" in page
        detail = client.get(reverse("procurement:tender_detail", args=[tender.pk]))
        assert detail.status_code == 200 and "125000" in detail.content.decode()
        report = client.get(reverse("procurement:tender_opening_report", args=args))
        assert report.status_code == 200


def test_an_assessor_of_the_lot_reads_after_the_opening(client, world):
    from procurement.services.assessment import appoint_assessor

    tender = submit(world.lot, world.provider_a, world.organisation_a)
    open_vault(world)
    client.force_login(world.assessor)
    assert client.get(reverse("procurement:tender_detail", args=[tender.pk])).status_code == 404
    appoint_assessor(world.lot, user=world.assessor, actor=world.officer)
    response = client.get(reverse("procurement:tender_detail", args=[tender.pk]))
    assert response.status_code == 200
    file_pk = tender.files.get().pk
    download = client.get(reverse("procurement:tender_file", args=[tender.pk, file_pk]))
    assert download.content.startswith(b"%PDF")
