"""Figures cached per set of procurements: built once, built anew as soon as any of the procurements
gets an audit entry (every service verb writes one), separate per set and per language."""

import pytest
from django.utils import translation

from audit.scope import per_procurements
from audit.services import record
from procurement.models import Procurement
from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


def test_figures_are_built_once_and_again_after_a_change(personas, django_assert_max_num_queries):
    built = []

    @per_procurements("test.figures")
    def figures(procurements):
        built.append(sorted(p.pk for p in procurements))
        return {"titles": sorted(p.title for p in procurements)}

    first = make_procurement(personas.officer)
    second = make_procurement(personas.officer, title="Tweede")
    both = Procurement.objects.filter(pk__in=[first.pk, second.pk])
    only_first = Procurement.objects.filter(pk=first.pk)

    assert figures(both)["titles"] == sorted([first.title, "Tweede"])
    with django_assert_max_num_queries(1):
        assert figures(both)["titles"] == sorted([first.title, "Tweede"])
    assert len(built) == 1

    figures(only_first)
    assert len(built) == 2  # another set of procurements is another key

    Procurement.objects.filter(pk=second.pk).update(title="Hernoemd")
    record("procurement.update", actor=personas.officer, obj=second, procurement_id=second.pk)
    assert figures(both)["titles"] == sorted([first.title, "Hernoemd"])
    assert len(built) == 3
    figures(only_first)
    assert len(built) == 3  # the change to the second procurement leaves the first one's figures

    with translation.override("en"):
        figures(both)
    assert len(built) == 4
