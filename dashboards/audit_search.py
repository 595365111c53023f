"""Searching the audit trail: an officer sees the entries of the procurements they run, nothing else."""

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

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
    action = forms.CharField(label=_("Action (audit)"), required=False, max_length=80)
    date_from = forms.DateField(
        label=_("From (date)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To (date, inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, procurements: QuerySet[Procurement], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procurement"].queryset = procurements.order_by("reference")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data


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
        entries = entries.filter(action__startswith=filters["action"].strip())
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
