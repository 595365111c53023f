import pytest
from django.core.management import call_command

from dialogue.models import Agreement, DialogueParticipant, Minutes, Round, Session

pytestmark = pytest.mark.django_db


def test_the_demo_dialogue_is_in_the_middle_and_seeding_twice_changes_nothing(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Session.objects.count(), Agreement.objects.count(), Minutes.objects.count())
    call_command("seed_demo")
    assert (Session.objects.count(), Agreement.objects.count(), Minutes.objects.count()) == counts
    assert "aanbieder@spaarnestroom.example" in capsys.readouterr().out
    # the four demo partnerships of the dialogue, plus Helmgras, admitted by the demo's preselection
    integral = DialogueParticipant.objects.filter(lot__number="1")
    participants = set(integral.values_list("organisation__name", flat=True))
    assert len(participants) == integral.count() == 5
    # lot 2b's admitted providers too: its preselection is published for the demo tender
    assert DialogueParticipant.objects.filter(lot__number="2b").count() == 5
    assert {
        "Stichting Kustlicht Jeugdhulp",
        "Duinroos Jeugd & Gezin",
        "Helmgras Jeugd en Gezin",
    } <= participants
    assert Round.objects.count() == 2
    kickoff = Session.objects.get(title__startswith="Kick-off")
    assert kickoff.starts_at.date().isoformat() == "2022-01-19" and kickoff.kind == "plenary"
    assert Session.objects.filter(kind="bilateral").count() == 8
    assert set(Agreement.objects.values_list("status", flat=True)) == set(Agreement.Status.values)
    assert {"fixed", "in_comment"} <= set(Minutes.objects.values_list("status", flat=True))
    assert (
        Agreement.objects.exclude(kpi_name="").exists()
        and Agreement.objects.exclude(budget_amount=None).exists()
    )
