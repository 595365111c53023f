"""Django's postgresql backend with ``on_rollback`` (common/rollback.py)."""

from django.db.backends.postgresql import base

from common.rollback import RollbackHooks


class DatabaseWrapper(RollbackHooks, base.DatabaseWrapper):
    pass
