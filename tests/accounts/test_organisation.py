import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", "", "12 34 56 78"])
def test_kvk_number_must_be_exactly_eight_digits(kvk):
    organisation = Organisation(name="Test", kvk_number=kvk)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "kvk_number" in error.value.message_dict


def test_kvk_number_of_eight_digits_is_accepted():
    Organisation(name="Test", kvk_number="12345678", agb_code="", postal_code="2011 AB").full_clean()


def test_kvk_number_is_unique():
    Organisation.objects.create(name="Eerste", kvk_number="12345678")
    with pytest.raises(ValidationError) as error:
        Organisation(name="Tweede", kvk_number="12345678").full_clean()
    assert "kvk_number" in error.value.message_dict


@pytest.mark.parametrize(
    "field,value", [("agb_code", "123"), ("postal_code", "0123 AB"), ("postal_code", "ABCD 12")]
)
def test_agb_code_and_postal_code_are_checked(field, value):
    organisation = Organisation(name="Test", kvk_number="12345678", **{field: value})
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert field in error.value.message_dict
