import pytest

from tests.factories import make_procurement

pytestmark = pytest.mark.django_db


def test_make_procurement_builds_a_published_procurement_with_two_lots_and_its_phases(personas):
    procurement = make_procurement(personas.officer)
    assert procurement.status == "published"
    assert [lot.number for lot in procurement.lots.all()] == ["1", "2"]
    assert procurement.phases.count() == 9
    assert procurement.lots.get(number="1").required_care_types().count() == 3
