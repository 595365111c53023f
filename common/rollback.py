"""Files written inside a transaction go again when it rolls back. Django has ``on_commit`` but no
``on_rollback``; ``RollbackHooks`` adds it to the database connection (``common.backends``) and the media
storage registers every file it writes there, so a rolled-back row leaves no file behind in storage.

An ``on_rollback`` callback belongs to the savepoints that were open when it was registered, as an
``on_commit`` callback does: it runs when any of them rolls back (an inner block that fails while the outer
one goes on), and also when the outer transaction rolls back after the inner block released its savepoint;
it is dropped when the whole transaction commits. Outside a transaction there is nothing to roll back."""

import logging
from collections.abc import Callable
from functools import partial

from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction

logger = logging.getLogger(__name__)


class RollbackHooks:
    """Mixin for a ``DatabaseWrapper``: ``on_rollback(func)``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.run_on_rollback: list[tuple[set[str], Callable[[], None]]] = []

    def on_rollback(self, func: Callable[[], None]) -> None:
        if self.in_atomic_block:
            self.run_on_rollback.append((set(self.savepoint_ids), func))

    def savepoint_rollback(self, sid: str) -> None:
        super().savepoint_rollback(sid)
        self._run_rollback_hooks(lambda sids: sid in sids)

    def rollback(self) -> None:
        super().rollback()
        self._run_rollback_hooks(lambda sids: True)

    def commit(self) -> None:
        super().commit()
        self.run_on_rollback = []

    def close(self) -> None:
        """A connection closed inside a transaction loses it: the database rolls it back by itself."""
        try:
            super().close()
        finally:
            self._run_rollback_hooks(lambda sids: True)

    def _run_rollback_hooks(self, rolled_back: Callable[[set[str]], bool]) -> None:
        hooks = [func for sids, func in self.run_on_rollback if rolled_back(sids)]
        self.run_on_rollback = [(sids, func) for sids, func in self.run_on_rollback if not rolled_back(sids)]
        for func in hooks:
            try:
                func()
            except Exception:
                logger.exception("on_rollback callback %r failed", func)


def remove_on_rollback(storage: Storage, name: str, using: str | None = None) -> None:
    """Delete the file ``name`` from ``storage`` if the transaction (or savepoint) it was written in rolls
    back."""
    transaction.get_connection(using).on_rollback(partial(storage.delete, name))


class TransactionalFileSystemStorage(FileSystemStorage):
    """The media storage: a file written inside a transaction that rolls back is deleted again."""

    def save(self, name: str | None, content, max_length: int | None = None) -> str:
        name = super().save(name, content, max_length=max_length)
        remove_on_rollback(self, name)
        return name
