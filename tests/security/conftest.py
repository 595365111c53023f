import pytest

from accounts.roles import Role
from tests.factories import UserFactory


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="beheer@dialoog.test", is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR]
    )
