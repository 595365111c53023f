"""Writing the audit trail. Service verbs call ``record`` inside their own transaction, and run in
``refusals_recorded`` so that a refusal is rolled back and then recorded."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from common.cache import data_changed

from .context import origin_ip
from .models import AuditEntry


def _label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return getattr(user, "email", "") or str(user)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as {field: [before, after]}."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    procurement_id: int | None = None,
    result: str = AuditEntry.Result.SUCCESS,
    changes: dict[str, Any] | None = None,
    message: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail; a successful one says that the portal's data changed."""
    if result != AuditEntry.Result.REFUSED:
        data_changed()
    return AuditEntry.objects.create(
        actor_id=getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None,
        actor_label=_label(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=str(obj)[:300] if obj is not None else "",
        procurement_id=procurement_id,
        result=result,
        origin_ip=origin_ip.get(),
        changes=changes or {},
        message=message,
    )


def refused(action: str, *, actor: Any, obj: models.Model | None = None, **kwargs: Any) -> AuditEntry:
    """Record an attempt that the portal refused."""
    return record(action, actor=actor, obj=obj, result=AuditEntry.Result.REFUSED, **kwargs)


class Refused(ValidationError):
    """A refusal that names what it refuses, so that ``refusals_recorded`` records it under its own action
    and object."""

    def __init__(self, message, *, action: str, obj: models.Model | None, procurement_id: int | None):
        super().__init__(message)
        self.action, self.obj, self.procurement_id = action, obj, procurement_id


@contextmanager
def refusals_recorded(
    action: str | None = None,
    *,
    actor: Any,
    obj: models.Model | None = None,
    procurement_id: int | None = None,
) -> Iterator[None]:
    """One transaction for a service verb; when the verb refuses (raises a ``ValidationError``), its changes
    are rolled back and then the refusal is recorded in the audit trail, outside that transaction. A
    ``Refused`` is recorded under its own action and object; any other refusal under ``action``, or not at
    all without one."""
    try:
        with transaction.atomic():
            yield
    except Refused as refusal:
        refused(
            refusal.action,
            actor=actor,
            obj=refusal.obj,
            procurement_id=refusal.procurement_id,
            message=" ".join(refusal.messages),
        )
        raise
    except ValidationError as error:
        if action is not None:
            refused(
                action, actor=actor, obj=obj, procurement_id=procurement_id, message=" ".join(error.messages)
            )
        raise


def logs_refusal(verb: Callable) -> Callable:
    """Run the verb (which takes its ``actor`` as keyword) in ``refusals_recorded``: its ``Refused`` are
    recorded."""

    @wraps(verb)
    def wrapper(*args, actor: Any, **kwargs):
        with refusals_recorded(actor=actor):
            return verb(*args, actor=actor, **kwargs)

    return wrapper
