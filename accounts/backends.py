"""How a logged-in person is loaded for each request."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection

from .models import Notification, User

_FIELDS = User._meta.concrete_fields
# One row per role (one row with an empty role for a person without roles). Written out in SQL because
# every page runs it: building it with the ORM costs several times its execution (~2 ms a page here).
_PERSON = (  # noqa: S608 (the models' own table and column names; the id is a parameter)
    "SELECT {columns}, (SELECT COUNT(*) FROM {notification} n WHERE n.user_id = u.id AND n.read_at IS NULL),"
    " g.name FROM {user} u LEFT JOIN {membership} ug ON ug.user_id = u.id"
    " LEFT JOIN {group} g ON g.id = ug.group_id WHERE u.id = %s"
).format(
    columns=", ".join(f"u.{field.column}" for field in _FIELDS),
    notification=Notification._meta.db_table,
    user=User._meta.db_table,
    membership=User.groups.through._meta.db_table,
    group=Group._meta.db_table,
)


class PortalBackend(ModelBackend):
    """Django's model backend, loading the person of every request in one query together with their
    roles and their unread notification count (otherwise two more queries on every page)."""

    def get_user(self, user_id):
        with connection.cursor() as cursor:
            cursor.execute(_PERSON, [user_id])
            rows = cursor.fetchall()
        if not rows:
            return None
        user = User.from_db(connection.alias, [field.attname for field in _FIELDS], rows[0][: len(_FIELDS)])
        if not self.user_can_authenticate(user):
            return None
        user.unread_notification_count = rows[0][len(_FIELDS)]
        user._role_names = frozenset(row[-1] for row in rows if row[-1] is not None)
        return user
