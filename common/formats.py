"""Dates, times and amounts as a person reads them: the one formatting of the portal, for pages, e-mails,
CSV exports and PDFs, in the active language (Dutch unless the reader chose English).

    day(date or datetime)   7 december 2026            7 December 2026
    moment(datetime)        7 december 2026 om 23:37   7 December 2026 at 23:37
    money(Decimal)          € 2.400.000,00             € 2,400,000.00
    number(value[, 2])      12.345 / 12.345,60         12,345 / 12,345.60

A datetime is shown in Europe/Amsterdam, whatever zone it is stored in. Templates have these as filters
without loading anything (``{{ phase.deadline|moment }}``, ``{{ budget|money }}``: the library is a
builtin, see ``TEMPLATES`` in the settings); Python code (e-mails, CSV, messages) calls the functions."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from common.timezone import local

register = template.Library()

Amount = Decimal | int | float | str


def _day_of(value: date | datetime) -> date:
    return local(value).date() if isinstance(value, datetime) else value


@register.filter
def day(value: date | datetime | None) -> str:
    """The calendar day: "7 december 2026"."""
    if value in (None, ""):
        return ""
    return formats.date_format(_day_of(value), "j F Y")


@register.filter
def moment(value: datetime | None) -> str:
    """A moment to the minute, in Amsterdam: "7 december 2026 om 23:37"."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return day(value)
    at = local(value)
    return _("%(day)s at %(time)s") % {"day": day(at), "time": formats.time_format(at, "H:i")}


@register.filter
def exact_moment(value: datetime | None) -> str:
    """A moment to the second (receipts, the opening report): "7 december 2026 om 23:37:05"."""
    if value in (None, ""):
        return ""
    at = local(value)
    return _("%(day)s at %(time)s") % {"day": day(at), "time": formats.time_format(at, "H:i:s")}


@register.filter
def number(value: Amount | None, decimals: int = 0) -> str:
    """A number with thousands separators and ``decimals`` decimals, rounded half up: "12.345" or
    "12.345,60"."""
    if value in (None, ""):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, int(decimals), use_l10n=True, force_grouping=True)


@register.filter
def money(value: Amount | None) -> str:
    """An amount in euros: "€ 2.400.000,00"."""
    if value in (None, ""):
        return ""
    return f"€\u00a0{number(value, 2)}"
