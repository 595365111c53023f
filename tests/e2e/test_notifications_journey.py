"""A provider reads a deadline reminder in the portal and marks it as read, without JavaScript needs."""

import re

import pytest

from accounts.models import Notification
from tests.e2e.conftest import assert_accessible, log_in


@pytest.mark.django_db(transaction=True)
def test_a_provider_reads_a_reminder_and_marks_it_as_read(page, personas):
    Notification.objects.create(
        user=personas.provider_a,
        key="deadline:1:deadline:1d",
        subject="Herinnering: deadline van aanmelding op 30 maart 2026, 12:00",
        body="Na dat moment kan er niets meer worden ingediend.",
        emailed_at="2026-03-29T10:00:00Z",
    )
    log_in(page, personas.provider_a.email)

    page.get_by_role("link", name="Meldingen (1 ongelezen)").click()
    page.get_by_role("heading", name="Herinnering: deadline van aanmelding").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^Als gelezen markeren\W+Herinnering")).click()

    page.get_by_role("link", name="Meldingen", exact=True).wait_for()
    assert page.get_by_text("Ongelezen", exact=True).count() == 0
    assert Notification.objects.get().read_at is not None
    assert_accessible(page)
