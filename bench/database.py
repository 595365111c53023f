"""The benchmark's own PostgreSQL database, made afresh for every run next to the configured one, so
that the run never touches development or test data."""

from urllib.parse import urlsplit, urlunsplit

DEFAULT_NAME = "dialoog_bench"


class NotPostgres(RuntimeError):
    pass


def bench_url(database_url: str, name: str = DEFAULT_NAME) -> str:
    """The URL of the benchmark database on the same server as ``database_url``. Never the configured
    database itself: if that is already called ``name``, the benchmark's gets a suffix."""
    parts = urlsplit(database_url or "")
    if parts.scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
        raise NotPostgres(
            "The benchmarks need PostgreSQL: set DATABASE_URL to a PostgreSQL server, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/dialoog make bench "
            f"(now: {parts.scheme or 'not set, so SQLite'})."
        )
    current = parts.path.lstrip("/")
    target = f"{name}_run" if current == name else name
    return urlunsplit((parts.scheme, parts.netloc, f"/{target}", parts.query, ""))


def recreate(url: str) -> None:
    """Drop and create the benchmark database (connecting to the server's ``postgres`` database)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
