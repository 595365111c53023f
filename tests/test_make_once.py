"""The one document maker (``common.files.make_once``): the pending row first, rendering outside any
transaction, then in a short transaction under the row's lock: still pending? keep the file, mark it done,
record it. Made once when delivered twice or raced; a failure stores nothing and leaves the row pending."""

import threading
from datetime import date

import pytest
from django.db import connection

from audit.models import AuditEntry
from audit.services import record
from common import pdf
from common.files import keep_file, make_once
from dashboards.models import CouncilReport
from tests.factories import make_procurement
from tests.procurement.factories_tenders import _tender_key  # noqa: F401  (the world seals tenders)
from tests.requirements import require_postgres

PDF = b"%PDF-1.7 council report"


def stored(settings) -> set[str]:
    return {str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}


def made_entries():
    return AuditEntry.objects.filter(action="council_report.create")


def pending_report(personas) -> CouncilReport:
    return CouncilReport.objects.create(
        procurement=make_procurement(personas.officer), period=date(2026, 11, 1)
    )


def make(report: CouncilReport, *, render=lambda report: PDF, recorded=None) -> CouncilReport | None:
    return make_once(
        CouncilReport.objects.filter(pk=report.pk, file="").select_related("procurement"),
        render=render,
        keep=lambda report, content: keep_file(report, "file", report.filename, content),
        recorded=recorded
        or (lambda report, content: record("council_report.create", actor=None, obj=report)),
    )


@pytest.mark.django_db
def test_the_second_delivery_makes_nothing_and_renders_nothing(personas, settings):
    report = pending_report(personas)
    renders = []
    made = make(report, render=lambda report: renders.append(report.pk) or PDF)
    assert made.pk == report.pk and made.file.read() == PDF
    assert make(report, render=lambda report: renders.append(report.pk) or PDF) is None
    assert renders == [report.pk]
    assert len(stored(settings)) == 1
    assert made_entries().count() == 1


@pytest.mark.django_db
def test_a_failing_render_propagates_stores_nothing_and_leaves_the_row_pending(personas, settings):
    report = pending_report(personas)

    def broken(report):
        raise RuntimeError("the renderer broke")

    with pytest.raises(RuntimeError, match="the renderer broke"):
        make(report, render=broken)
    assert CouncilReport.objects.get(pk=report.pk).file == ""
    assert stored(settings) == set() and not made_entries().exists()
    assert make(report).file.read() == PDF  # the retry makes it


@pytest.mark.django_db
def test_a_failure_after_the_file_was_kept_rolls_back_and_leaves_no_file(personas, settings):
    report = pending_report(personas)

    def failing_record(report, content):
        assert stored(settings)  # the file had been written ...
        raise RuntimeError("audit trail unavailable")

    with pytest.raises(RuntimeError, match="audit trail unavailable"):
        make(report, recorded=failing_record)
    assert stored(settings) == set()  # ... and went with the rolled-back transaction
    assert CouncilReport.objects.get(pk=report.pk).file == ""
    assert not made_entries().exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_make_one_file_and_one_entry(personas, settings):
    require_postgres()
    report = pending_report(personas)
    both_rendered = threading.Barrier(2)
    results, errors = [], []

    def render(report):
        both_rendered.wait(timeout=30)  # neither stores before both have rendered
        return PDF

    def worker():
        try:
            results.append(make(report, render=render))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(result is None for result in results) == [False, True]
    assert len(stored(settings)) == 1
    assert CouncilReport.objects.get(pk=report.pk).file.read() == PDF
    assert made_entries().count() == 1


DOCUMENTS = {
    "procurement/pdf/registration_receipt.html",
    "procurement/pdf/tender_receipt.html",
    "procurement/pdf/opening_report.html",
    "procurement/pdf/decision_letter.html",
    "procurement/pdf/award_letter.html",
    "procurement/pdf/nvi.html",
    "dialogue/agreement_set_pdf.html",
    "contracts/pdf/contract.html",
    "dashboards/council_report_pdf.html",
}


@pytest.mark.django_db(transaction=True)
def test_every_document_and_every_sweep_renders_outside_any_transaction(personas, monkeypatch):
    from dashboards.tasks import make_monthly_council_reports
    from dialogue.services import close_dialogue
    from procurement.models import TenderSubmission
    from procurement.tasks.tenders import make_missing_tender_pdfs
    from tests.security.world import build_world

    renders = []
    real_render = pdf.render_to_string

    def watched(template_name, context):
        renders.append((template_name, connection.in_atomic_block))
        return real_render(template_name, context)

    monkeypatch.setattr(pdf, "render_to_string", watched)
    world = build_world(personas)
    close_dialogue(world.dialogue.procurement.lots.get(number="1"), actor=personas.officer)
    TenderSubmission.objects.filter(pk=world.tenders.tender.pk).update(receipt="")
    assert make_missing_tender_pdfs() == 1
    assert make_monthly_council_reports() >= 1

    assert {template for template, _ in renders} == DOCUMENTS
    assert [template for template, in_transaction in renders if in_transaction] == []
