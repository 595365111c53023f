"""Writing the audit trail. Service verbs call ``record`` inside their own transaction."""

from typing import Any

from django.db import models

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
    """Append one entry to the audit trail."""
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
