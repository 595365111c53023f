import pytest

from regions.models import Municipality, Region

pytestmark = pytest.mark.django_db


def test_the_joint_procurement_regions_have_their_municipalities():
    zk = Region.objects.get(slug="zuid-kennemerland")
    ijmond = Region.objects.get(slug="ijmond")
    assert sorted(zk.municipalities.values_list("name", flat=True)) == [
        "Bloemendaal",
        "Haarlem",
        "Heemstede",
        "Zandvoort",
    ]
    assert sorted(ijmond.municipalities.values_list("name", flat=True)) == [
        "Beverwijk",
        "Heemskerk",
        "Velsen",
    ]


def test_other_regions_are_there_too():
    assert Region.objects.get(slug="zaanstreek-waterland").municipalities.count() == 8
    assert Region.objects.get(slug="mvs").municipalities.count() == 3


def test_cbs_codes_are_well_formed_and_unique():
    codes = list(Municipality.objects.values_list("cbs_code", flat=True))
    assert len(codes) == len(set(codes))
    for municipality in Municipality.objects.all():
        municipality.full_clean()
    assert Municipality.objects.get(name="Haarlem").cbs_code == "GM0392"


def test_beemster_merged_into_purmerend():
    beemster = Municipality.objects.get(name="Beemster")
    assert not beemster.is_active
    assert beemster.merged_into.name == "Purmerend"


def test_region_scoping_of_officers_and_aldermen(personas):
    zk = Region.objects.get(slug="zuid-kennemerland")
    zaanstreek = Region.objects.get(slug="zaanstreek-waterland")
    assert personas.alderman.home_region_ids == {zk.pk}
    assert personas.officer.home_region_ids == {zk.pk}
    assert personas.other_officer.home_region_ids == {zaanstreek.pk}
    assert personas.provider_a.home_region_ids == set()


def test_officer_page_names_only_the_officers_own_region(client, personas):
    client.force_login(personas.other_officer)
    content = client.get("/inkoper/").content.decode()
    assert "Zaanstreek-Waterland" in content
    assert "Zuid-Kennemerland" not in content
