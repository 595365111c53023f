"""Every URL pattern of the project, reversed with sample arguments, for tests that walk them all."""

import itertools
import uuid
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

# candidate values per URL argument; the first combination that reverses is used
SAMPLES = ["1", "accounts", "user", "MQ", "x-y"]
UUID_SAMPLE = str(uuid.UUID(int=1))


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name ("" for an unnamed pattern)
    route: str  # the pattern as written, for messages
    path: str | None  # a reversed path, or None when no sample arguments fit


def _patterns(patterns, prefix="", namespace="", arguments=()):
    for entry in patterns:
        own = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern), inner, arguments + own)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield name, prefix + str(entry.pattern), list(arguments + own)


def _reverse(name: str, arguments: list[str]) -> str | None:
    if not arguments:
        try:
            return reverse(name)
        except NoReverseMatch:
            return None
    for values in itertools.product([*SAMPLES, UUID_SAMPLE], repeat=len(arguments)):
        try:
            return reverse(name, kwargs=dict(zip(arguments, values, strict=True)))
        except NoReverseMatch:
            continue
    return None


def all_routes() -> list[Route]:
    routes = []
    for name, route, arguments in _patterns(get_resolver().url_patterns):
        path = _reverse(name, arguments) if name else None
        routes.append(Route(name=name, route=route, path=path))
    return routes
