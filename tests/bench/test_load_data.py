"""The load-data generator: relations, determinism, idempotency and the DEBUG guard."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import Notification, Organisation, User
from accounts.roles import Role
from audit.models import AuditEntry
from dashboards import load_data
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


def test_the_command_prints_counts_and_refuses_with_debug_off_unless_forced(settings, capsys):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("generate_load_data", "--scale", "1", "--size-factor", str(FACTOR))
    assert not Region.objects.filter(slug__startswith="load-").exists()
    call_command("generate_load_data", "--scale", "1", "--size-factor", str(FACTOR), "--force")
    out = capsys.readouterr().out
    assert "procurement.Registration" in out and "1 region(s) ready" in out
    assert "not built yet: issue 5" in out


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
