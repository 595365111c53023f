import pytest

from accounts.roles import Role
from tests.factories import UserFactory
from tests.procurement.factories_tenders import _tender_key  # noqa: F401  (the world seals tenders)


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="beheer@dialoog.test", is_staff=True, is_superuser=True, roles=[Role.ADMINISTRATOR]
    )
