import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts import jobs, services
from contracts.models import Contract, KpiReport, Signature
from tests.contracts.factories_contracts import contract_world, signatory


@pytest.fixture
def ready(personas, committed):
    world = contract_world(personas)
    world.version = committed(services.request_version, world.contract, actor=personas.officer)
    return world


def urls(contract):
    return [
        reverse("contracts:detail", args=[contract.pk]),
        reverse("contracts:version_pdf", args=[contract.pk, 1]),
    ]


@pytest.mark.django_db
def test_the_provider_and_the_officer_see_the_contract_and_download_the_pdf(client, personas, ready):
    for user in (personas.provider_a, personas.officer):
        client.force_login(user)
        for url in urls(ready.contract):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_another_provider_another_region_and_anonymous_get_404_or_login(client, personas, ready):
    for user in (personas.provider_b, personas.other_officer, personas.alderman):
        client.force_login(user)
        for url in urls(ready.contract):
            assert client.get(url).status_code == 404, (user, url)
        response = client.post(
            reverse("contracts:sign", args=[ready.contract.pk]),
            {"name": "X", "function": "Y", "version": ready.version.pk},
        )
        assert response.status_code == 404
    client.logout()
    assert client.get(urls(ready.contract)[0]).status_code == 302
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_the_provider_signs_on_the_page_and_an_outdated_version_is_refused_in_dutch(
    client, personas, ready, committed
):
    client.force_login(signatory(personas))
    page = client.get(reverse("contracts:detail", args=[ready.contract.pk]))
    assert "Deze versie ondertekenen" in page.content.decode()
    committed(services.request_version, ready.contract, actor=personas.officer)
    response = client.post(
        reverse("contracts:sign", args=[ready.contract.pk]),
        {"name": "P. Jansen", "function": "Directeur", "version": ready.version.pk},
    )
    assert response.status_code == 400
    assert "niet meer de laatste versie" in response.content.decode()
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_a_bad_kpi_csv_on_the_page_shows_every_line_and_saves_nothing(client, personas, ready):
    Contract.objects.filter(pk=ready.contract.pk).update(status=Contract.Status.ACTIVE)
    client.force_login(personas.provider_a)
    upload = SimpleUploadedFile(
        "kpi.csv", b"kpi;period;value\nWachttijd in weken;2027;4\nWachttijd in weken;2027;x\n"
    )
    response = client.post(reverse("contracts:kpi_upload", args=[ready.contract.pk]), {"file": upload})
    assert response.status_code == 400
    assert "Regel 3: “x” is geen getal." in response.content.decode()
    assert not KpiReport.objects.exists()
    good = SimpleUploadedFile("kpi.csv", b"kpi;period;value\nWachttijd in weken;2027;4\n")
    response = client.post(reverse("contracts:kpi_upload", args=[ready.contract.pk]), {"file": good})
    assert response.status_code == 302
    page = client.get(reverse("contracts:detail", args=[ready.contract.pk])).content.decode()
    assert "2027: 4,00" in page or "2027: 4.00" in page


@pytest.mark.django_db
def test_the_officer_creates_a_contract_only_with_a_participant_of_the_lot(client, personas):
    from accounts.models import Organisation
    from tests.contracts.factories_contracts import agreed_lot

    world = agreed_lot(personas)
    outsider = Organisation.objects.create(name="Buitenstaander", kvk_number="99999999")
    client.force_login(personas.officer)
    url = reverse("contracts:new", args=[world.procurement.pk])
    refused = client.post(url, {"lot": world.lot.pk, "organisation": outsider.pk})
    assert refused.status_code == 200 and not Contract.objects.exists()
    response = client.post(url, {"lot": world.lot.pk, "organisation": personas.organisation_b.pk})
    contract = Contract.objects.get()
    assert response.url == reverse("contracts:detail", args=[contract.pk])
    client.force_login(personas.other_officer)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_bad_template_is_refused_on_the_page_and_the_old_one_kept(client, personas, ready):
    client.force_login(personas.officer)
    url = reverse("contracts:template", args=[ready.procurement.pk])
    response = client.post(url, {"text": "{% if %}"})
    assert "vorige sjabloon blijft in gebruik" in response.content.decode()
    assert jobs.template_text(ready.procurement) == jobs.DEFAULT_TEMPLATE


@pytest.mark.django_db
def test_the_register_filters_and_its_query_count_is_bounded(
    client, personas, ready, django_assert_max_num_queries
):
    second = services.create_contract(ready.lot, personas.organisation_b, actor=personas.officer).number
    client.force_login(personas.officer)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("contracts:register")).content.decode()
    assert ready.contract.number in page and second in page
    filtered = client.get(reverse("contracts:register"), {"status": "ready"}).content.decode()
    assert ready.contract.number in filtered and second not in filtered
    client.force_login(personas.provider_b)
    mine = client.get(reverse("contracts:register")).content.decode()
    assert ready.contract.number not in mine and second in mine


@pytest.mark.django_db
def test_bulk_generation_shows_progress(client, personas, committed):
    world = contract_world(personas)
    client.force_login(personas.officer)
    url = reverse("contracts:lot", args=[world.lot.pk])
    assert "in de maak: 0; gemaakt: 0" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert "in de maak: 1; gemaakt: 0" in client.get(url).content.decode()
    client.force_login(personas.other_officer)
    assert client.get(url).status_code == 404
