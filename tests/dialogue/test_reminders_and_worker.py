import logging
import time
from datetime import timedelta

import pytest

from accounts.models import Notification
from audit.models import AuditEntry
from dialogue import services
from dialogue.models import AgreementSet
from dialogue.tasks import send_session_reminders
from tests.dialogue.factories_dialogue import dialogue_world


@pytest.mark.django_db
def test_invitees_are_reminded_once_a_day_before_the_session(world, personas):
    before = world.bilateral_a.starts_at - timedelta(hours=23)
    assert services.remind_upcoming_sessions(now=world.bilateral_a.starts_at - timedelta(days=2)) == 0
    assert services.remind_upcoming_sessions(now=before) == 1  # only A's session starts within a day
    assert services.remind_upcoming_sessions(now=before) == 0
    reminded = Notification.objects.filter(key=f"dialogue.session.{world.bilateral_a.pk}.reminder")
    assert list(reminded.values_list("user__email", flat=True)) == [personas.provider_a.email]
    assert send_session_reminders.apply().get() == 0


@pytest.mark.django_db
def test_a_session_whose_reminder_fails_is_left_for_the_next_run_and_the_others_are_reminded(
    world, personas, monkeypatch, caplog
):
    before = world.bilateral_b.starts_at - timedelta(hours=23)  # both bilateral sessions within a day
    real_invitees = services.invitees

    def breaks_for_a(session):
        if session.pk == world.bilateral_a.pk:
            raise RuntimeError("the invitee list broke")
        return real_invitees(session)

    monkeypatch.setattr(services, "invitees", breaks_for_a)
    with caplog.at_level(logging.ERROR):
        assert services.remind_upcoming_sessions(now=before) == 1
    reminded = Notification.objects.filter(key__endswith=".reminder")
    assert list(reminded.values_list("user__email", flat=True)) == [personas.provider_b.email]
    assert list(
        AuditEntry.objects.filter(action="dialogue.session.remind").values_list(
            "object_id", "result", "procurement_id", "message"
        )
    ) == [(str(world.bilateral_a.pk), "failed", world.procurement.pk, "RuntimeError")]
    assert [r.exc_info[0] for r in caplog.records if r.levelno == logging.ERROR] == [RuntimeError]

    monkeypatch.undo()
    assert services.remind_upcoming_sessions(now=before) == 1  # A's invitee now; B's not twice
    assert set(reminded.values_list("user__email", flat=True)) == {
        personas.provider_a.email,
        personas.provider_b.email,
    }


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_agreement_set_pdf(personas, celery_worker_process):
    world = dialogue_world(personas)
    agreement = services.propose_agreement(
        world.procurement,
        actor=personas.officer,
        theme=world.themes[0],
        lots=[world.lot],
        kind="content",
        title="Hulp in de wijk",
        text="Zo dichtbij mogelijk.",
    )
    services.change_agreement_status(agreement, actor=personas.officer, status="agreed")
    agreement_set = services.close_dialogue(world.lot, actor=personas.officer)
    for _ in range(60):
        if AgreementSet.objects.filter(pk=agreement_set.pk).exclude(pdf="").exists():
            break
        time.sleep(0.5)
    assert AgreementSet.objects.get(pk=agreement_set.pk).pdf.read().startswith(b"%PDF")
