"""Showing a verb's refusal on the page: the one way every view does it. A verb refuses with a
``ValidationError`` after its recorder has rolled back what it did and recorded the refusal, so nothing
is saved; the view runs the verb in ``refusal_shown`` and answers with the same page, which says why.
A ``PermissionDenied`` is no refusal to show: it passes through (403)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def show_refusal(target: BaseForm | HttpRequest, error: ValidationError, *, field: str | None = None) -> None:
    """On a form: the errors of each of its fields on that field, the rest above the form's fields (or on
    ``field``, the one field the verb is about). For a plain button, whose ``target`` is the request: each
    message as an error message on the page it returns to."""
    if not isinstance(target, BaseForm):
        for message in error.messages:
            messages.error(target, message)
        return
    by_field = error.error_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    for name, errors in by_field.items():
        target.add_error(name if name in target.fields else field, errors)


@contextmanager
def refusal_shown(target: BaseForm | HttpRequest, *, field: str | None = None) -> Iterator[None]:
    """Run a verb in this block; when it refuses, the refusal is shown on ``target`` (``show_refusal``)
    and the rest of the block is skipped: what follows the verb in the block (a success message, the
    redirect) happens only when the verb went through."""
    try:
        yield
    except ValidationError as error:
        show_refusal(target, error, field=field)
