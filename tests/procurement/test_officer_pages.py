"""The officer's pages: create, edit and publish a procurement; lots; phase planning and transitions;
decision moments. Bad input gets the Dutch message and changes nothing."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from procurement.models import DecisionMoment, Document, Procurement
from procurement.services.procurements import suspend_lot, update_procurement
from regions.models import Municipality
from tests.factories import make_procurement, region
from tests.procurement.pages_support import audit_actions

pytestmark = pytest.mark.django_db


def procurement_data(**overrides) -> dict:
    zk = region("zuid-kennemerland")
    data = {
        "title": "Jeugdhulp Kennemerland",
        "reference": "ZK-2026-01",
        "summary": "Wij kopen jeugdhulp in, in dialoog.",
        "regions": [zk.pk],
        "municipalities": [m.pk for m in zk.municipalities.all()],
        "procedure": "dialogue",
        "estimated_value": "1250000.50",
        "contract_term_years": "9",
        "evaluation_years": "3, 6",
        "planned_contract_start": "2028-01-01",
        "tenderned_reference": "TN-123",
        "tenderned_url": "https://www.tenderned.nl/aankondigingen/overzicht/123",
        "dialogue_cost_compensation": "15000",
        "care_types": [],
    }
    return {**data, **overrides}


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas.officer)
    return client


def errors_of(response) -> str:
    return response.content.decode()


# Procurement ------------------------------------------------------------------------------------------


def test_officer_creates_a_draft_procurement_with_its_phases(officer_client, personas):
    response = officer_client.post(reverse("procurement:create"), procurement_data())
    procurement = Procurement.objects.get(reference="ZK-2026-01")
    assert response.status_code == 302 and response.url == reverse(
        "procurement:manage", args=[procurement.pk]
    )
    assert procurement.status == "draft" and procurement.created_by == personas.officer
    assert procurement.evaluation_years == [3, 6]
    assert str(procurement.estimated_value) == "1250000.50"
    assert procurement.municipalities.count() == 4
    assert procurement.phases.count() == 9
    assert audit_actions(procurement, "procurement.create")


def test_the_create_form_proposes_the_defaults(officer_client):
    page = officer_client.get(reverse("procurement:create")).content.decode()
    assert 'value="9"' in page and 'value="3, 6"' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"evaluation_years": "3, 9"}, "De evaluatiejaren moeten binnen de looptijd liggen."),
        ({"evaluation_years": "drie"}, "Geef de evaluatiejaren als hele getallen."),
        ({"regions": []}, "Dit veld is verplicht."),
        ({"title": ""}, "Dit veld is verplicht."),
        ({"estimated_value": "-5"}, "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"municipalities": "OTHER"}, "hoort/horen niet bij de gekozen regio&#x27;s."),
        ({"regions": "IJMOND"}, "Kies ook uw eigen regio"),
    ],
)
def test_bad_procurement_input_gets_a_dutch_message_and_creates_nothing(officer_client, overrides, message):
    if overrides.get("municipalities") == "OTHER":
        overrides["municipalities"] = [Municipality.objects.get(cbs_code="GM0479").pk]
    if overrides.get("regions") == "IJMOND":
        ijmond = region("ijmond")
        overrides = {"regions": [ijmond.pk], "municipalities": [m.pk for m in ijmond.municipalities.all()]}
    response = officer_client.post(reverse("procurement:create"), procurement_data(**overrides))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Procurement.objects.exists()
    assert not AuditEntry.objects.filter(action="procurement.create").exists()


def test_a_taken_reference_is_refused(officer_client, personas):
    make_procurement(personas.officer, reference="ZK-2026-01")
    response = officer_client.post(reverse("procurement:create"), procurement_data())
    assert "bestaat al" in errors_of(response)
    assert Procurement.objects.count() == 1


def test_officer_edits_a_procurement_and_a_new_procedure_brings_its_own_phases(officer_client, personas):
    procurement = make_procurement(personas.officer, published=False)
    data = procurement_data(reference=procurement.reference, title="Nieuwe titel", procedure="open")
    response = officer_client.post(reverse("procurement:edit", args=[procurement.pk]), data)
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.title == "Nieuwe titel"
    assert sorted(procurement.phases.values_list("key", flat=True)) == sorted(
        ["strategy", "submission", "assessment", "award", "contracting", "term"]
    )
    entry = audit_actions(procurement, "procurement.update")[-1]
    assert entry.changes["title"] == ["Jeugdhulp Zuid-Kennemerland en IJmond", "Nieuwe titel"]


def test_the_procedure_of_a_published_procurement_is_fixed(officer_client, personas):
    procurement = make_procurement(personas.officer)
    page = officer_client.get(reverse("procurement:edit", args=[procurement.pk])).content.decode()
    assert "De procedure kan na publicatie niet meer wijzigen." in page
    data = procurement_data(reference=procurement.reference, title="Anders", procedure="open")
    officer_client.post(reverse("procurement:edit", args=[procurement.pk]), data)
    procurement.refresh_from_db()
    assert (procurement.procedure, procurement.title) == ("dialogue", "Anders")
    assert procurement.phases.count() == 9
    with pytest.raises(ValidationError) as refused:
        update_procurement(procurement, actor=personas.officer, procedure="open")
    assert refused.value.message_dict == {"procedure": ["De procedure kan na publicatie niet meer wijzigen."]}


def test_publishing_needs_a_lot(officer_client, personas):
    officer_client.post(reverse("procurement:create"), procurement_data())
    procurement = Procurement.objects.get()
    response = officer_client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "Voeg vóór publicatie minstens één perceel toe." in errors_of(response)
    procurement.refresh_from_db()
    assert procurement.status == "draft"


def test_officer_publishes_a_procurement(officer_client, personas):
    procurement = make_procurement(personas.officer, published=False)
    response = officer_client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "De aanbesteding is gepubliceerd." in errors_of(response)
    procurement.refresh_from_db()
    assert procurement.status == "published"
    again = officer_client.post(reverse("procurement:publish", args=[procurement.pk]), follow=True)
    assert "De aanbesteding is al gepubliceerd." in errors_of(again)


def test_publish_is_post_only(officer_client, personas):
    procurement = make_procurement(personas.officer, published=False)
    assert officer_client.get(reverse("procurement:publish", args=[procurement.pk])).status_code == 405


# Lots -------------------------------------------------------------------------------------------------


def lot_data(**overrides) -> dict:
    return {"number": "3", "title": "Dyslexiezorg", "description": "", "kind": "specific", **overrides}


def test_officer_adds_a_specific_lot_for_one_of_the_procurements_care_types(officer_client, personas):
    procurement = make_procurement(personas.officer)
    ggz = procurement.care_types.get(code="jeugd-ggz")
    response = officer_client.post(
        reverse("procurement:lot_add", args=[procurement.pk]), lot_data(care_type=ggz.pk)
    )
    assert response.status_code == 302
    assert procurement.lots.get(number="3").care_type == ggz
    assert audit_actions(procurement, "lot.create")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "Een perceel specifieke jeugdhulp koopt precies één jeugdhulpvorm in."),
        (
            {"kind": "integral", "care_type": "GGZ"},
            "Een integraal perceel omvat alle jeugdhulpvormen; kies er geen.",
        ),
        ({"number": "1", "care_type": "GGZ"}, "bestaat al"),
        ({"care_type": "DYSLEXIE"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_lot_input_gets_a_dutch_message_and_adds_nothing(officer_client, personas, overrides, message):
    procurement = make_procurement(personas.officer)
    codes = {"GGZ": "jeugd-ggz", "DYSLEXIE": "dyslexie"}
    if "care_type" in overrides:
        overrides["care_type"] = procurement.care_types.model.objects.get(
            code=codes[overrides["care_type"]]
        ).pk
    response = officer_client.post(
        reverse("procurement:lot_add", args=[procurement.pk]), lot_data(**overrides)
    )
    assert response.status_code == 200
    assert message in errors_of(response)
    assert procurement.lots.count() == 2


def test_officer_suspends_and_resumes_a_lot_with_a_reason(officer_client, personas):
    procurement = make_procurement(personas.officer)
    lot = procurement.lots.get(number="2")
    url = reverse("procurement:lot_suspend", args=[procurement.pk, lot.pk])
    missing = officer_client.post(url, {"reason": ""})
    assert "Dit veld is verplicht." in errors_of(missing)
    lot.refresh_from_db()
    assert lot.status == "open"
    officer_client.post(url, {"reason": "Klacht over het tarief"})
    lot.refresh_from_db()
    assert (lot.status, lot.status_reason) == ("suspended", "Klacht over het tarief")
    twice = officer_client.post(url, {"reason": "Nogmaals"})
    assert "Het perceel is niet open." in errors_of(twice)
    officer_client.post(
        reverse("procurement:lot_resume", args=[procurement.pk, lot.pk]), {"reason": "Tarief herzien"}
    )
    lot.refresh_from_db()
    assert lot.status == "open"
    assert list(
        AuditEntry.objects.filter(object_id=str(lot.pk), object_type="procurement.lot")
        .order_by("pk")
        .values_list("action", "result")
    ) == [
        ("lot.create", "success"),
        ("lot.suspend", "success"),
        ("lot.suspend", "refused"),
        ("lot.resume", "success"),
    ]


def split_data(**overrides) -> dict:
    data = {
        "reason": "Kostprijsonderzoek",
        "number_a": "2a",
        "title_a": "Instellingen",
        "number_b": "2b",
        "title_b": "Vrijgevestigden",
        "number_c": "",
        "title_c": "",
    }
    return {**data, **overrides}


def test_officer_splits_a_suspended_lot_into_two_new_lots(officer_client, personas):
    procurement = make_procurement(personas.officer)
    lot = procurement.lots.get(number="2")
    suspend_lot(lot, actor=personas.officer, reason="Klacht over het tarief")
    page = officer_client.get(
        reverse("procurement:lot_split", args=[procurement.pk, lot.pk])
    ).content.decode()
    assert 'value="2a"' in page and 'value="2b"' in page
    response = officer_client.post(
        reverse("procurement:lot_split", args=[procurement.pk, lot.pk]), split_data()
    )
    assert response.status_code == 302
    lot.refresh_from_db()
    assert lot.status == "split"
    new = procurement.lots.filter(split_from=lot).order_by("number")
    assert [(n.number, n.title, n.kind, n.care_type_id) for n in new] == [
        ("2a", "Instellingen", "specific", lot.care_type_id),
        ("2b", "Vrijgevestigden", "specific", lot.care_type_id),
    ]


@pytest.mark.parametrize(
    ("overrides", "message", "refused"),
    [
        (
            {"number_b": "", "title_b": ""},
            "Een perceel wordt in minstens twee nieuwe percelen gesplitst.",
            ["lot.split"],
        ),
        ({"title_b": ""}, "Geef een nummer en een titel.", []),
        ({"reason": ""}, "Dit veld is verplicht.", []),
        ({"number_b": "1"}, "bestaat al", ["lot.split", "lot.create"]),
    ],
)
def test_a_bad_split_gets_a_dutch_message_and_changes_nothing(
    officer_client, personas, overrides, message, refused
):
    """Bad input the form catches reaches no verb; what the verb refuses is recorded as refused (the split,
    and the new lot that refused it), and nothing else is written."""
    procurement = make_procurement(personas.officer)
    lot = procurement.lots.get(number="2")
    last_before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    response = officer_client.post(
        reverse("procurement:lot_split", args=[procurement.pk, lot.pk]), split_data(**overrides)
    )
    assert response.status_code == 200
    assert message in errors_of(response)
    lot.refresh_from_db()
    assert lot.status == "open"
    assert procurement.lots.count() == 2
    written = AuditEntry.objects.filter(pk__gt=last_before).order_by("pk").values_list("action", "result")
    assert list(written) == [(action, "refused") for action in refused]


# Phases -----------------------------------------------------------------------------------------------


def schedule_url(procurement, key="registration"):
    return reverse("procurement:phase_schedule", args=[procurement.pk, key])


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("2026-03-28T12:00", datetime(2026, 3, 28, 11, 0, tzinfo=UTC)),  # winter time, UTC+1
        ("2026-03-30T12:00", datetime(2026, 3, 30, 10, 0, tzinfo=UTC)),  # summer time, UTC+2
        ("2026-10-24T12:00", datetime(2026, 10, 24, 10, 0, tzinfo=UTC)),  # still summer time
        ("2026-10-26T12:00", datetime(2026, 10, 26, 11, 0, tzinfo=UTC)),  # winter time again
    ],
)
def test_a_deadline_entered_in_dutch_time_is_stored_as_the_right_utc_moment(
    officer_client, personas, entered, stored
):
    procurement = make_procurement(personas.officer)
    response = officer_client.post(
        schedule_url(procurement),
        {"planned_start": "2026-03-01T09:00", "deadline": entered, "question_deadline": ""},
    )
    assert response.status_code == 302
    phase = procurement.phases.get(key="registration")
    assert phase.deadline == stored
    assert phase.planned_start == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    shown = officer_client.get(schedule_url(procurement)).content.decode()
    assert f'value="{entered}"' in shown
    assert audit_actions(procurement, "phase.schedule")


def test_a_time_that_does_not_exist_in_dutch_time_is_refused(officer_client, personas):
    procurement = make_procurement(personas.officer)
    response = officer_client.post(
        schedule_url(procurement),
        {"planned_start": "2026-03-29T02:30", "deadline": "", "question_deadline": ""},
    )
    assert response.status_code == 200
    assert "Europe/Amsterdam" in errors_of(response)
    assert procurement.phases.get(key="registration").planned_start is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"planned_start": "2026-05-01T09:00", "deadline": "2026-04-01T12:00", "question_deadline": ""},
            "De deadline ligt vóór de start van de fase.",
        ),
        (
            {
                "planned_start": "2026-05-01T09:00",
                "deadline": "2026-06-01T12:00",
                "question_deadline": "2026-06-02T12:00",
            },
            "De deadline voor vragen ligt na het einde van de fase.",
        ),
        (
            {
                "planned_start": "2026-05-01T09:00",
                "deadline": "2026-06-01T12:00",
                "question_deadline": "2026-04-02T12:00",
            },
            "De deadline voor vragen ligt vóór de start van de fase.",
        ),
        (
            {"planned_start": "morgen", "deadline": "", "question_deadline": ""},
            "Voer een geldige datum/tijd in.",
        ),
    ],
)
def test_a_bad_planning_gets_a_dutch_message_and_changes_nothing(officer_client, personas, data, message):
    procurement = make_procurement(personas.officer)
    response = officer_client.post(schedule_url(procurement), data)
    assert response.status_code == 200
    assert message in errors_of(response)
    phase = procurement.phases.get(key="registration")
    assert (phase.planned_start, phase.deadline, phase.question_deadline) == (None, None, None)
    assert not audit_actions(procurement, "phase.schedule")


def test_a_phase_of_another_procedure_has_no_planning_page(officer_client, personas):
    procurement = make_procurement(personas.officer, procedure="open")
    assert officer_client.get(schedule_url(procurement, "registration")).status_code == 404


def advance_url(procurement):
    return reverse("procurement:advance", args=[procurement.pk])


def test_officer_advances_the_phase_with_a_reason_and_sees_the_transition(officer_client, personas):
    procurement = make_procurement(personas.officer)
    manage = officer_client.get(reverse("procurement:manage", args=[procurement.pk])).content.decode()
    assert "Door naar aanmelding" in manage
    response = officer_client.post(
        advance_url(procurement), {"to_phase": "registration", "reason": "Go-besluit"}
    )
    assert response.status_code == 302
    procurement.refresh_from_db()
    assert procurement.current_phase == "registration"
    page = officer_client.get(reverse("procurement:manage", args=[procurement.pk])).content.decode()
    assert "Go-besluit" in page and personas.officer.full_name in page
    assert "Door naar preselectie" in page
    assert "De fase &#x27;aanmelding&#x27; heeft geen deadline." in page


def test_advancing_without_a_reason_changes_nothing(officer_client, personas):
    procurement = make_procurement(personas.officer)
    response = officer_client.post(advance_url(procurement), {"to_phase": "registration", "reason": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in errors_of(response)
    procurement.refresh_from_db()
    assert procurement.current_phase == "strategy" and not procurement.transitions.exists()


def test_a_refused_advance_shows_the_guard_reasons(officer_client, personas):
    procurement = make_procurement(personas.officer, published=False)
    response = officer_client.post(advance_url(procurement), {"to_phase": "registration", "reason": "Snel"})
    assert response.status_code == 400
    page = errors_of(response)
    assert "De aanbesteding kan nog niet verder:" in page
    assert "De aanbesteding is nog niet gepubliceerd." in page
    procurement.refresh_from_db()
    assert procurement.current_phase == "strategy"


def test_a_second_advance_from_a_stale_page_is_refused(officer_client, personas):
    procurement = make_procurement(personas.officer)
    officer_client.post(advance_url(procurement), {"to_phase": "registration", "reason": "Eerste"})
    response = officer_client.post(advance_url(procurement), {"to_phase": "registration", "reason": "Tweede"})
    assert response.status_code == 400
    assert "De aanbesteding kan alleen naar de volgende fase." in errors_of(response)
    assert list(procurement.transitions.values_list("reason", flat=True)) == ["Eerste"]


# Decision moments -------------------------------------------------------------------------------------


def decision_data(**overrides) -> dict:
    data = {
        "kind": "go_no_go",
        "title": "Go/no-go strategie",
        "body": "college",
        "lot": "",
        "planned_date": "2026-03-16",
        "decided_on": "",
        "outcome": "pending",
        "notes": "",
        "minutes": "",
    }
    return {**data, **overrides}


def test_officer_plans_a_decision_and_records_its_outcome_with_minutes(officer_client, personas):
    procurement = make_procurement(personas.officer)
    minutes = Document.objects.create(procurement=procurement, kind="minutes", title="Besluitenlijst college")
    officer_client.post(reverse("procurement:decision_add", args=[procurement.pk]), decision_data())
    decision = DecisionMoment.objects.get()
    assert decision.outcome == "pending"
    response = officer_client.post(
        reverse("procurement:decision_edit", args=[procurement.pk, decision.pk]),
        decision_data(outcome="go", decided_on="2026-03-16", minutes=minutes.pk, notes="Unaniem"),
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.outcome, str(decision.decided_on), decision.minutes) == ("go", "2026-03-16", minutes)
    assert [
        e.action for e in AuditEntry.objects.filter(object_type="procurement.decisionmoment").order_by("pk")
    ] == [
        "decision.create",
        "decision.update",
    ]
    assert (
        "Besluitenlijst college"
        in officer_client.get(reverse("procurement:manage", args=[procurement.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"outcome": "go"}, "Een besluit met een uitkomst heeft een datum."),
        ({"title": ""}, "Dit veld is verplicht."),
        ({"minutes": "OTHER"}, "Selecteer een geldige keuze"),
        ({"lot": "OTHER"}, "Selecteer een geldige keuze"),
    ],
)
def test_a_bad_decision_moment_gets_a_dutch_message_and_saves_nothing(
    officer_client, personas, overrides, message
):
    procurement = make_procurement(personas.officer)
    other = make_procurement(personas.officer)
    if overrides.get("minutes") == "OTHER":
        overrides["minutes"] = Document.objects.create(procurement=other, kind="minutes", title="Elders").pk
    if overrides.get("lot") == "OTHER":
        overrides["lot"] = other.lots.first().pk
    response = officer_client.post(
        reverse("procurement:decision_add", args=[procurement.pk]), decision_data(**overrides)
    )
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not DecisionMoment.objects.exists()


def test_manage_page_lists_lots_phases_and_marks_the_current_phase(officer_client, personas):
    procurement = make_procurement(personas.officer, phase="dialogue")
    page = officer_client.get(reverse("procurement:manage", args=[procurement.pk])).content.decode()
    assert "Perceel 1: Integraal perceel" in page and "Perceel 2: Jeugd-GGZ" in page
    assert page.count('aria-current="step"') == 1
    assert "dialoogfase <strong" in page


def test_officer_list_shows_the_procurements_of_the_region_only(officer_client, personas):
    mine = make_procurement(personas.officer)
    theirs = make_procurement(personas.other_officer, title="Zaanse jeugdhulp")
    theirs.regions.set([region("zaanstreek-waterland")])
    page = officer_client.get(reverse("procurement:officer_list")).content.decode()
    assert mine.reference in page and "Zaanse jeugdhulp" not in page


def test_officer_list_query_count_does_not_grow_with_the_procurements(
    officer_client, personas, django_assert_max_num_queries
):
    for _ in range(6):
        make_procurement(personas.officer)
    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("procurement:officer_list"))
    assert response.content.decode().count("ZKIJ-") >= 6


def test_the_manage_page_query_count_does_not_grow_with_lots_and_decisions(
    officer_client, personas, django_assert_max_num_queries
):
    procurement = make_procurement(personas.officer)
    for number in range(3, 9):
        officer_client.post(
            reverse("procurement:lot_add", args=[procurement.pk]),
            lot_data(number=str(number), kind="integral"),
        )
        officer_client.post(reverse("procurement:decision_add", args=[procurement.pk]), decision_data())
    assert procurement.lots.count() == 8 and procurement.decisions.count() == 6
    with django_assert_max_num_queries(15):
        response = officer_client.get(reverse("procurement:manage", args=[procurement.pk]))
    assert response.content.decode().count("Go/no-go strategie") == 6
