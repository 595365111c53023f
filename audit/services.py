"""Writing the audit trail. Service verbs call ``record`` inside their own transaction, and run in
``refusals_recorded`` (or under ``records_refusals``, the same as a decorator of the whole verb) so that a
refusal is rolled back and then recorded: the one way every app records its refusals. The beat's loops
run each item in ``each_in_own_transaction`` (a sweep of the worker's documents in ``each_on_its_own``):
the one way a loop goes on past an item that is refused or fails; a verb a person starts turns an
unexpected failure into a message with ``failures_refused``."""

import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction

from common.cache import data_changed

from .context import origin_ip
from .models import AuditEntry

logger = logging.getLogger(__name__)

Item = TypeVar("Item", bound=models.Model)
Outcome = TypeVar("Outcome")
Verb = TypeVar("Verb", bound=Callable[..., Any])


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
    if result == AuditEntry.Result.SUCCESS:
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


def failed(action: str, *, actor: Any, obj: models.Model | None = None, **kwargs: Any) -> AuditEntry:
    """Record an attempt that broke off on an unexpected error (the log holds the traceback)."""
    return record(action, actor=actor, obj=obj, result=AuditEntry.Result.FAILED, **kwargs)


class Refused(ValidationError):
    """A refusal that names the step that refused: its action, object and procurement. A helper raises
    one to be recorded under its own action as well as under the verb's (a contract's status transition);
    ``refusals_recorded`` raises every refusal it records as one naming its verb, unless it names a step
    already, so that a verb that called another knows which step refused."""

    def __init__(self, message, *, action: str, obj: models.Model | None, procurement_id: int | None):
        super().__init__(message)
        self.action, self.obj, self.procurement_id = action, obj, procurement_id


@contextmanager
def refusals_recorded(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    procurement_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> Iterator[None]:
    """One transaction for a service verb; when the verb refuses (raises a ``ValidationError``), its changes
    are rolled back and then the refusal is recorded in the audit trail, outside that transaction, and
    raised again as a ``Refused``.

    The refusal is recorded under the verb's ``action`` and ``obj``, with the ``changes`` it attempted: what
    the actor did. When the step that refused has an action of its own (a ``Refused`` a helper raised, or
    the refusal of another verb this one called), it is recorded under that action and object too, with the
    same message: one entry for what the actor did, one for the step that refused it.

    Verbs nest: the inner verb records its refusal in the outer verb's transaction, so when the refusal
    rolls back the outer verb as well, the inner verb's entries go with it and the outer verb records its
    own and the inner step's, once. When the outer verb catches the refusal and goes on, the inner verb's
    entries stay. Inside a plain ``transaction.atomic`` that rolls back, the entries are rolled back too."""
    try:
        with transaction.atomic():
            yield
    except ValidationError as error:
        step = (
            error
            if isinstance(error, Refused)
            else Refused(error, action=action, obj=obj, procurement_id=procurement_id)
        )
        message = " ".join(error.messages)
        refused(action, actor=actor, obj=obj, procurement_id=procurement_id, changes=changes, message=message)
        if step.action != action:
            refused(
                step.action, actor=actor, obj=step.obj, procurement_id=step.procurement_id, message=message
            )
        if step is error:
            raise
        raise step from error


def _subject(subject: Any) -> Any:
    return subject


def _nowhere(subject: Any) -> None:
    return None


def records_refusals(
    action: str,
    *,
    obj: Callable[[Any], models.Model | None] = _subject,
    procurement_id: Callable[[Any], int | None] = _nowhere,
    actor: str | None = "actor",
) -> Callable[[Verb], Verb]:
    """``refusals_recorded`` around the whole verb, as a decorator: for a verb whose body is all of its
    transaction. The refusal is recorded by the verb's ``actor`` keyword argument (``None``: a visitor
    without an account), on ``obj`` of the verb's subject (its first parameter; the subject itself by
    default, nothing for a verb without one), in the procurement ``procurement_id`` of the subject."""

    def decorator(verb: Verb) -> Verb:
        signature = inspect.signature(verb)
        first = next(iter(signature.parameters.values()), None)
        has_subject = first is not None and first.kind in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
        )

        @wraps(verb)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            arguments = signature.bind(*args, **kwargs).arguments
            subject = arguments[first.name] if has_subject else None
            with refusals_recorded(
                action,
                actor=arguments.get(actor) if actor else None,
                obj=obj(subject) if has_subject else None,
                procurement_id=procurement_id(subject) if has_subject else None,
            ):
                return verb(*args, **kwargs)

        return cast(Verb, wrapped)

    return decorator


