"""A definitive award makes the draft contracts: one per awarded party of the lot, with the members of
its partnership as parties; finalising again (or the beat after the officer) makes no second contract."""

import logging
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from contracts.models import Contract
from procurement.models import AwardDecision, Lot
from procurement.services import award as award_services
from procurement.services.award import finalise_award, finalise_due_awards, prepare_award, publish_award
from tests.contracts.factories_contracts import partnership
from tests.factories import MembershipFactory
from tests.procurement.factories_tenders import (  # noqa: F401
    _tender_key,
    assess_fully,
    open_vault,
    submit,
    tender_procurement,
)

pytestmark = pytest.mark.django_db
AFTER_STANDSTILL = datetime(2027, 1, 2, 10, 0, tzinfo=UTC)
FINAL_STEPS = ["tender.award.final", "contracts.create"]


def published_award(personas) -> SimpleNamespace:
    """A procurement whose award of lot 2 (to A and to B with its partner) is published."""
    procurement, lot, invitation = tender_procurement(
        personas.officer, [personas.organisation_a, personas.organisation_b]
    )
    world = SimpleNamespace(**vars(personas), procurement=procurement, lot=lot, invitation=invitation)
    tender_a = submit(lot, personas.provider_a, personas.organisation_a)
    tender_b = submit(lot, personas.provider_b, personas.organisation_b)
    open_vault(world)
    assess_fully(world, {tender_a: ("8", "6"), tender_b: ("6", "10")}, [personas.assessor])
    world.partner = MembershipFactory(organisation__name="Partner van B").organisation
    partnership(lot, personas.organisation_b, personas.officer, (world.partner, "partner"))
    award = prepare_award(
        lot,
        winners=[tender_a, tender_b],
        grounds="Twee strategische partners.",
        advantages="Samen dekken zij het perceel.",
        decided_on=datetime(2026, 12, 8).date(),
        actor=personas.officer,
    )
    with time_machine.travel(datetime(2026, 12, 11, 10, 0, tzinfo=UTC), tick=False):
        world.award = publish_award(award, actor=personas.officer)
    return world


@pytest.fixture
def published(personas):
    return published_award(personas)


def parties(contract) -> list[tuple[str, str]]:
    return sorted((p.organisation.name, p.role) for p in contract.parties.filter(organisation__isnull=False))


def test_the_definitive_award_makes_a_draft_contract_per_awarded_party_once(published):
    with time_machine.travel(AFTER_STANDSTILL, tick=False):
        finalise_award(published.award, actor=published.officer)
        with pytest.raises(ValidationError):
            finalise_award(published.award, actor=published.officer)
        assert finalise_due_awards() == 0
    contracts = Contract.objects.filter(lot=published.lot).order_by("organisation__name")
    assert [(c.organisation.name, c.status) for c in contracts] == [
        ("Aanbieder A", "draft"),
        ("Aanbieder B", "draft"),
    ]
    a, b = contracts
    assert parties(a) == [("Aanbieder A", "hoofdaannemer")]
    assert parties(b) == [("Aanbieder B", "hoofdaannemer"), ("Partner van B", "combinant")]
    assert b.start.isoformat() == "2028-01-01" and b.created_by == published.officer
    assert set(b.parties.filter(municipality__isnull=False).values_list("municipality", flat=True)) == set(
        published.procurement.municipalities.values_list("pk", flat=True)
    )
    assert AuditEntry.objects.filter(action="contracts.create").count() == 2


def test_the_beat_finalising_the_award_makes_them_without_an_actor(published):
    with time_machine.travel(AFTER_STANDSTILL, tick=False):
        assert finalise_due_awards() == 1
    assert AwardDecision.objects.get(pk=published.award.pk).status == AwardDecision.Status.FINAL
    assert Contract.objects.filter(lot=published.lot, created_by__isnull=True).count() == 2


def test_a_party_that_has_a_contract_for_the_lot_already_gets_no_second_one(published):
    from contracts.services import create_awarded_contracts, create_contract

    existing = create_contract(published.lot, published.organisation_a, actor=published.officer)
    with time_machine.travel(AFTER_STANDSTILL, tick=False):
        finalise_award(published.award, actor=published.officer)
        assert create_awarded_contracts(AwardDecision.objects.get(pk=published.award.pk), None) == []
    assert list(Contract.objects.filter(organisation=published.organisation_a)) == [existing]
    assert Contract.objects.filter(lot=published.lot).count() == 2


