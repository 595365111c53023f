"""The demo: partnerships (Kustlicht, Duinroos and more) for the ZK/IJ integral lot and a dozen single
providers for the specific-care lot(s); some admitted, some not, one still in review; the integral lot's
decisions published with letters; a second run changes nothing."""

import pytest
from django.core.management import call_command

from procurement.models import Lot, Procurement, Registration, Review

pytestmark = pytest.mark.django_db


def test_the_demo_has_registrations_and_preselection_decisions(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    procurement = Procurement.objects.get(reference__startswith="ZKIJ")
    integral = procurement.lots.get(kind=Lot.Kind.INTEGRAL, status=Lot.Status.OPEN)
    partnerships = integral.registrations.exclude(form=Registration.Form.SINGLE)
    assert partnerships.count() >= 4
    leads = set(partnerships.values_list("lead__name", flat=True))
    assert {"Stichting Kustlicht Jeugdhulp", "Duinroos Jeugd & Gezin"} <= leads
    required = set(integral.required_care_types().values_list("pk", flat=True))
    for registration in partnerships:
        delivered = set(registration.members.values_list("care_types", flat=True))
        assert required <= delivered, registration
    singles = Registration.objects.filter(lot__procurement=procurement, lot__kind=Lot.Kind.SPECIFIC)
    assert singles.filter(form=Registration.Form.SINGLE).count() >= 12
    integral.refresh_from_db()
    assert integral.preselection_published_at is not None
    published = Review.objects.filter(registration__lot=integral)
    assert {r.published_at for r in published} == {integral.preselection_published_at}
    assert set(published.values_list("outcome", flat=True)) == {"admitted", "not_admitted"}
    assert not published.filter(letter="").exists()
    assert Review.objects.filter(status=Review.Status.PROPOSED).count() == 1
    assert Review.objects.filter(registration__lot__kind="specific", outcome="not_admitted").exists()
    # lot 2a keeps one registration in review, so its decisions are not published; lot 2b's are (its tender)
    assert not Review.objects.filter(registration__lot__number="2a", published_at__isnull=False).exists()
    assert not Review.objects.filter(registration__lot__number="2b", published_at__isnull=True).exists()

    counts = (Registration.objects.count(), Review.objects.count())
    call_command("seed_demo")
    assert (Registration.objects.count(), Review.objects.count()) == counts


def test_the_demo_keeps_a_historic_publication_moment(django_capture_on_commit_callbacks):
    """The procurement pages' demo stamps the lots of ZK/IJ as published in 2021 and moves on to the
    dialogue; the seeded decisions take that moment, and the stamps stay."""
    from datetime import UTC, datetime

    from demo.people import seed_people
    from demo.registrations import seed_registrations
    from tests.factories import make_procurement

    people = seed_people()
    procurement = make_procurement(people.users["inkoper@zkij.example"], phase="dialogue")
    historic = datetime(2021, 12, 20, 9, tzinfo=UTC)
    procurement.lots.update(preselection_published_at=historic)
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_registrations(people) == procurement
    assert set(procurement.lots.values_list("preselection_published_at", flat=True)) == {historic}
    published = Review.objects.filter(published_at__isnull=False)
    assert published.count() == 4 and {r.published_at for r in published} == {historic}
    assert {r.objection_until.isoformat() for r in published} == {"2022-01-09"}
