"""A real Celery worker (on Redis and the PostgreSQL test database) makes the decision letters once the
publication has committed."""

import time

import pytest

from procurement.models import Review
from procurement.services.preselection import publish_decisions
from tests.procurement.factories_preselection import decide_all, preselection_world


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_letters_after_the_publication_commits(personas, celery_worker_process):
    world = preselection_world(personas)
    decide_all(world)
    publish_decisions(world.specific, actor=world.officer)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and Review.objects.filter(letter="").exists():
        time.sleep(0.3)
    letters = list(Review.objects.values_list("letter", flat=True))
    assert len(letters) == 3 and all(letters)
