import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.models import Notification
from audit.models import AuditEntry
from dialogue import jobs, services
from dialogue.models import AgreementSet, FrozenAgreement
from dialogue.tasks import make_agreement_set_pdf, make_missing_agreement_set_pdfs
from tests.broker import broker_down
from tests.dialogue.factories_dialogue import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreements(world, personas):
    def make(title, status, kind="content", theme=0):
        agreement = services.propose_agreement(
            world.procurement,
            actor=personas.officer,
            theme=world.themes[theme],
            lots=[world.lot],
            kind=kind,
            title=title,
            text=f"Tekst van {title}.",
        )
        if status != "proposed":
            services.change_agreement_status(agreement, actor=personas.officer, status=status)
        return agreement

    return [
        make("Wachttijd vier weken", "agreed"),
        make("Maximumbudget", "agreed", kind="financial", theme=9),
        make("Nog open punt", "in_discussion"),
    ]


def test_closing_freezes_the_agreed_agreements_and_makes_the_pdf(
    client, world, personas, agreements, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement_set = services.close_dialogue(world.lot, actor=personas.officer)
    agreement_set.refresh_from_db()
    assert sorted(FrozenAgreement.objects.values_list("title", flat=True)) == [
        "Maximumbudget",
        "Wachttijd vier weken",
    ]
    assert agreement_set.pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_set.pdf.read())).pages)
    assert agreement_set.number in text
    assert "Wachttijd vier weken" in text and "Maximumbudget" in text and "Nog open punt" not in text
    assert text.index("inhoudelijk") < text.index("financieel")
    assert Notification.objects.filter(
        user=personas.provider_b, key=f"dialogue.lot.{world.lot.pk}.closed"
    ).exists()
    client.force_login(personas.provider_a)
    response = client.get(reverse("dialogue:agreement_set_pdf", args=[world.lot.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_pdf_is_dutch_even_when_the_worker_renders_it_with_english_active(world, personas, agreements):
    agreement_set = services.close_dialogue(world.lot, actor=personas.officer)
    with translation.override("en"):
        assert jobs.make_agreement_set_pdf(agreement_set.pk) is True
        assert translation.get_language() == "en"  # the language is restored afterwards
    agreement_set.refresh_from_db()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_set.pdf.read())).pages)
    assert f"Afsprakenset {agreement_set.number}" in text and "Datum:" in text and "versie" in text
    assert "inhoudelijk" in text and "financieel" in text
    assert "Agreement set" not in text and "financial" not in text and "version" not in text


def test_the_pdf_is_made_once_even_if_the_task_runs_twice(world, personas, agreements):
    agreement_set = services.close_dialogue(world.lot, actor=personas.officer)
    assert make_agreement_set_pdf.apply(args=[agreement_set.pk]).get() is True
    first = AgreementSet.objects.get(pk=agreement_set.pk).pdf.name
    assert make_agreement_set_pdf.apply(args=[agreement_set.pk]).get() is False
    assert AgreementSet.objects.get(pk=agreement_set.pk).pdf.name == first