@contextmanager
def failures_refused(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    procurement_id: int | None = None,
    message: str,
) -> Iterator[None]:
    """For a verb a person starts from a page: an unexpected error in it (anything but a refusal) is
    logged with its traceback, recorded as failed and raised as a refusal with ``message``, which the
    page shows like any other instead of answering 500. Put it around the verb's ``refusals_recorded``,
    whose transaction the error has rolled back: the failure is recorded outside it."""
    try:
        yield
    except ValidationError:
        raise
    except Exception as error:
        logger.exception(
            "%s failed for %s %s",
            action,
            obj._meta.label_lower if obj is not None else "-",
            obj.pk if obj is not None else "-",
        )
        failed(action, actor=actor, obj=obj, procurement_id=procurement_id, message=type(error).__name__)
        raise ValidationError(message, code="failed") from error


def each_in_own_transaction(
    items: Iterable[Item],
    step: Callable[[Item], Outcome],
    *,
    action: str,
    procurement_id: Callable[[Item], int | None],
) -> list[Outcome]:
    """For the beat: run ``step`` for each item in its own transaction (``refusals_recorded`` under
    ``action``, by the system), and go on with the next item whatever happens to this one. A refusal is
    rolled back and recorded as a refusal; an unexpected error is rolled back, logged with its traceback
    and recorded as failed (once while it keeps failing), and the item is left for the next run. Returns
    what the steps that went through returned."""
    return _each(items, step, action=action, procurement_id=procurement_id, in_transaction=True)


def each_on_its_own(
    items: Iterable[Item],
    step: Callable[[Item], Outcome],
    *,
    action: str,
    procurement_id: Callable[[Item], int | None],
) -> list[Outcome]:
    """For the sweeps of the worker's documents: as ``each_in_own_transaction``, but ``step`` runs outside
    any transaction, because it is a job that renders outside one and keeps its file in a short one of its
    own (``common.files.make_once``). An error is logged with its traceback and recorded as failed (once
    while it keeps failing), and the loop goes on; what the job kept before the error stays."""
    return _each(items, step, action=action, procurement_id=procurement_id, in_transaction=False)


def _each(
    items: Iterable[Item],
    step: Callable[[Item], Outcome],
    *,
    action: str,
    procurement_id: Callable[[Item], int | None],
    in_transaction: bool,
) -> list[Outcome]:
    results: list[Outcome] = []
    for item in items:
        where = procurement_id(item)
        try:
            with (
                refusals_recorded(action, actor=None, obj=item, procurement_id=where)
                if in_transaction
                else nullcontext()
            ):
                results.append(step(item))
        except Refused as refusal:
            logger.info(
                "%s refused for %s %s: %s",
                action,
                item._meta.label_lower,
                item.pk,
                " ".join(refusal.messages),
            )
        except Exception as error:
            logger.exception(
                "%s failed for %s %s; the next run tries again", action, item._meta.label_lower, item.pk
            )
            if not _failing_already(action, item):
                failed(action, actor=None, obj=item, procurement_id=where, message=type(error).__name__)
    return results


def _failing_already(action: str, item: models.Model) -> bool:
    """Whether the item's last entry under ``action`` is a failure: an item that keeps failing (the mail
    server down for an hour, say) is recorded once until it goes through, not at every run."""
    last = (
        AuditEntry.objects.filter(action=action, object_type=item._meta.label_lower, object_id=str(item.pk))
        .order_by("-timestamp", "-pk")
        .values_list("result", flat=True)
        .first()
    )
    return last == AuditEntry.Result.FAILED
