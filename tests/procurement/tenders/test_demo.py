"""The demo tender of lot 2b is made in one transaction: a service failing midway leaves no tender rows
behind and every deadline as it was (the submission phase's lifted deadline included), and the next run
makes the whole tender; a run after that changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from accounts.models import User
from demo.people import seed_people
from demo.tenders import LOT_NUMBER, _submission_deadline_lifted, seed_tenders
from procurement.models import (
    AssessorAppointment,
    AwardDecision,
    ConsensusScore,
    Document,
    InvitationToTender,
    Lot,
    Phase,
    Review,
    TenderInvitation,
    TenderSubmission,
)
from procurement.services import assessment, award, tenders

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot(settings, monkeypatch):
    """The demo world without its tender."""
    settings.DEBUG = True
    with monkeypatch.context() as patch:
        patch.setattr("demo.management.commands.seed_demo.seed_tenders", lambda people: None)
        call_command("seed_demo")
    return Lot.objects.get(procurement__reference__startswith="ZKIJ", number=LOT_NUMBER)


def deadlines(lot: Lot) -> dict:
    return dict(Phase.objects.filter(procurement=lot.procurement).values_list("pk", "deadline"))


def tender_rows(lot: Lot) -> dict[str, int]:
    return {
        "invitation documents": Document.objects.filter(lot=lot, kind=Document.Kind.INVITATION).count(),
        "invitations": InvitationToTender.objects.filter(lot=lot).count(),
        "invitees": TenderInvitation.objects.filter(lot=lot).count(),
        "tenders": TenderSubmission.objects.filter(lot=lot).count(),
        "assessors": AssessorAppointment.objects.filter(lot=lot).count(),
        "consensus": ConsensusScore.objects.filter(submission__lot=lot).count(),
        "awards": AwardDecision.objects.filter(lot=lot).count(),
        "decisions": Review.objects.filter(registration__lot=lot, published_at__isnull=False).count(),
        "users": User.objects.count(),
    }


def fails_after(module, name: str, monkeypatch) -> None:
    """The service does its work, then the run fails."""
    real = getattr(module, name)

    def failing(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError(f"{name} failed")

    monkeypatch.setattr(module, name, failing)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (tenders, "publish_invitation"),  # while the submission phase's deadline is lifted
        (tenders, "submit_tender"),  # after a contact person was made for the tenderer
        (assessment, "record_consensus"),
        (award, "publish_award"),
    ],
)
def test_a_failure_midway_leaves_no_tender_and_the_deadlines_as_they_were(lot, monkeypatch, module, name):
    before, rows = deadlines(lot), tender_rows(lot)
    assert rows["invitations"] == 0 and rows["decisions"] == 0
    people = seed_people()
    known = set(people.users)
    with monkeypatch.context() as patch:
        fails_after(module, name, patch)
        with pytest.raises(RuntimeError, match=f"{name} failed"):
            seed_tenders(people)
    assert deadlines(lot) == before
    assert tender_rows(lot) == rows
    assert set(people.users) == known  # no contact person that was rolled back

    seed_tenders(people)
    assert InvitationToTender.objects.get(lot=lot).opening_report
    assert AwardDecision.objects.get(lot=lot).status == AwardDecision.Status.PUBLISHED
    assert deadlines(lot) == before
    made = tender_rows(lot)
    assert made["tenders"] == 3 and made["consensus"] == 6
    assert {t.submitted_by.email for t in TenderSubmission.objects.filter(lot=lot)} <= set(people.users)
    seed_tenders(seed_people())
    assert tender_rows(lot) == made and deadlines(lot) == before


def test_the_lifted_deadline_is_restored_when_publishing_is_refused(lot, monkeypatch):
    """Even inside a caller's transaction that goes on after the refusal."""
    before = deadlines(lot)
    with pytest.raises(ValidationError), _submission_deadline_lifted(lot.procurement):
        assert Phase.objects.get(procurement=lot.procurement, key=tenders.SUBMISSION_PHASE).deadline is None
        raise ValidationError("refused")
    assert deadlines(lot) == before
