import time

import pytest

from dashboards.models import CouncilReport
from tests.factories import make_procurement


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_requested_council_report(client, personas, celery_worker_process):
    procurement = make_procurement(personas.officer)
    client.force_login(personas.alderman)
    assert client.post(f"/raadsrapportage/{procurement.pk}/aanvragen/").status_code == 302
    deadline = time.monotonic() + 60
    made = CouncilReport.objects.filter(procurement=procurement).exclude(file="")
    while not made.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    report = CouncilReport.objects.get(procurement=procurement)
    assert report.requested_by == personas.alderman
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
