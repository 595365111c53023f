"""Searching the audit trail: an officer sees the entries of the procurements they run, nothing else."""

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from audit.actions import Action
from audit.models import AuditEntry
from common.timezone import AMSTERDAM, local
from procurement.models import Procurement

PAGE_SIZE = 50
CSV_COLUMNS = [
    "time_utc",
    "time_amsterdam",
    "actor_id",
    "actor",
    "action",
    "action_label",
    "result",
    "object_type",
    "object_id",
    "object",
    "procurement_id",
    "origin_ip",
    "changes",
    "message",
]


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=AMSTERDAM)


class AuditSearchForm(forms.Form):
    procurement = forms.ModelChoiceField(
        label=_("Procurement"), queryset=Procurement.objects.none(), required=False, empty_label=_("All")
    )
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=100)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    actor = forms.CharField(label=_("Actor (e-mail address)"), required=False, max_length=254)
    action = forms.CharField(label=_("Action (audit)"), required=False, max_length=80, widget=forms.Select)
    date_from = forms.DateField(
        label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (date, inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, procurements: QuerySet[Procurement], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = procurements.order_by("reference")
        self.fields["action"].widget.choices = action_choices(self.data.get("action", "").strip())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data


def action_choices(asked: str = "") -> list[tuple[str, str]]:
    """The actions by their label, alphabetically in the language of the page. An address may still ask
    for the actions whose stored string starts with some text (``?action=tender.``, the old search): that
    text is offered as a choice of its own, so that the list shows what the page searched for."""
    choices = sorted(((action.value, str(action.label)) for action in Action), key=lambda choice: choice[1])
    if asked and asked not in Action.values:
        choices.insert(0, (asked, _("Starting with “%(text)s”") % {"text": asked}))
    return [("", _("All")), *choices]


def search(entries: QuerySet[AuditEntry], filters: dict) -> QuerySet[AuditEntry]:
    """Narrow ``entries`` by the cleaned filters; dates are whole days in Europe/Amsterdam."""
    if filters.get("procurement"):
        entries = entries.filter(procurement_id=filters["procurement"].pk)
    if filters.get("object_type"):
        entries = entries.filter(object_type=filters["object_type"].strip().lower())
    if filters.get("object_id"):
        entries = entries.filter(object_id=filters["object_id"].strip())
    if filters.get("actor"):
        entries = entries.filter(actor_label__icontains=filters["actor"].strip())
    if filters.get("action"):
        action = filters["action"].strip()
        entries = (
            entries.filter(action=action)
            if action in Action.values
            else entries.filter(action__startswith=action)
        )
    if filters.get("date_from"):
        entries = entries.filter(timestamp__gte=start_of_day(filters["date_from"]))
    if filters.get("date_to"):
        entries = entries.filter(timestamp__lt=start_of_day(filters["date_to"] + timedelta(days=1)))
    return entries.order_by("-timestamp", "-id")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    """Plain text in a spreadsheet: a cell that starts like a formula is prefixed with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    """The entries as CSV lines: each action as its stored string and as its label in the language of the
    request (taken now: the response is streamed after the view returns)."""
    labels = {action.value: str(action.label) for action in Action}
    return _csv_lines(entries, labels)


def _csv_lines(entries: QuerySet[AuditEntry], labels: dict[str, str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for e in entries.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _cell(v)
                for v in (
                    e.timestamp.isoformat(),
                    local(e.timestamp).isoformat(),
                    e.actor_id,
                    e.actor_label,
                    e.action,
                    labels.get(e.action, e.action),
                    e.result,
                    e.object_type,
                    e.object_id,
                    e.object_label,
                    e.procurement_id,
                    e.origin_ip,
                    json.dumps(e.changes, cls=DjangoJSONEncoder, ensure_ascii=False),
                    e.message,
                )
            ]
        )
