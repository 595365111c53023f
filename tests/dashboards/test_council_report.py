import io

import pytest
import time_machine
from pypdf import PdfReader

from audit.models import AuditEntry
from dashboards.models import CouncilReport
from dashboards.tasks import make_council_report, make_monthly_council_reports
from procurement.models import Question
from tests.broker import broker_down
from tests.dashboards.factories_dashboards import (
    CONFIDENTIAL_ORGANISATION,
    CONFIDENTIAL_QUESTION,
    NOW,
    ask_questions,
    plant_confidential_question,
    register_providers,
)
from tests.factories import make_procurement, region

pytestmark = pytest.mark.django_db


def pdf_text(report: CouncilReport) -> str:
    with report.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("-\n", "-").split())  # lines broken at a hyphen or a space joined again


def request_report(client, procurement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(f"/raadsrapportage/{procurement.pk}/aanvragen/")


@time_machine.travel(NOW, tick=False)
def test_the_alderman_requests_the_report_and_downloads_it(
    client, personas, zk_procurement, django_capture_on_commit_callbacks
):
    register_providers(zk_procurement, 4)
    ask_questions(zk_procurement, 2, status=Question.Status.PUBLISHED)
    plant_confidential_question(zk_procurement)
    client.force_login(personas.alderman)
    response = request_report(client, zk_procurement, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/wethouder/"
    report = CouncilReport.objects.get(procurement=zk_procurement)
    assert str(report.period) == "2026-11-01" and report.requested_by == personas.alderman
    assert AuditEntry.objects.filter(
        action="council_report.create", procurement_id=zk_procurement.pk
    ).exists()

    html = client.get("/wethouder/").content.decode()
    assert f"/raadsrapportage/{report.pk}/" in html and "Stand van zaken november 2026 (PDF)" in html
    download = client.get(f"/raadsrapportage/{report.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "stand-van-zaken-ZKIJ-001-2026-11.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    text = pdf_text(report)
    for expected in [
        "Stand van zaken: Jeugdhulp Zuid-Kennemerland en IJmond",
        "Huidige fase: aanmelding.",
        "Voortgang per fase",
        "Vaststelling verwervingsstrategie",
        "Besluit preselectie",
        "Perceel 2: Jeugd-GGZ",
        "Planning",
    ]:
        assert expected in text, expected
    assert CONFIDENTIAL_QUESTION not in text and "GEHEIM-VRAAG" not in text
    assert CONFIDENTIAL_ORGANISATION not in text and "Aanbieder " not in text


@time_machine.travel(NOW, tick=False)
def test_with_the_broker_down_the_page_says_the_report_was_not_started_and_asking_again_makes_it_once(
    client, personas, zk_procurement, django_capture_on_commit_callbacks
):
    client.force_login(personas.alderman)
    with broker_down():
        response = client.post(f"/raadsrapportage/{zk_procurement.pk}/aanvragen/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "De raadsrapportage van 11-2026 voor ZKIJ-001 kon nu niet worden gestart" in html
    assert "wordt gemaakt" not in html
    assert not CouncilReport.objects.exists()

    for _ in range(2):
        response = request_report(client, zk_procurement, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    assert CouncilReport.objects.get(procurement=zk_procurement).requested_by == personas.alderman
    assert AuditEntry.objects.filter(action="council_report.create").count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_report_is_made_once_per_procurement_and_month(client, personas, zk_procurement):
    first = make_council_report(zk_procurement.pk, "2026-11-01", personas.alderman.pk)
    again = make_council_report(zk_procurement.pk, "2026-11-01", personas.officer.pk)
    assert first == again
    assert CouncilReport.objects.filter(procurement=zk_procurement).count() == 1
    make_council_report(zk_procurement.pk, "2026-12-01")
    assert CouncilReport.objects.filter(procurement=zk_procurement).count() == 2
    assert make_council_report(999_999, "2026-11-01") is None


@time_machine.travel(NOW, tick=False)
def test_the_monthly_beat_makes_a_report_for_every_running_procurement(personas, zk_procurement):
    draft = make_procurement(personas.officer, published=False)
    assert make_monthly_council_reports() == 1
    assert make_monthly_council_reports() == 1  # the second run finds this month's report
    assert CouncilReport.objects.filter(procurement=zk_procurement).count() == 1
    assert not CouncilReport.objects.filter(procurement=draft).exists()


def test_the_beat_entry_runs_the_monthly_reports_on_the_first_of_the_month(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-council-reports"]
    assert entry["task"] == "dashboards.tasks.make_monthly_council_reports"
    assert entry["schedule"].day_of_month == {1}


@time_machine.travel(NOW, tick=False)
def test_reports_of_other_regions_are_404_and_other_roles_403(
    client, personas, zk_procurement, django_capture_on_commit_callbacks
):
    report = CouncilReport.objects.get(pk=make_council_report(zk_procurement.pk, "2026-11-01"))
    zaanstreek = make_procurement(personas.other_officer, reference="ZW-001")
    zaanstreek.regions.set([region("zaanstreek-waterland")])

    client.force_login(personas.other_officer)
    assert client.get(f"/raadsrapportage/{report.pk}/").status_code == 404
    assert request_report(client, zk_procurement, django_capture_on_commit_callbacks).status_code == 404
    client.force_login(personas.alderman)
    assert request_report(client, zaanstreek, django_capture_on_commit_callbacks).status_code == 404
    assert not CouncilReport.objects.filter(procurement=zaanstreek).exists()
    client.force_login(personas.officer)
    assert client.get(f"/raadsrapportage/{report.pk}/").status_code == 200
    for persona in ["provider_a", "expert", "assessor"]:
        client.force_login(getattr(personas, persona))
        assert client.get(f"/raadsrapportage/{report.pk}/").status_code == 403
        assert request_report(client, zk_procurement, django_capture_on_commit_callbacks).status_code == 403
    client.logout()
    assert "/account/login/" in client.get(f"/raadsrapportage/{report.pk}/")["Location"]


def test_a_report_is_only_requested_by_post(client, personas, zk_procurement):
    client.force_login(personas.alderman)
    assert client.get(f"/raadsrapportage/{zk_procurement.pk}/aanvragen/").status_code == 405
    assert not CouncilReport.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_a_beat_report_that_fails_after_its_pdf_was_stored_leaves_no_file(
    personas, zk_procurement, settings, monkeypatch
):
    def stored() -> set[str]:
        return {str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}

    def failing_record(*args, **kwargs):
        raise RuntimeError("audit trail unavailable")

    before = stored()
    monkeypatch.setattr("dashboards.jobs.record", failing_record)
    assert make_monthly_council_reports() == 0
    assert CouncilReport.objects.get(procurement=zk_procurement).file == ""  # asked for, still pending
    assert stored() == before
