"""Backup and restore (docs/backup.md): a custom-format pg_dump of the database, restored with pg_restore
into a fresh database, holds the same data."""

import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.requirements import require, require_postgres
from tests.security.world import MARKERS, build_world

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

KEY_TABLES = [
    "accounts_user",
    "accounts_organisation",
    "accounts_membership",
    "procurement_procurement",
    "procurement_lot",
    "procurement_phase",
    "procurement_document",
    "procurement_question",
    "procurement_registration",
    "audit_auditentry",
]


def conninfo(dbname: str) -> str:
    db = settings.DATABASES["default"]
    return psycopg.conninfo.make_conninfo(
        dbname=dbname,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
    )


def table_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in KEY_TABLES:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 -- the table names are ours
        counts[table] = cursor.fetchone()[0]
    return counts


def sample(cursor, registration_id: int) -> tuple:
    cursor.execute(
        "SELECT r.content_sha256, r.receipt, o.street_address FROM procurement_registration r "
        "JOIN procurement_registrationmember m ON m.registration_id = r.id AND m.role = 'lead' "
        "JOIN accounts_organisation o ON o.id = m.organisation_id WHERE r.id = %s",
        [registration_id],
    )
    return cursor.fetchone()


@pytest.fixture
def fresh_database():
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        with psycopg.connect(conninfo("postgres")) as check:
            gone = check.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone()
            assert gone == (0,)


def test_a_dump_restored_into_a_fresh_database_holds_the_same_data(personas, tmp_path, fresh_database):
    require_postgres()
    require(bool(shutil.which("pg_dump") and shutil.which("pg_restore")), "needs pg_dump and pg_restore")
    world = build_world(personas)
    dump = tmp_path / "dialoog.dump"
    env = {"PGPASSWORD": settings.DATABASES["default"]["PASSWORD"] or ""}
    database = settings.DATABASES["default"]["NAME"]
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", conninfo(database)],
        check=True,
        env={**env, "PATH": "/usr/bin:/bin"},
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={conninfo(fresh_database)}", str(dump)],
        check=True,
        env={**env, "PATH": "/usr/bin:/bin"},
    )

    with connection.cursor() as cursor:
        expected_counts, expected_sample = table_counts(cursor), sample(cursor, world.registration.pk)
    with psycopg.connect(conninfo(fresh_database)) as restored, restored.cursor() as cursor:
        assert table_counts(cursor) == expected_counts
        assert sample(cursor, world.registration.pk) == expected_sample
        cursor.execute("SELECT text FROM procurement_question WHERE id = %s", [world.answered.pk])
        assert cursor.fetchone() == (MARKERS["question"],)
    assert expected_counts["audit_auditentry"] > 10 and expected_counts["procurement_registration"] == 2
    assert expected_sample[2] == MARKERS["address"] and expected_sample[1]
