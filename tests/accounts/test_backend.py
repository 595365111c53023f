"""The person of a request is loaded in one query, with their roles and unread notification count; an
unknown or deactivated person is nobody."""

import pytest

from accounts.backends import PortalBackend
from accounts.roles import Role
from accounts.services.notifications import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_and_unread_count_come_with_the_person_in_one_query(django_assert_num_queries):
    person = UserFactory(roles=[Role.PROCUREMENT_OFFICER, Role.ASSESSOR])
    notify([person], key="one", subject="Een", body="Een.")
    notify([person], key="two", subject="Twee", body="Twee.")
    person.notifications.filter(key="one").update(read_at=person.date_joined)
    with django_assert_num_queries(1):
        loaded = PortalBackend().get_user(person.pk)
        assert loaded.has_role(Role.ASSESSOR)
        assert loaded.has_role(Role.PROCUREMENT_OFFICER)
        assert not loaded.has_role(Role.ALDERMAN)
        assert loaded.unread_notification_count == 1
    assert loaded == person
    assert loaded.email == person.email
    assert loaded.password == person.password  # the session hash is checked against it


def test_a_person_without_roles_has_none():
    loaded = PortalBackend().get_user(UserFactory(roles=[]).pk)
    assert loaded.role_names == frozenset()
    assert loaded.unread_notification_count == 0


def test_an_unknown_or_deactivated_person_is_nobody():
    person = UserFactory(roles=[Role.ALDERMAN])
    assert PortalBackend().get_user(person.pk + 1000) is None
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert PortalBackend().get_user(person.pk) is None
