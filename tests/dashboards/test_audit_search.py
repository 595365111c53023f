import csv
import io

import pytest
import time_machine

from audit.models import AuditEntry
from audit.services import record
from tests.dashboards.factories_dashboards import amsterdam, audit_entries
from tests.factories import make_procurement, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_regions(personas):
    """A ZK/IJ procurement of the officer and a Zaanstreek-Waterland one of the other officer."""
    ours = make_procurement(personas.officer)
    theirs = make_procurement(personas.other_officer, reference="ZW-001", title="Jeugdhulp Zaanstreek")
    theirs.regions.set([region("zaanstreek-waterland")])
    record(
        "secret.action",
        actor=personas.other_officer,
        obj=theirs,
        procurement_id=theirs.pk,
        message="ZW-GEHEIM",
    )
    return ours, theirs


def entries_shown(response) -> list[AuditEntry]:
    return list(response.context["page"].object_list)


def test_the_officer_sees_only_entries_of_procurements_they_run(client, personas, two_regions):
    ours, theirs = two_regions
    client.force_login(personas.officer)
    response = client.get("/audit/")
    shown = entries_shown(response)
    assert shown and {e.procurement_id for e in shown} == {ours.pk}
    assert "ZW-GEHEIM" not in response.content.decode()


def test_filtering_on_a_procurement_of_another_region_is_404(client, personas, two_regions):
    ours, theirs = two_regions
    client.force_login(personas.officer)
    assert client.get(f"/audit/?procurement={theirs.pk}").status_code == 404
    assert client.get(f"/audit/export/?procurement={theirs.pk}").status_code == 404
    client.force_login(personas.other_officer)
    assert client.get(f"/audit/?procurement={ours.pk}").status_code == 404


def test_a_procurement_link_shows_its_history(client, personas, two_regions):
    ours, _ = two_regions
    second = make_procurement(personas.officer)
    client.force_login(personas.officer)
    shown = entries_shown(client.get(f"/audit/?procurement={ours.pk}"))
    assert {e.procurement_id for e in shown} == {ours.pk}
    assert {"procurement.create", "lot.create", "procurement.publish"} <= {e.action for e in shown}
    assert second.pk not in {e.procurement_id for e in shown}


def test_filters_on_object_actor_action_and_period_in_amsterdam_time(client, personas, two_regions):
    ours, _ = two_regions
    lot = ours.lots.get(number="1")
    # 23:30 on 1 March in Amsterdam is 22:30 UTC: it belongs to 1 March, not 2 March
    with time_machine.travel(amsterdam(2027, 3, 1, 23).replace(minute=30), tick=False):
        late = record("lot.suspend", actor=personas.second_officer, obj=lot, procurement_id=ours.pk)
    with time_machine.travel(amsterdam(2027, 3, 2, 9), tick=False):
        next_day = record("lot.resume", actor=personas.officer, obj=lot, procurement_id=ours.pk)
    client.force_login(personas.officer)

    def search(**params):
        return [e.pk for e in entries_shown(client.get("/audit/", {"procurement": ours.pk, **params}))]

    assert search(date_from="2027-03-01", date_to="2027-03-01") == [late.pk]
    assert search(date_from="2027-03-02") == [next_day.pk]
    assert search(actor="officer2@zk") == [late.pk]
    assert search(action="lot.resume") == [next_day.pk]
    assert set(search(object_type="procurement.lot", object_id=str(lot.pk))) >= {late.pk, next_day.pk}
    assert search(date_from="2027-03-01") == [next_day.pk, late.pk]  # newest first


def test_bad_filter_input_gives_a_dutch_message_and_no_entries(client, personas, two_regions):
    client.force_login(personas.officer)
    response = client.get("/audit/", {"date_from": "2027-03-05", "date_to": "2027-03-01"})
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert entries_shown(response) == []
    response = client.get("/audit/", {"date_from": "gisteren", "procurement": "abc"})
    assert response.status_code == 200 and entries_shown(response) == []
    assert "Voer een geldige datum in." in response.content.decode()