def test_closing_with_the_broker_down_stands_and_the_sweep_makes_the_pdf_once(
    client, world, personas, agreements, settings, django_capture_on_commit_callbacks
):
    client.force_login(personas.officer)
    with broker_down(), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dialogue:lot_close", args=[world.lot.pk]))
    assert response.status_code == 302
    agreement_set = AgreementSet.objects.get(lot=world.lot)
    assert agreement_set.agreements.count() == 2 and not agreement_set.pdf
    client.force_login(personas.provider_a)
    assert client.get(reverse("dialogue:agreement_set_pdf", args=[world.lot.pk])).status_code == 404

    assert make_missing_agreement_set_pdfs() == 1
    assert make_missing_agreement_set_pdfs() == 0
    response = client.get(reverse("dialogue:agreement_set_pdf", args=[world.lot.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="dialogue.agreement_set.pdf", result="success").count() == 1
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "dialogue.tasks.make_missing_agreement_set_pdfs" in scheduled


def test_the_sweep_records_a_pdf_that_fails_once_and_makes_it_when_it_goes_through(
    world, personas, agreements, monkeypatch
):
    agreement_set = services.close_dialogue(world.lot, actor=personas.officer)  # its task never queued

    def broken(agreement_set_id):
        raise OSError("disk full")

    monkeypatch.setattr(jobs, "make_agreement_set_pdf", broken)
    assert make_missing_agreement_set_pdfs() == 0
    assert make_missing_agreement_set_pdfs() == 0
    failures = AuditEntry.objects.filter(action="dialogue.agreement_set.pdf", result="failed")
    assert list(failures.values_list("object_id", "message")) == [(str(agreement_set.pk), "OSError")]
    monkeypatch.undo()
    assert make_missing_agreement_set_pdfs() == 1
    assert AgreementSet.objects.get(pk=agreement_set.pk).pdf


def test_nothing_of_the_lot_can_change_after_closure(client, world, personas, agreements):
    minutes = services.start_minutes(world.plenary, actor=personas.officer)
    services.close_dialogue(world.lot, actor=personas.officer)
    agreement = agreements[0]
    attempts = [
        lambda: services.edit_agreement(agreement, actor=personas.officer, text="Anders"),
        lambda: services.change_agreement_status(agreement, actor=personas.officer, status="in_discussion"),
        lambda: services.comment_on_agreement(agreement, actor=personas.provider_a, text="Nog iets"),
        lambda: services.propose_agreement(
            world.procurement,
            actor=personas.officer,
            theme=world.themes[0],
            lots=[world.lot],
            kind="content",
            title="Nieuw",
            text="Nieuw",
        ),
        lambda: services.create_round(world.lot, actor=personas.officer, title="Extra"),
        lambda: services.answer_invitation(world.plenary, actor=personas.provider_a, attending=True),
        lambda: services.upload_position_paper(
            world.plenary, actor=personas.provider_a, theme=world.themes[0], upload=pdf_upload()
        ),
        lambda: services.write_minutes(minutes, actor=personas.officer, texts={}),
        lambda: services.add_agenda_item(world.plenary, actor=personas.officer, title="Extra"),
        lambda: services.close_dialogue(world.lot, actor=personas.officer),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="gesloten"):
            attempt()
    client.force_login(personas.officer)
    response = client.post(
        reverse("dialogue:agreement_status", args=[agreement.pk]), {"status": "in_discussion"}
    )
    assert "De dialoog voor dit perceel is gesloten" in response.content.decode()
    assert AgreementSet.objects.count() == 1


def test_the_session_planned_after_closure_is_refused(world, personas):
    services.close_dialogue(world.lot, actor=personas.officer)
    with pytest.raises(ValidationError):
        services.plan_session(
            world.round,
            actor=personas.officer,
            kind="plenary",
            title="Na sluiting",
            starts_at=world.start + timedelta(days=30),
            ends_at=world.start + timedelta(days=30, hours=1),
            place="Haarlem",
        )


def pdf_of(agreement_set) -> str:
    make_agreement_set_pdf.apply(args=[agreement_set.pk]).get()
    agreement_set.refresh_from_db()
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(agreement_set.pdf.read())).pages)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_frozen_set_keeps_the_frequency_value_and_prints_its_name(world, personas, language):
    for title, frequency in [("Wachttijd", "quarterly"), ("Tevredenheid", "yearly")]:
        agreement = services.propose_agreement(
            world.procurement,
            actor=personas.officer,
            theme=world.themes[0],
            lots=[world.lot],
            kind="content",
            title=title,
            text="Tekst.",
            kpi_name=f"KPI {title}",
            kpi_frequency=frequency,
        )
        services.change_agreement_status(agreement, actor=personas.officer, status="agreed")
    with translation.override(language):
        agreement_set = services.close_dialogue(world.lot, actor=personas.officer)
    frozen = {f.title: f for f in agreement_set.agreements.all()}
    assert {t: f.kpi["frequency"] for t, f in frozen.items()} == {
        "Wachttijd": "quarterly",
        "Tevredenheid": "yearly",
    }
    old = frozen["Tevredenheid"]  # as an older version froze it: the name in the closing language
    old.kpi["frequency"] = "Jaarlijks"
    old.save(update_fields=["kpi"])
    text = pdf_of(agreement_set)
    assert "per kwartaal" in text and "jaarlijks" in text and "Jaarlijks" not in text
    assert "quarterly" not in text and "yearly" not in text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("per kwartaal", "quarterly"),
        ("Quarterly", "quarterly"),
        ("quarterly", "quarterly"),
        (" jaarlijks ", "yearly"),
        ("maandelijks", "monthly"),
        ("wekelijks", ""),
        ("", ""),
    ],
)
def test_a_frozen_frequency_is_read_from_its_value_or_its_name_in_either_language(text, value):
    assert FrozenAgreement(kpi={"frequency": text}).kpi_frequency == value


def test_a_frozen_agreement_without_a_kpi_has_no_frequency():
    frozen = FrozenAgreement(kpi={})
    assert frozen.kpi_frequency == "" and frozen.get_kpi_frequency_display() == ""