def test_an_award_whose_definitive_step_fails_is_rolled_back_alone_and_retried_by_the_next_beat(
    personas, monkeypatch, caplog
):
    first, second = published_award(personas), published_award(personas)
    hooks = award_services.definitive_award_hooks

    def breaks_for_the_first(award, actor):
        if award.pk == first.award.pk:
            raise RuntimeError("the contract step broke")

    # after the contracts hook: its contracts for the first lot are made, then rolled back
    monkeypatch.setattr(award_services, "definitive_award_hooks", [*hooks, breaks_for_the_first])
    with time_machine.travel(AFTER_STANDSTILL, tick=False), caplog.at_level(logging.ERROR):
        assert finalise_due_awards() == 1
    assert AwardDecision.objects.get(pk=first.award.pk).status == AwardDecision.Status.PUBLISHED
    assert Lot.objects.get(pk=first.lot.pk).award_final_at is None
    assert not Contract.objects.filter(lot=first.lot).exists()
    assert AwardDecision.objects.get(pk=second.award.pk).status == AwardDecision.Status.FINAL
    assert Contract.objects.filter(lot=second.lot).count() == 2
    failure = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failure) == 1 and failure[0].exc_info[0] is RuntimeError
    assert str(first.award.pk) in failure[0].getMessage()
    first_entries = AuditEntry.objects.filter(procurement_id=first.procurement.pk, action__in=FINAL_STEPS)
    assert list(first_entries.values_list("action", "result", "object_id", "message")) == [
        ("tender.award.final", "failed", str(first.award.pk), "RuntimeError")
    ]

    monkeypatch.setattr(award_services, "definitive_award_hooks", hooks)
    with time_machine.travel(AFTER_STANDSTILL, tick=False):
        assert finalise_due_awards() == 1
        assert finalise_due_awards() == 0
    assert AwardDecision.objects.get(pk=first.award.pk).status == AwardDecision.Status.FINAL
    assert Contract.objects.filter(lot=first.lot).count() == 2
    assert sorted(first_entries.values_list("result", flat=True)) == [
        "failed",
        "success",
        "success",
        "success",
    ]


def test_an_officer_whose_definitive_award_step_fails_is_told_so_and_nothing_is_saved(
    client, published, monkeypatch, caplog
):
    hooks = award_services.definitive_award_hooks

    def breaks(award, actor):
        raise RuntimeError("the contract step broke")

    # after the contracts hook: its contracts are made, then rolled back
    monkeypatch.setattr(award_services, "definitive_award_hooks", [*hooks, breaks])
    url = reverse("procurement:tender_committee_final", args=[published.procurement.pk, published.lot.pk])
    with time_machine.travel(AFTER_STANDSTILL, tick=False), caplog.at_level(logging.ERROR):
        client.force_login(published.officer)  # on that day: a session from before the standstill expired
        response = client.post(url)
    assert response.status_code == 400  # the committee page again, with the message
    page = response.content.decode()
    assert "De gunning kon niet definitief worden gemaakt" in page
    assert "niets opgeslagen" in page and "binnen een uur opnieuw" in page
    assert AwardDecision.objects.get(pk=published.award.pk).status == AwardDecision.Status.PUBLISHED
    assert Lot.objects.get(pk=published.lot.pk).award_final_at is None
    assert not Contract.objects.filter(lot=published.lot).exists()
    failure = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failure) == 1 and failure[0].exc_info[0] is RuntimeError
    assert str(published.award.pk) in failure[0].getMessage()
    entries = AuditEntry.objects.filter(procurement_id=published.procurement.pk, action__in=FINAL_STEPS)
    assert list(entries.values_list("action", "result", "actor_id", "message")) == [
        ("tender.award.final", "failed", published.officer.pk, "RuntimeError")
    ]

    monkeypatch.setattr(award_services, "definitive_award_hooks", hooks)
    with time_machine.travel(AFTER_STANDSTILL, tick=False):
        client.post(url)
    assert AwardDecision.objects.get(pk=published.award.pk).status == AwardDecision.Status.FINAL
    assert Contract.objects.filter(lot=published.lot).count() == 2
