import pytest
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
