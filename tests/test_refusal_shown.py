"""``common.views``: the one view helper that shows a verb's refusal. On a form, the errors of a field
land on that field and the rest above the fields; behind a plain button, the refusal becomes error messages
on the page; the rest of the block (the success message, the redirect) is skipped and nothing is saved."""

from datetime import timedelta

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from common.views import refusal_shown
from tests.factories import make_procurement


class NameForm(forms.Form):
    name = forms.CharField()
    city = forms.CharField(required=False)


def refuse(error: Exception) -> None:
    """A verb that refuses."""
    raise error


def bound_form() -> NameForm:
    form = NameForm({"name": "Zonnehof", "city": "Haarlem"})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_and_the_rest_above_the_fields():
    form = bound_form()
    after_the_verb = []
    with refusal_shown(form):
        refuse(ValidationError({"name": "Deze naam is al in gebruik.", "kvk_number": "Geen KvK-nummer."}))
        after_the_verb.append("the success message and the redirect")
    assert after_the_verb == []
    assert form.errors == {"name": ["Deze naam is al in gebruik."], "__all__": ["Geen KvK-nummer."]}


def test_a_refusal_without_a_field_goes_above_the_fields_or_on_the_field_the_verb_is_about():
    above, on_city = bound_form(), bound_form()
    with refusal_shown(above):
        refuse(ValidationError(["Te laat.", "Niet open."]))
    with refusal_shown(on_city, field="city"):
        refuse(ValidationError("Onbekende plaats."))
    assert above.non_field_errors() == ["Te laat.", "Niet open."]
    assert on_city.errors == {"city": ["Onbekende plaats."]}


def test_behind_a_plain_button_the_refusal_becomes_error_messages_on_the_page():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    with refusal_shown(request):
        refuse(ValidationError(["Dit perceel is al geschorst.", "Geef de reden."]))
    assert [(m.level_tag, m.message) for m in get_messages(request)] == [
        ("error", "Dit perceel is al geschorst."),
        ("error", "Geef de reden."),
    ]


def test_a_permission_refusal_is_not_shown_but_passes_on():
    form = bound_form()
    with pytest.raises(PermissionDenied), refusal_shown(form):
        refuse(PermissionDenied())
    assert form.errors == {}


@pytest.mark.django_db
def test_through_a_page_the_verbs_field_error_lands_on_its_field_and_nothing_is_saved(client, personas):
    procurement = make_procurement(personas.officer)
    phase = procurement.phases.get(key="registration")
    closed = timezone.now() - timedelta(days=1)
    phase.deadline, phase.window_closed_at = closed, timezone.now()
    phase.save(update_fields=["deadline", "window_closed_at"])
    client.force_login(personas.officer)
    response = client.post(
        reverse("procurement:phase_schedule", args=[procurement.pk, "registration"]),
        {"planned_start": "", "deadline": "2030-01-01T12:00", "question_deadline": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "deadline": ["Deze deadline is verstreken en de termijn is gesloten."]
    }
    phase.refresh_from_db()
    assert phase.deadline == closed
    assert list(AuditEntry.objects.filter(action="phase.schedule").values_list("result", flat=True)) == [
        "refused"
    ]
