from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from common.timezone import local
from dialogue.models import Rsvp, Session

pytestmark = pytest.mark.django_db


def session_data(world, start, **extra):
    fmt = "%Y-%m-%dT%H:%M"
    return {
        "kind": "plenary",
        "title": "Kick-off",
        "starts_at": local(start).strftime(fmt),
        "ends_at": local(start + timedelta(hours=2)).strftime(fmt),
        "place": "Stadhuis Haarlem",
        "themes": [world.themes[0].pk],
        **extra,
    }


def test_officer_plans_a_session_in_amsterdam_time_and_everyone_is_invited(client, world, personas):
    client.force_login(personas.officer)
    data = session_data(world, world.start)
    data["starts_at"], data["ends_at"] = "2030-01-19T10:00", "2030-01-19T12:00"
    response = client.post(reverse("dialogue:session_new", args=[world.round.pk]), data)
    session = Session.objects.get(title="Kick-off")
    assert response.status_code == 302
    assert session.starts_at == datetime(2030, 1, 19, 9, 0, tzinfo=UTC)
    assert set(
        Notification.objects.filter(key=f"dialogue.session.{session.pk}.invitation").values_list(
            "user__email", flat=True
        )
    ) == {personas.provider_a.email, personas.provider_b.email}


def test_a_session_in_the_past_is_refused_and_nothing_is_saved(client, world, personas):
    client.force_login(personas.officer)
    count = Session.objects.count()
    data = session_data(world, timezone.now() - timedelta(days=1))
    response = client.post(reverse("dialogue:session_new", args=[world.round.pk]), data)
    assert response.status_code == 200
    assert "De sessie ligt in het verleden" in response.content.decode()
    assert Session.objects.count() == count
    refusal = AuditEntry.objects.get(action="dialogue.session.plan", result=AuditEntry.Result.REFUSED)
    assert (refusal.procurement_id, refusal.actor_id, refusal.object_id) == (
        world.procurement.pk,
        personas.officer.pk,
        str(world.round.pk),
    )
    assert "De sessie ligt in het verleden" in refusal.message


def test_a_bilateral_session_needs_its_participant(client, world, personas):
    client.force_login(personas.officer)
    response = client.post(
        reverse("dialogue:session_new", args=[world.round.pk]),
        session_data(world, world.start, kind="bilateral"),
    )
    assert "Een bilaterale sessie is met één deelnemer van dit perceel." in response.content.decode()


def test_rsvp_per_organisation_with_who_attends(client, world, personas):
    client.force_login(personas.provider_a)
    url = reverse("dialogue:session_rsvp", args=[world.plenary.pk])
    client.post(url, {"attending": "yes", "attendees": "Anna, Bram"})
    client.post(url, {"attending": "no", "attendees": ""})
    rsvp = Rsvp.objects.get(session=world.plenary, organisation=personas.organisation_a)
    assert rsvp.attending is False


def test_an_rsvp_after_the_session_started_is_refused_and_the_earlier_reply_stays(client, world, personas):
    client.force_login(personas.provider_a)
    url = reverse("dialogue:session_rsvp", args=[world.plenary.pk])
    client.post(url, {"attending": "yes", "attendees": "Anna"})
    with time_machine.travel(world.plenary.starts_at + timedelta(minutes=1)):
        client.force_login(personas.provider_a)
        response = client.post(url, {"attending": "no"})
    assert response.status_code == 400
    assert "De sessie is al begonnen; u kunt niet meer reageren." in response.content.decode()
    assert Rsvp.objects.get(session=world.plenary, organisation=personas.organisation_a).attending is True


def test_session_ics_is_rfc5545_in_utc(client, world, personas):
    client.force_login(personas.provider_a)
    response = client.get(reverse("dialogue:session_ics", args=[world.bilateral_a.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert f"UID:dialoog-session-{world.bilateral_a.pk}@" in text
    assert "DTSTART:" + world.bilateral_a.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in text
    assert "DTSTAMP:" in text and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_guest_replies_for_themselves_and_an_uninvited_person_cannot(client, world, personas):
    from dialogue import services

    services.invite_guest(world.plenary, personas.expert.email, actor=personas.officer)
    client.force_login(personas.expert)
    client.post(reverse("dialogue:session_rsvp", args=[world.plenary.pk]), {"attending": "yes"})
    assert Rsvp.objects.get(session=world.plenary, guest=personas.expert).attending is True
    client.force_login(personas.assessor)
    assert (
        client.post(
            reverse("dialogue:session_rsvp", args=[world.plenary.pk]), {"attending": "yes"}
        ).status_code
        == 404
    )
    assert Rsvp.objects.count() == 1


def test_inviting_an_unknown_address_is_refused(client, world, personas):
    client.force_login(personas.officer)
    response = client.post(
        reverse("dialogue:session_guest", args=[world.plenary.pk]), {"email": "niemand@x.test"}
    )
    assert "Er is geen account met dit e-mailadres." in response.content.decode()
    assert not world.plenary.guests.exists()
