"""Numbers typed by people: digits that are not 0-9 ('²', Arabic-Indic '٣') pass ``str.isdigit`` but not
``int()``; every place that reads such input refuses them with a message instead of a 500."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Organisation
from common.numbers import is_whole_number
from procurement.forms.pages import YearsField
from procurement.forms.tenders import PublishInvitationForm


@pytest.mark.parametrize(
    ("text", "whole"), [("2025", True), ("0", True), ("²", False), ("٣", False), ("", False)]
)
def test_only_the_digits_0_to_9_make_a_whole_number(text, whole):
    assert is_whole_number(text) is whole


def test_evaluation_years_with_a_superscript_digit_are_refused():
    with pytest.raises(ValidationError, match="hele getallen"):
        YearsField().clean("3, ⁶")


@pytest.mark.django_db
def test_a_criterion_weight_with_a_superscript_digit_is_refused():
    form = PublishInvitationForm({"criteria": "Kwaliteit; 6²"}, organisations=Organisation.objects.none())
    assert not form.is_valid()
    assert "criteria" in form.errors


@pytest.mark.django_db
def test_the_audit_search_answers_a_superscript_procurement_without_an_error(client, personas):
    client.force_login(personas.officer)
    assert client.get("/audit/?procurement=²").status_code == 200
