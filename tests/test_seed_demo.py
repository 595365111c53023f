import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [
    "inkoper@zkij.example",
    "wethouder@haarlem.example",
    "aanbieder@kustlicht.example",
    "aanbieder@duinroos.example",
    "ervaringsdeskundige@zkij.example",
    "beoordelaar@zkij.example",
    "inkoper@zaanstreek.example",
]


def test_seed_demo_is_idempotent_and_every_demo_account_logs_in(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
    printed = capsys.readouterr().out
    for email in DEMO_ACCOUNTS:
        assert email in printed
        client = Client()
        response = client.post("/account/login/", {"username": email, "password": "dialoog-demo"})
        assert response.status_code == 302, email


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(email="inkoper@zkij.example").exists()
    settings.TENDER_ENCRYPTION_KEY = Fernet.generate_key().decode()  # with DEBUG off the vault needs its key
    call_command("seed_demo", force=True)
    assert User.objects.filter(email="inkoper@zkij.example").exists()


def test_demo_officer_of_another_region_is_scoped_to_it(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    zaanstreek = User.objects.get(email="inkoper@zaanstreek.example")
    haarlem = User.objects.get(email="wethouder@haarlem.example")
    assert zaanstreek.region.slug == "zaanstreek-waterland"
    assert haarlem.municipality.region.slug == "zuid-kennemerland"


def test_demo_has_published_question_rounds_without_the_askers_name(
    settings, django_capture_on_commit_callbacks
):
    from procurement.models import Answer, AnswerRound, Question

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    call_command("seed_demo")
    rounds = AnswerRound.objects.filter(procurement__reference__startswith="ZKIJ")
    assert rounds.count() == 2
    assert all(r.published_at for r in rounds)
    assert rounds.filter(pdf__isnull=False).count() == 2
    assert Question.objects.filter(status=Question.Status.SUBMITTED).count() == 1
    for answer in Answer.objects.all():
        assert "Kustlicht" not in answer.question_text + answer.answer_text
        assert "Duinroos" not in answer.question_text + answer.answer_text


def test_demo_has_a_tender_opened_scored_and_awarded_for_the_specific_lot(
    settings, django_capture_on_commit_callbacks
):
    from dialogue.models import DialogueParticipant
    from procurement.models import AwardDecision, ConsensusScore, InvitationToTender, TenderSubmission

    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    call_command("seed_demo")
    invitation = InvitationToTender.objects.get(lot__procurement__reference="ZKIJ-2021-001", lot__number="2b")
    lot = invitation.lot
    tenders = TenderSubmission.objects.filter(lot=lot)
    assert tenders.count() == 3 and all(t.receipt for t in tenders)
    participants = DialogueParticipant.objects.filter(lot=lot).values_list("organisation", flat=True)
    assert set(tenders.values_list("organisation", flat=True)) <= set(participants)
    assert all(t.submitted_at < invitation.submission_deadline for t in tenders)
    assert invitation.opened_at and invitation.opening_report
    assert invitation.opening_started_by != invitation.opened_by
    assert ConsensusScore.objects.filter(submission__lot=lot).count() == 3 * invitation.criteria.count()
    assert lot.assessors.filter(scores_submitted_at__isnull=False).count() == 2
    award = AwardDecision.objects.get(lot=lot)
    assert award.status == AwardDecision.Status.PUBLISHED and award.decision.decided_on
    assert award.letters.exclude(file="").count() == 3
    assert award.standstill_ends_on > award.published_at.date()
    winner = award.winners.get().organisation.memberships.get().user
    client = Client()
    client.force_login(winner)
    page = client.get("/aanbestedingen/inschrijvingen/").content.decode()
    assert "Gunningsbrief" in page and lot.title in page
