"""A person's notification pages: the list, newest first and paginated, unread marked; marking one or
all as read; nobody reaches another person's notifications."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.views.notifications import PAGE_SIZE
from tests.factories import UserFactory

LIST = reverse("accounts:notifications")


def make_notifications(user, count: int, read: bool = False) -> list[Notification]:
    start = timezone.now() - timedelta(days=1)
    made = []
    for number in range(count):
        with time_machine.travel(start + timedelta(minutes=number)):
            made.append(
                Notification.objects.create(
                    user=user,
                    key=f"test:{number}",
                    subject=f"Melding {number}",
                    body="Tekst",
                    read_at=timezone.now() if read else None,
                )
            )
    return made


@pytest.fixture
def reader(client, db):
    user = UserFactory()
    client.force_login(user)
    return user


def test_the_list_shows_the_newest_first_and_marks_the_unread(client, reader):
    make_notifications(reader, 2, read=True)
    Notification.objects.create(user=reader, key="new", subject="Nieuwe ronde antwoorden", body="Lees ze")

    page = client.get(LIST).content.decode()

    assert page.index("Nieuwe ronde antwoorden") < page.index("Melding 1") < page.index("Melding 0")
    assert page.count("Ongelezen") == 1
    assert "Meldingen (1 ongelezen)" in page
    assert "Alles als gelezen markeren" in page


def test_the_list_is_paginated_with_a_bounded_number_of_queries(
    client, reader, django_assert_max_num_queries
):
    make_notifications(reader, PAGE_SIZE + 5)

    with django_assert_max_num_queries(6):  # session, user, count, page, unread count (+ slack 1)
        first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()

    assert f"Melding {PAGE_SIZE + 4}" in first and "Melding 4<" not in first
    assert "Melding 4<" in second and "Melding 0<" in second
    assert "Pagina 2 van 2" in second
    assert client.get(LIST, {"page": "zz"}).status_code == 200


def test_an_empty_list_says_so(client, reader):
    assert "U hebt geen meldingen." in client.get(LIST).content.decode()


def test_marking_one_as_read(client, reader):
    first, second = make_notifications(reader, 2)

    response = client.post(reverse("accounts:notification_read", args=[first.pk]), {"next": f"{LIST}?page=1"})

    assert response.status_code == 302 and response.url == f"{LIST}?page=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None


def test_marking_all_as_read_marks_only_ones_own(client, reader):
    make_notifications(reader, 3)
    [other] = make_notifications(UserFactory(), 1)

    response = client.post(reverse("accounts:notifications_read_all"))

    assert response.status_code == 302 and response.url == LIST
    assert not reader.notifications.filter(read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None
    assert "ongelezen" not in client.get(LIST).content.decode()


def test_another_persons_notification_is_not_found(client, reader):
    [other] = make_notifications(UserFactory(), 1)

    response = client.post(reverse("accounts:notification_read", args=[other.pk]))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
    assert "Melding 0" not in client.get(LIST).content.decode()


def test_marking_goes_back_only_to_a_local_page(client, reader):
    [notification] = make_notifications(reader, 1)

    response = client.post(
        reverse("accounts:notification_read", args=[notification.pk]), {"next": "https://evil.example/"}
    )

    assert response.url == LIST


def test_marking_as_read_needs_a_post(client, reader):
    [notification] = make_notifications(reader, 1)

    assert client.get(reverse("accounts:notification_read", args=[notification.pk])).status_code == 405
    assert client.get(reverse("accounts:notifications_read_all")).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize(
    "url",
    [LIST, reverse("accounts:notifications_read_all"), reverse("accounts:notification_read", args=[1])],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, db, url):
    response = client.post(url) if url != LIST else client.get(url)

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_navigation_shows_no_notification_link_to_anonymous_visitors(client, db):
    assert LIST not in client.get(reverse("accounts:login")).content.decode()
