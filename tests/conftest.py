"""Shared fixtures. The personas: officer (ZK), officer of another region, alderman (Haarlem),
provider A and provider B (must never see each other's data), expert by experience, assessor, anonymous."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from accounts.roles import Role
from regions.data import load_regions
from regions.models import Municipality, Region
from tests.factories import MembershipFactory, UserFactory, municipality, region


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.DEADLINE_CLOCK = "application"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()  # ids repeat between tests on SQLite: nothing cached by one test may reach the next
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def personas(db):
    load_regions(Region, Municipality)  # a transactional test empties the tables the migrations filled
    zk = region("zuid-kennemerland")
    provider_a = MembershipFactory(organisation__name="Aanbieder A", user__email="a@provider-a.test")
    provider_b = MembershipFactory(organisation__name="Aanbieder B", user__email="b@provider-b.test")
    return SimpleNamespace(
        officer=UserFactory(email="officer@zk.test", region=zk, roles=[Role.PROCUREMENT_OFFICER]),
        second_officer=UserFactory(email="officer2@zk.test", region=zk, roles=[Role.PROCUREMENT_OFFICER]),
        other_officer=UserFactory(
            email="officer@zaanstreek.test",
            region=region("zaanstreek-waterland"),
            roles=[Role.PROCUREMENT_OFFICER],
        ),
        alderman=UserFactory(
            email="alderman@haarlem.test", municipality=municipality("GM0392"), roles=[Role.ALDERMAN]
        ),
        expert=UserFactory(email="expert@zk.test", roles=[Role.EXPERT_BY_EXPERIENCE]),
        assessor=UserFactory(email="assessor@zk.test", region=zk, roles=[Role.ASSESSOR]),
        provider_a=provider_a.user,
        organisation_a=provider_a.organisation,
        provider_b=provider_b.user,
        organisation_b=provider_b.organisation,
    )


@pytest.fixture
def celery_worker_process(settings, django_db_blocker):
    """A real Celery worker in a subprocess, on the test database and the configured broker."""
    from tests.requirements import require_worker_stack
    from tests.worker import running_worker

    require_worker_stack()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from config.celery import app

    app.conf.task_always_eager = False
    with running_worker() as worker:
        yield worker
