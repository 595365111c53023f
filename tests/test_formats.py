"""One Dutch formatting of dates, times and amounts (English where the reader chose it)."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from common.formats import day, exact_moment, moment, money, number


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_a_day_is_written_out_in_dutch():
    assert day(date(2026, 12, 7)) == "7 december 2026"


def test_a_moment_is_shown_in_amsterdam_time_to_the_minute():
    # 22:37 UTC in winter is 23:37 in Amsterdam; in summer 21:00 UTC is 23:00
    assert moment(datetime(2026, 12, 7, 22, 37, 59, 123456, tzinfo=UTC)) == "7 december 2026 om 23:37"
    assert moment(datetime(2026, 7, 1, 21, 0, tzinfo=UTC)) == "1 juli 2026 om 23:00"


def test_the_day_of_a_moment_is_its_day_in_amsterdam():
    assert day(datetime(2026, 12, 7, 23, 30, tzinfo=UTC)) == "8 december 2026"


def test_an_exact_moment_keeps_the_seconds_but_not_the_microseconds():
    assert exact_moment(datetime(2026, 12, 7, 22, 37, 5, 987654, tzinfo=UTC)) == "7 december 2026 om 23:37:05"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("2400000"), "€\u00a02.400.000,00"),
        (Decimal("1234.5"), "€\u00a01.234,50"),
        (0, "€\u00a00,00"),
        ("99.999", "€\u00a0100,00"),
    ],
)
def test_an_amount_is_in_euros_with_dutch_separators(value, shown):
    assert money(value) == shown


def test_a_number_has_thousands_separators():
    assert number(12345) == "12.345"
    assert number(Decimal("12345.6"), 2) == "12.345,60"


def test_english_readers_get_english_dates_and_separators():
    with translation.override("en"):
        assert moment(datetime(2026, 12, 7, 22, 37, tzinfo=UTC)) == "7 December 2026 at 23:37"
        assert money(Decimal("2400000")) == "€\u00a02,400,000.00"


def test_nothing_shows_as_nothing():
    assert day(None) == moment(None) == money(None) == number("") == ""


def test_templates_have_the_filters_without_loading_them():
    rendered = Template("{{ when|moment }} · {{ amount|money }} · {{ when|day }}").render(
        Context({"when": datetime(2026, 12, 7, 22, 37, tzinfo=UTC), "amount": Decimal("2400000")})
    )
    assert rendered == "7 december 2026 om 23:37 · €\u00a02.400.000,00 · 7 december 2026"
