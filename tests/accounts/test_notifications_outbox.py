"""Notifications are idempotent per key, and their e-mails go out once, also when the broker was down
at the moment of the action (the outbox sweep sends them a minute later)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from accounts.models import Notification
from accounts.services import notifications
from accounts.services.notifications import notify
from accounts.tasks import send_notification_emails, sweep_notification_outbox
from tests.factories import UserFactory


def notify_now(users, django_capture_on_commit_callbacks, key="round:1"):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(
            users, key=key, subject="Nieuwe antwoorden", body="Er is een ronde gepubliceerd.", url="/x/"
        )


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis: Connection refused.")

    monkeypatch.setattr(send_notification_emails, "delay", refuse)


def test_notify_makes_one_notification_per_user_and_key(db, django_capture_on_commit_callbacks):
    users = UserFactory.create_batch(3)
    assert len(notify_now(users, django_capture_on_commit_callbacks)) == 3
    assert notify_now([*users, users[0]], django_capture_on_commit_callbacks) == []

    assert Notification.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_notify_needs_the_same_number_of_queries_for_many_users(db, django_assert_num_queries):
    few, many = UserFactory.create_batch(2), UserFactory.create_batch(20)
    with django_assert_num_queries(4):  # who has it already; savepoint, insert, release
        notify(few, key="k", subject="s", body="b")
    with django_assert_num_queries(4):
        notify(many, key="k", subject="s", body="b")


def test_an_action_succeeds_while_the_broker_is_down_and_the_sweep_sends_the_mail_once(
    db, broker_down, django_capture_on_commit_callbacks
):
    user = UserFactory()
    created = notify_now([user], django_capture_on_commit_callbacks)

    assert len(created) == 1 and mail.outbox == []
    assert sweep_notification_outbox() == 0  # within the minute a worker may still be sending it
    with time_machine.travel(timezone.now() + timedelta(minutes=1, seconds=1)):
        assert sweep_notification_outbox() == 1
        assert sweep_notification_outbox() == 0

    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Nieuwe antwoorden"
    assert Notification.objects.get().emailed_at is not None


def test_a_notification_already_emailed_is_not_sent_again(db, django_capture_on_commit_callbacks):
    user = UserFactory()
    [notification] = notify_now([user], django_capture_on_commit_callbacks)

    assert send_notification_emails([notification.pk]) == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert sweep_notification_outbox() == 0
    assert len(mail.outbox) == 1


def test_a_failing_e_mail_stays_in_the_outbox_and_the_others_go_out(
    db, broker_down, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    failing, fine = UserFactory(email="bounce@example.test"), UserFactory()
    notify_now([failing, fine], django_capture_on_commit_callbacks)
    real_send = notifications.send_mail

    def send(subject, body, sender, recipients):
        if recipients == [failing.email]:
            raise ConnectionRefusedError("SMTP server unavailable")
        return real_send(subject, body, sender, recipients)

    monkeypatch.setattr(notifications, "send_mail", send)
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert sweep_notification_outbox() == 1

    assert "SMTP server unavailable" in caplog.text
    assert Notification.objects.get(user=failing).emailed_at is None
    assert [m.to for m in mail.outbox] == [[fine.email]]
