import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AppendOnlyError, AuditEntry
from audit.services import changed_fields, record
from tests.requirements import require_postgres

pytestmark = pytest.mark.django_db


def test_record_stores_actor_action_object_result_and_time(personas):
    entry = record(
        "organisation.update", actor=personas.officer, obj=personas.organisation_a, changes={"a": [1, 2]}
    )
    entry.refresh_from_db()
    assert entry.actor_id == personas.officer.pk
    assert entry.actor_label == personas.officer.email
    assert entry.object_type == "accounts.organisation"
    assert entry.object_id == str(personas.organisation_a.pk)
    assert entry.result == AuditEntry.Result.SUCCESS
    assert entry.timestamp is not None
    assert entry.changes == {"a": [1, 2]}


def test_record_keeps_the_origin_address_of_the_request(client, personas):
    client.post(
        "/account/login/", {"username": personas.officer.email, "password": "x"}, REMOTE_ADDR="192.0.2.7"
    )
    from audit.context import origin_ip

    token = origin_ip.set("192.0.2.7")
    try:
        entry = record("test", actor=None)
    finally:
        origin_ip.reset(token)
    assert entry.origin_ip == "192.0.2.7"
    assert entry.actor_label == "anonymous"


def test_changed_fields_lists_only_what_changed():
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


def test_the_application_cannot_update_or_delete_an_entry(personas):
    entry = record("x", actor=personas.officer)
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "x"


def test_postgresql_refuses_update_and_delete_on_the_audit_table(personas):
    require_postgres()
    entry = record("x", actor=personas.officer)
    for sql in (
        "UPDATE audit_auditentry SET action = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "x"
