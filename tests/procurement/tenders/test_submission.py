"""Submitting a tender: the server's clock decides, to the millisecond; a resubmission supersedes the
earlier tender, which stays; bad input is refused in Dutch and changes nothing already submitted."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from audit.models import AuditEntry
from procurement.models import TenderSubmission
from procurement.services.tenders import TenderForm, submit_tender
from tests.factories import MembershipFactory
from tests.procurement.factories_tenders import pdf, submit

MS = timedelta(milliseconds=1)


def test_a_tender_one_millisecond_before_the_deadline_is_accepted_at_the_server_time(world):
    moment = world.invitation.submission_deadline - MS
    with time_machine.travel(moment, tick=False):
        submission = submit(world.lot, world.provider_a, world.organisation_a)
    submission.refresh_from_db()
    assert submission.submitted_at == moment
    assert submission.submitted_at.microsecond == moment.microsecond


def test_a_tender_one_millisecond_after_the_deadline_is_refused(world):
    with (
        time_machine.travel(world.invitation.submission_deadline + MS, tick=False),
        pytest.raises(ValidationError) as refused,
    ):
        submit(world.lot, world.provider_a, world.organisation_a)
    assert "is verstreken" in refused.value.messages[0]
    assert not TenderSubmission.objects.exists()
    assert AuditEntry.objects.filter(action="tender.submit", result="refused").exists()


def test_a_tender_exactly_at_the_deadline_is_refused(world):
    with (
        time_machine.travel(world.invitation.submission_deadline, tick=False),
        pytest.raises(ValidationError),
    ):
        submit(world.lot, world.provider_a, world.organisation_a)


def test_a_resubmission_supersedes_the_earlier_tender_which_stays_in_history(world):
    first = submit(world.lot, world.provider_a, world.organisation_a, price="100")
    second = submit(world.lot, world.provider_a, world.organisation_a, price="90")
    first.refresh_from_db()
    assert first.superseded_at == second.submitted_at
    assert second.number == 2 and second.superseded_at is None
    assert TenderSubmission.objects.filter(organisation=world.organisation_a).count() == 2
    assert first.content_sha256 != second.content_sha256


def test_the_receipt_carries_the_hash_and_the_amsterdam_time(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(world.lot, world.provider_a, world.organisation_a)
    submission.refresh_from_db()
    text = "".join(page.extract_text() for page in PdfReader(submission.receipt.open("rb")).pages)
    assert submission.content_sha256[:32] in text.replace("\n", "")
    assert "Aanbieder A" in text
    from common.timezone import local

    assert local(submission.submitted_at).strftime("%H:%M:%S") in text


def test_the_receipt_task_is_idempotent(world, django_capture_on_commit_callbacks):
    from procurement.jobs.tenders import make_tender_receipt

    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(world.lot, world.provider_a, world.organisation_a)
    submission.refresh_from_db()
    name = submission.receipt.name
    assert make_tender_receipt(submission.pk) is False
    submission.refresh_from_db()
    assert submission.receipt.name == name
    assert AuditEntry.objects.filter(action="tender.receipt", object_id=str(submission.pk)).count() == 1


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            TenderForm(documents={}, answers={"Totaalprijs": "100"}),
            "Het document 'Plan van aanpak' ontbreekt.",
        ),
        (
            TenderForm(documents={"Plan van aanpak": pdf()}, answers={"Totaalprijs": "-1"}),
            "mag niet negatief",
        ),
        (
            TenderForm(documents={"Plan van aanpak": pdf()}, answers={"Totaalprijs": "veel"}),
            "moet een bedrag",
        ),
        (TenderForm(documents={"Plan van aanpak": pdf()}, answers={}), "Vul 'Totaalprijs' in."),
        (
            TenderForm(
                documents={"Plan van aanpak": pdf("plan.pdf", b"geen pdf")}, answers={"Totaalprijs": "1"}
            ),
            "past niet bij de extensie",
        ),
    ],
)
def test_bad_input_is_refused_in_dutch_and_the_submitted_tender_stays(world, form, message):
    earlier = submit(world.lot, world.provider_a, world.organisation_a)
    with pytest.raises(ValidationError) as refused:
        submit_tender(
            world.lot, organisation=world.organisation_a, form=form, actor=world.provider_a, confirmed=True
        )
    assert message in " ".join(refused.value.messages)
    earlier.refresh_from_db()
    assert earlier.superseded_at is None
    assert TenderSubmission.objects.filter(organisation=world.organisation_a).count() == 1
    assert earlier.files.count() == 1


def test_a_submission_after_the_deadline_leaves_the_earlier_tender_untouched(world):
    earlier = submit(world.lot, world.provider_a, world.organisation_a)
    with (
        time_machine.travel(world.invitation.submission_deadline + MS, tick=False),
        pytest.raises(ValidationError),
    ):
        submit(world.lot, world.provider_a, world.organisation_a, price="1")
    earlier.refresh_from_db()
    assert earlier.superseded_at is None and earlier.number == 1


def test_an_organisation_that_was_not_invited_cannot_submit(world):
    outsider = MembershipFactory(organisation__name="Aanbieder C")
    with pytest.raises(ValidationError) as refused:
        submit(world.lot, outsider.user, outsider.organisation)
    assert "niet uitgenodigd" in refused.value.messages[0]


def test_a_user_cannot_submit_for_another_organisation(world):
    with pytest.raises(ValidationError) as refused:
        submit(world.lot, world.provider_b, world.organisation_a)
    assert "U treedt niet op namens" in refused.value.messages[0]
    assert not TenderSubmission.objects.exists()


def test_nothing_is_accepted_once_the_deadline_task_closed_the_submission_window(world):
    from django.utils import timezone

    from procurement.models import Phase

    Phase.objects.filter(procurement=world.procurement, key="submission").update(
        window_closed_at=timezone.now()
    )
    with pytest.raises(ValidationError) as refused:
        submit(world.lot, world.provider_a, world.organisation_a)
    assert "is verstreken" in refused.value.messages[0]
    assert not TenderSubmission.objects.exists()


def test_the_pdf_sweep_goes_on_past_a_receipt_that_fails_and_leaves_it_for_the_next_run(world, monkeypatch):
    from procurement.jobs import tenders
    from procurement.tasks.tenders import make_missing_tender_pdfs

    failing = submit(world.lot, world.provider_a, world.organisation_a)  # the broker never got the task
    fine = submit(world.lot, world.provider_b, world.organisation_b)
    real_make_receipt = tenders.make_tender_receipt

    def breaks_for_a(submission_id):
        if submission_id == failing.pk:
            raise RuntimeError("the renderer broke")
        return real_make_receipt(submission_id)

    monkeypatch.setattr(tenders, "make_tender_receipt", breaks_for_a)
    assert make_missing_tender_pdfs() == 1
    assert TenderSubmission.objects.get(pk=failing.pk).receipt == ""
    assert TenderSubmission.objects.get(pk=fine.pk).receipt != ""
    assert set(
        AuditEntry.objects.filter(action="tender.receipt").values_list(
            "object_id", "result", "procurement_id"
        )
    ) == {(str(failing.pk), "failed", world.procurement.pk), (str(fine.pk), "success", world.procurement.pk)}

    monkeypatch.undo()
    assert make_missing_tender_pdfs() == 1
    assert TenderSubmission.objects.get(pk=failing.pk).receipt != ""
