import pytest

from audit.models import AuditEntry
from contracts import services
from contracts.models import Contract, Signature
from tests.contracts.factories_contracts import contract_world, signatory


@pytest.fixture
def ready(personas, committed):
    world = contract_world(personas)
    world.version = committed(services.request_version, world.contract, actor=personas.officer)
    return world


@pytest.mark.django_db
def test_the_signatory_signs_the_latest_version_and_the_officer_countersigns(personas, ready, committed):
    provider = signatory(personas)
    signature = services.sign_as_provider(
        ready.version, actor=provider, name="P. Jansen", function="Directeur"
    )
    assert signature.sha256 == ready.version.sha256 and signature.side == Signature.Side.PROVIDER
    assert Contract.objects.get(pk=ready.contract.pk).status == Contract.Status.SIGNED_BY_PROVIDER
    committed(
        services.countersign, ready.version, actor=personas.officer, name="A. de Vries", function="Inkoper"
    )
    contract = Contract.objects.get(pk=ready.contract.pk)
    assert contract.status == Contract.Status.ACTIVE
    signed = contract.versions.get(signed_copy_of=ready.version)
    assert signed.state == "done" and signed.sha256 != ready.version.sha256
    from tests.contracts.test_create_and_pdf import pdf_text

    text = pdf_text(signed)
    assert "P. Jansen" in text and "A. de Vries" in text and ready.version.sha256 in text.replace("\n", "")


@pytest.mark.django_db
def test_signing_a_version_that_is_no_longer_the_latest_is_refused(personas, ready, committed):
    provider = signatory(personas)
    committed(services.request_version, ready.contract, actor=personas.officer)
    with pytest.raises(services.Refused) as refused:
        services.sign_as_provider(ready.version, actor=provider, name="P. Jansen", function="Directeur")
    assert "niet meer de laatste versie" in " ".join(refused.value.messages)
    assert not Signature.objects.exists()
    assert AuditEntry.objects.filter(action="contracts.sign", result=AuditEntry.Result.REFUSED).exists()


@pytest.mark.django_db
def test_a_member_who_is_not_a_signatory_and_another_provider_cannot_sign(personas, ready):
    for user in (personas.provider_a, personas.provider_b):
        with pytest.raises(services.Refused):
            services.sign_as_provider(ready.version, actor=user, name="X", function="Y")
    assert not Signature.objects.exists()


@pytest.mark.django_db
def test_countersigning_before_the_provider_or_from_another_region_is_refused(personas, ready):
    with pytest.raises(services.Refused):
        services.countersign(ready.version, actor=personas.officer, name="A", function="B")
    services.sign_as_provider(ready.version, actor=signatory(personas), name="P", function="D")
    with pytest.raises(services.Refused):
        services.countersign(ready.version, actor=personas.other_officer, name="A", function="B")
    assert Contract.objects.get(pk=ready.contract.pk).status == Contract.Status.SIGNED_BY_PROVIDER


@pytest.mark.django_db
def test_an_active_contract_is_amended_with_a_reason_and_terminated_with_a_condition(
    personas, ready, committed
):
    services.sign_as_provider(ready.version, actor=signatory(personas), name="P", function="D")
    committed(services.countersign, ready.version, actor=personas.officer, name="A", function="B")
    contract = Contract.objects.get(pk=ready.contract.pk)
    with pytest.raises(services.Refused):
        services.request_version(contract, actor=personas.officer)
    amendment = committed(services.request_version, contract, actor=personas.officer, reason="Indexatie 2028")
    assert amendment.reason == "Indexatie 2028" and amendment.number == 3
    contract.refresh_from_db()
    assert contract.status == Contract.Status.READY
    condition = contract.termination_conditions.get()
    services.terminate(contract, actor=personas.officer, condition=condition)
    contract.refresh_from_db()
    assert contract.status == Contract.Status.TERMINATED
    assert contract.termination_condition == "Ontbinding bij wanprestatie"
    with pytest.raises(services.Refused):
        services.terminate(contract, actor=personas.officer, condition=condition)
