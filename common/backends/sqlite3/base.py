"""Django's sqlite3 backend with ``on_rollback`` (common/rollback.py)."""

from django.db.backends.sqlite3 import base

from common.rollback import RollbackHooks


class DatabaseWrapper(RollbackHooks, base.DatabaseWrapper):
    pass
