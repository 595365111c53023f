"""The load-data generator: relations, determinism, idempotency and the DEBUG guard."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import Notification, Organisation, User
from accounts.roles import Role
from audit.models import AuditEntry
from contracts.models import BudgetYear, Contract, ContractKpi, ContractParty, KpiReport
from demo import load_data
from dialogue.models import (
    Agreement,
    AgreementComment,
    AgreementVersion,
    DialogueParticipant,
    Minutes,
    MinutesComment,
    Session,
)
from procurement.models import Answer, Participant, Procurement, Question, Registration, RegistrationMember
from regions.models import Region

pytestmark = pytest.mark.django_db

FACTOR = 0.05


class Rollback(Exception):
    pass


def fingerprint() -> dict:
    """What the generator made, by natural keys (database ids differ between runs)."""
    return {
        "organisations": sorted(
            Organisation.objects.filter(kvk_number__startswith="9").values_list("kvk_number", "name", "city")
        ),
        "registrations": sorted(
            Registration.objects.filter(lot__procurement__reference__startswith="LOAD-").values_list(
                "lot__number", "lead__kvk_number", "form", "status"
            )
        ),
        "members": sorted(
            RegistrationMember.objects.filter(
                registration__lot__procurement__reference__startswith="LOAD-"
            ).values_list(
                "registration__lead__kvk_number",
                "registration__lot__number",
                "organisation__kvk_number",
                "role",
            )
        ),
        "questions": sorted(
            Question.objects.filter(procurement__reference__startswith="LOAD-").values_list("text", "status")
        ),
        "agreements": sorted(
            Agreement.objects.filter(procurement__reference__startswith="LOAD-").values_list(
                "title", "kind", "status", "version"
            )
        ),
        "contracts": sorted(
            Contract.objects.filter(procurement__reference__startswith="LOAD-").values_list(
                "number", "organisation__kvk_number", "status"
            )
        ),
        "audit": AuditEntry.objects.filter(actor_label__endswith="@load.dialoog.test").count(),
    }


def test_the_generator_makes_a_region_with_its_procurement_providers_and_registrations():
    result = load_data.generate(1, factor=FACTOR)
    (world,) = result.regions
    procurement = world.procurement
    sizes = load_data.Sizes().scaled(FACTOR)
    assert world.region.slug == "load-001" and procurement.status == Procurement.Status.PUBLISHED
    assert list(procurement.regions.all()) == [world.region]
    assert world.officer.region == world.region and world.officer.has_role(Role.PROCUREMENT_OFFICER)
    assert world.alderman.municipality.region == world.region and world.alderman.has_role(Role.ALDERMAN)
    assert world.provider.has_role(Role.PROVIDER_MEMBER)
    assert Participant.objects.filter(procurement=procurement).count() == sizes.organisations
    assert len(world.lots) == 1 + sizes.specific_lots
    # every organisation leads one registration per lot, with itself as lead member
    registrations = Registration.objects.filter(lot__procurement=procurement)
    assert registrations.count() == sizes.organisations * len(world.lots)
    assert (
        RegistrationMember.objects.filter(registration__in=registrations, role="lead").count()
        == registrations.count()
    )
    assert Question.objects.filter(procurement=procurement).count() == sizes.questions
    published = Answer.objects.filter(procurement=procurement, round__published_at__isnull=False)
    assert published.exists()
    assert AuditEntry.objects.filter(procurement_id=procurement.pk).count() == sizes.audit_entries
    # old notifications are already e-mailed: the outbox sweep sends nothing for them
    assert not Notification.objects.filter(
        user__email__endswith="@load.dialoog.test", emailed_at__isnull=True
    ).exists()
    assert (
        not User.objects.filter(email__endswith="@load.dialoog.test")
        .exclude(password__startswith="!")
        .exists()
    )


def dialogue_and_contract_counts(procurement: Procurement) -> dict[str, int]:
    return {
        "agreements": Agreement.objects.filter(procurement=procurement).count(),
        "agreement comments": AgreementComment.objects.filter(agreement__procurement=procurement).count(),
        "minutes comments": MinutesComment.objects.filter(
            minutes__session__round__procurement=procurement
        ).count(),
        "contracts": Contract.objects.filter(procurement=procurement).count(),
    }


@pytest.mark.parametrize("factor", [FACTOR, 0.3])
def test_the_generator_makes_the_dialogue_and_the_contracts_with_five_years_of_kpi_reports(factor):
    (world,) = load_data.generate(1, factor=factor).regions
    procurement = world.procurement
    sizes = load_data.Sizes().scaled(factor)
    assert dialogue_and_contract_counts(procurement) == {
        "agreements": sizes.agreements,
        "agreement comments": sizes.agreement_comments,
        "minutes comments": sizes.minutes_comments,
        "contracts": sizes.contracts,
    }
    # every lot has its participants, and rounds with a plenary and one bilateral session per participant
    for lot in world.lots:
        participants = DialogueParticipant.objects.filter(lot=lot).count()
        assert participants == min(sizes.organisations, sizes.dialogue_participants_per_lot)
        sessions = Session.objects.filter(lot=lot)
        assert sessions.filter(kind=Session.Kind.PLENARY).count() == sizes.rounds_per_lot
        assert sessions.filter(kind=Session.Kind.BILATERAL).count() == sizes.rounds_per_lot * participants
    minutes = Minutes.objects.filter(session__round__procurement=procurement)
    assert set(minutes.values_list("status", flat=True)) == {Minutes.Status.FIXED, Minutes.Status.IN_COMMENT}
    agreements = Agreement.objects.filter(procurement=procurement)
    assert set(agreements.values_list("kind", flat=True)) == set(Agreement.Kind)
    assert len(set(agreements.values_list("status", flat=True))) >= 3
    # every agreement has its versions 1..version, the last one in its current status
    for agreement in agreements.prefetch_related("versions"):
        numbers = [v.number for v in agreement.versions.all()]
        assert sorted(numbers) == list(range(1, agreement.version + 1))
        assert agreement.versions.all()[0].status == agreement.status
    assert AgreementVersion.objects.filter(agreement__procurement=procurement, number__gt=1).exists()
    assert not world.lots[0].agreements.exists() and world.lots[1].agreements.exists()
    # contracts: the awarded party on a specific lot, its parties, a budget per year and 5 years of reports
    contracts = Contract.objects.filter(procurement=procurement)
    assert world.lots[0].pk not in set(contracts.values_list("lot", flat=True))
    for contract in contracts:
        assert contract.lot.registrations.filter(lead=contract.organisation).exists()
        assert ContractParty.objects.filter(contract=contract, organisation=contract.organisation).exists()
        years = list(BudgetYear.objects.filter(contract=contract).values_list("year", flat=True))
        assert years == list(range(contract.start.year, contract.end.year + 1))
    kpis = ContractKpi.objects.filter(contract__in=contracts)
    assert kpis.count() == sizes.contracts * sizes.kpis_per_contract
    assert KpiReport.objects.filter(kpi__in=kpis).count() == kpis.count() * 4 * sizes.kpi_report_years


def test_the_generator_leaves_the_demo_world_alone(personas):
    before = set(Region.objects.values_list("slug", flat=True))
    load_data.generate(1, factor=FACTOR)
    assert set(Region.objects.exclude(slug__startswith="load-").values_list("slug", flat=True)) == before
    assert not Procurement.objects.filter(regions__slug="zuid-kennemerland").exists()


def test_the_generator_is_deterministic():
    try:
        with transaction.atomic():
            load_data.generate(1, factor=FACTOR)
            first = fingerprint()
            raise Rollback
    except Rollback:
        pass
    assert not Region.objects.filter(slug__startswith="load-").exists()
    load_data.generate(1, factor=FACTOR)
    assert fingerprint() == first and first["registrations"]


def test_a_second_run_makes_nothing_twice_and_a_larger_scale_only_adds_regions():
    first = load_data.generate(1, factor=FACTOR)
    again = load_data.generate(1, factor=FACTOR)
    assert again.created == {} and again.regions[0].procurement == first.regions[0].procurement
    grown = load_data.generate(2, factor=FACTOR)
    assert [r.number for r in grown.regions] == [1, 2]
    assert grown.created["procurement.Procurement"] == 1
    sizes = load_data.Sizes().scaled(FACTOR)
    assert grown.created["dialogue.Agreement"] == sizes.agreements
    assert grown.created["contracts.Contract"] == sizes.contracts
    assert (
        Agreement.objects.filter(procurement__reference__startswith="LOAD-").count() == 2 * sizes.agreements
    )


def test_the_command_prints_counts_and_refuses_with_debug_off_unless_forced(settings, capsys):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("generate_load_data", "--scale", "1", "--size-factor", str(FACTOR))
    assert not Region.objects.filter(slug__startswith="load-").exists()
    call_command("generate_load_data", "--scale", "1", "--size-factor", str(FACTOR), "--force")
    out = capsys.readouterr().out
    assert "procurement.Registration" in out and "1 region(s) ready" in out
    assert "dialogue.Agreement" in out and "contracts.KpiReport" in out
    assert "not built yet" not in out


@pytest.mark.parametrize("arguments", [["--scale", "0"], ["--scale", "1", "--size-factor", "0"]])
def test_the_command_refuses_bad_arguments(arguments):
    with pytest.raises(CommandError):
        call_command("generate_load_data", *arguments)
    assert not Region.objects.filter(slug__startswith="load-").exists()


def test_the_deadline_sweep_world_reminds_every_member_once():
    from common.timezone import server_now
    from procurement.services.deadlines import run_deadlines

    now = server_now()
    procurement = load_data.generate_deadline_sweep(40, now=now)
    assert load_data.generate_deadline_sweep(40, now=now) == procurement
    run_deadlines(now)
    reminded = Notification.objects.filter(user__email__startswith="sweep-", key__startswith="deadline:")
    assert reminded.count() == 40
    run_deadlines(now)
    assert reminded.count() == 40
