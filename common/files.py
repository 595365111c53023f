"""Making a document once: the one way every job (``<app>/jobs``) makes the file a worker makes, whether a
receipt, a letter, a report, a contract version or the council report.

The row that asks for the document exists first: the pending row (a submitted registration without its
receipt, a contract version still pending, ...). The job renders outside any row lock and transaction, so
that no row and no database write lock is held while WeasyPrint works; then, in one short transaction, it
locks the row, checks that the row is still pending, keeps the file, marks the row done and records the
audit entry. A task delivered twice, or two workers racing, make the document once and leave no stray
file: the one that comes second finds the row done under the lock and stores nothing.

Failures: an exception while rendering propagates to the task or sweep that called the job, and nothing has
been stored; one while keeping or recording rolls the short transaction back, and the file written in it is
deleted with it (``common.rollback``). Either way the row stays pending, for the retry or the sweep."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import QuerySet

Row = TypeVar("Row", bound=models.Model)
Rendered = TypeVar("Rendered")


def make_once(
    pending: QuerySet[Row],
    *,
    render: Callable[[Row], Rendered],
    keep: Callable[[Row, Rendered], None],
    recorded: Callable[[Row, Rendered], object],
) -> Row | None:
    """Make the document of the one row that ``pending`` selects while it is still to be made.

    ``pending`` selects the row by its id and by what makes it pending (``receipt=""``), with what
    ``render`` reads (``select_related``, ``prefetch_related``). ``render(row)`` makes the document
    (outside any transaction); ``keep(row, rendered)`` stores it and marks the row done, and
    ``recorded(row, rendered)`` writes the audit entry, both in the short transaction under the row's lock,
    on the row as locked (its ``select_related`` kept). Returns that row, or None when there was nothing to
    make: no such row, or it is not pending (made before, or by another worker meanwhile)."""
    row = pending.first()
    if row is None:
        return None
    rendered = render(row)
    with transaction.atomic(using=pending.db):
        locked = pending.select_for_update(of=("self",)).prefetch_related(None).filter(pk=row.pk).first()
        if locked is None:
            return None
        keep(locked, rendered)
        recorded(locked, rendered)
    return locked


def keep_file(row: models.Model, field: str, name: str, content: bytes, **done: Any) -> None:
    """Store ``content`` under ``name`` in the row's file field ``field`` and save the row with it and with
    the fields ``done`` that mark it made: the ``keep`` of most jobs."""
    getattr(row, field).save(name, ContentFile(content), save=False)
    for attribute, value in done.items():
        setattr(row, attribute, value)
    row.save(update_fields=[field, *done])
