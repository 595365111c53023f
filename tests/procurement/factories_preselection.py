"""Helpers for preselection tests: submitted registrations of providers A and B (and C) for the
specific-care lot, a procurement whose registration period is over, criteria, and reviews."""

from datetime import UTC, datetime
from types import SimpleNamespace

import time_machine

from procurement.models import Criterion, Procurement, Registration
from procurement.services.preselection import (
    Verdict,
    add_criterion,
    confirm_decision,
    propose_decision,
    publish_decisions,
)
from procurement.services.registration import add_member, create_registration, submit_registration
from tests.procurement.factories_registration import build_world, complete_member


def submitted_single(lot, organisation, user) -> Registration:
    registration = create_registration(lot, lead=organisation, form="single", actor=user)
    complete_member(registration.members.get(), user, [lot.care_type.code])
    return submit_registration(registration, actor=user, confirmed=True)


def end_registration(procurement) -> None:
    Procurement.objects.filter(pk=procurement.pk).update(current_phase="preselection")
    procurement.refresh_from_db()


def submitted_partnership(lot, lead, lead_user, partner, partner_user) -> Registration:
    registration = create_registration(lot, lead=lead, form="combination", actor=lead_user)
    member = add_member(registration, kvk_number=partner.kvk_number, actor=lead_user)
    complete_member(registration.members.get(role="lead"), lead_user, ["ambulant", "jeugd-ggz"])
    complete_member(member, partner_user, ["verblijf"])
    return submit_registration(registration, actor=lead_user, confirmed=True)


def preselection_world(personas, *, with_integral: bool = False) -> SimpleNamespace:
    """Providers A, B and C each submitted a registration for lot 2 (jeugd-GGZ); the registration period is
    over; lot 2 has two knock-out criteria. With ``with_integral``, A and C also registered together for
    lot 1, which has one knock-out criterion."""
    world = build_world(personas)
    world.registration_a = submitted_single(world.specific, world.organisation_a, world.provider_a)
    world.registration_b = submitted_single(world.specific, world.organisation_b, world.provider_b)
    world.registration_c = submitted_single(world.specific, world.organisation_c, world.provider_c)
    if with_integral:
        world.partnership = submitted_partnership(
            world.integral, world.organisation_a, world.provider_a, world.organisation_c, world.provider_c
        )
        add_criterion(world.integral, actor=world.officer, kind="knockout", title="Integraal aanbod")
    end_registration(world.procurement)
    world.specific.refresh_from_db()
    world.criteria = [
        add_criterion(world.specific, actor=world.officer, kind="knockout", title="Geen uitsluitingsgronden"),
        add_criterion(world.specific, actor=world.officer, kind="knockout", title="Aantoonbare ervaring"),
    ]
    return world


def verdicts(
    lot, *, passed: bool = True, score: int = 7, reason: str = "Onderbouwd met referenties."
) -> dict:
    return {
        c.pk: Verdict(
            passed=passed if c.kind == Criterion.Kind.KNOCKOUT else None,
            score=score if c.kind == Criterion.Kind.SCORED else None,
            reason=f"{reason} ({c.title})",
        )
        for c in lot.criteria.all()
    }


def propose(registration, officer, *, admitted: bool = True, motivation: str = "Voldoet aan alle eisen."):
    return propose_decision(
        registration,
        actor=officer,
        verdicts=verdicts(registration.lot, passed=admitted),
        outcome="admitted" if admitted else "not_admitted",
        motivation=motivation,
    )


def decide(
    registration, first, second, *, admitted: bool = True, motivation: str = "Voldoet aan alle eisen."
):
    """Proposed by ``first`` and confirmed by ``second``."""
    review = propose(registration, first, admitted=admitted, motivation=motivation)
    return confirm_decision(review, actor=second)


MOMENT = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)  # 10 March 00:30 in Amsterdam


def decide_all(world) -> None:
    decide(world.registration_a, world.officer, world.second_officer, admitted=True)
    decide(
        world.registration_b,
        world.second_officer,
        world.officer,
        admitted=False,
        motivation="Geen aantoonbare ervaring met jeugd-GGZ.",
    )
    decide(world.registration_c, world.officer, world.second_officer, admitted=True)


def publish(world, on_commit, lot=None):
    with time_machine.travel(MOMENT, tick=False), on_commit(execute=True):
        return publish_decisions(lot or world.specific, actor=world.officer)