def test_csv_export_streams_the_filtered_entries(client, personas, two_regions):
    ours, _ = two_regions
    record("lot.suspend", actor=personas.officer, obj=ours, procurement_id=ours.pk, message="=HYPERLINK(1)")
    client.force_login(personas.officer)
    response = client.get("/audit/export/", {"procurement": ours.pk, "action": "lot.suspend"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="audittrail-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    assert rows[0]["action"] == "lot.suspend" and rows[0]["actor"] == personas.officer.email
    assert rows[0]["procurement_id"] == str(ours.pk)
    assert rows[0]["message"] == "'=HYPERLINK(1)"  # no formula reaches a spreadsheet
    assert rows[0]["time_utc"].endswith("+00:00") and rows[0]["time_amsterdam"].endswith("+01:00")


def test_csv_export_never_holds_another_regions_entries(client, personas, two_regions):
    client.force_login(personas.officer)
    body = b"".join(client.get("/audit/export/").streaming_content).decode()
    assert "ZW-GEHEIM" not in body and "secret.action" not in body


def test_audit_entries_without_a_procurement_are_not_shown(client, personas, two_regions):
    record("organisation.update", actor=personas.provider_a, obj=personas.organisation_a, message="LOS")
    client.force_login(personas.officer)
    assert "LOS" not in client.get("/audit/").content.decode()


@pytest.mark.parametrize("persona", ["alderman", "expert", "assessor", "provider_a"])
def test_only_officers_search_the_audit_trail(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export/").status_code == 403


def test_anonymous_is_sent_to_the_login_page(client, db):
    assert "/account/login/" in client.get("/audit/")["Location"]


@pytest.mark.parametrize("size", [10, 1000])
def test_the_audit_page_issues_the_same_number_of_queries_for_10_and_1000(
    client, personas, two_regions, django_assert_max_num_queries, size
):
    ours, _ = two_regions
    audit_entries(ours.pk, size)
    client.force_login(personas.officer)
    with django_assert_max_num_queries(12):
        response = client.get("/audit/", {"procurement": ours.pk, "page": 2})
    assert response.status_code == 200
    assert 0 < len(entries_shown(response)) <= 50


def test_the_page_shows_each_action_by_its_label_and_keeps_its_stored_string(client, personas, two_regions):
    ours, _ = two_regions
    record("lot.suspend", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    record("old.action", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    client.force_login(personas.officer)
    html = client.get("/audit/", {"procurement": ours.pk}).content.decode()
    assert 'Perceel opgeschort <code class="dialoog-action-code">lot.suspend</code>' in html
    assert "old.action" in html  # an action that is not in the catalogue reads as it is stored


def test_the_action_filter_is_a_choice_list_of_labels(client, personas, two_regions):
    client.force_login(personas.officer)
    form = client.get("/audit/").context["form"]
    choices = dict(form.fields["action"].widget.choices)
    assert choices["tender.submit"] == "Inschrijving ingediend"
    labels = [label for value, label in form.fields["action"].widget.choices if value]
    assert labels == sorted(labels)
    assert '<option value="tender.submit">Inschrijving ingediend</option>' in form.as_p()


def test_an_address_with_the_start_of_an_action_still_searches_by_it(client, personas, two_regions):
    ours, _ = two_regions
    suspended = record("lot.suspend", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    resumed = record("lot.resume", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    client.force_login(personas.officer)
    response = client.get("/audit/", {"procurement": ours.pk, "action": "lot.s"})
    assert [e.pk for e in entries_shown(response)] == [suspended.pk]
    assert "Beginnend met “lot.s”" in response.content.decode()
    shown = {e.pk for e in entries_shown(client.get("/audit/", {"procurement": ours.pk, "action": "lot."}))}
    assert {suspended.pk, resumed.pk} <= shown


def test_a_chosen_action_is_that_action_only(client, personas, two_regions):
    ours, _ = two_regions
    score = record("tender.score", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    record("tender.scores.submit", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    client.force_login(personas.officer)
    response = client.get("/audit/", {"procurement": ours.pk, "action": "tender.score"})
    assert [e.pk for e in entries_shown(response)] == [score.pk]


def test_csv_export_has_the_label_beside_the_stored_action(client, personas, two_regions):
    ours, _ = two_regions
    record("lot.suspend", actor=personas.officer, obj=ours, procurement_id=ours.pk)
    client.force_login(personas.officer)
    response = client.get("/audit/export/", {"procurement": ours.pk, "action": "lot.suspend"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(row["action"], row["action_label"]) for row in rows] == [("lot.suspend", "Perceel opgeschort")]
