"""Document access from every side: who may download which version."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from procurement.models import Document
from procurement.services.documents import create_document, upload_version
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import pdf_upload, published_document, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    procurement = make_procurement(personas.officer)
    register(procurement, (personas.provider_a, personas.organisation_a))
    _, public = published_document(procurement, personas.officer)
    _, internal = published_document(
        procurement, personas.officer, audience=Document.Audience.INTERNAL, title="Intern advies"
    )
    draft_document = create_document(procurement, actor=personas.officer, kind="annex", title="Concept")
    draft = upload_version(draft_document, pdf_upload(), actor=personas.officer)
    return procurement, {"public": public, "internal": internal, "draft": draft}


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("officer", {"public", "internal", "draft"}),
        ("second_officer", {"public", "internal", "draft"}),
        ("alderman", {"public", "internal"}),
        ("provider_a", {"public"}),
        ("provider_b", set()),  # not registered
        ("other_officer", set()),  # another region
        ("expert", set()),
        ("assessor", set()),
    ],
)
def test_who_may_download_which_version(client, personas, setup, persona, allowed):
    _, versions = setup
    client.force_login(getattr(personas, persona))
    for name, version in versions.items():
        response = client.get(reverse("procurement:version_download", args=[version.pk]))
        assert response.status_code == (200 if name in allowed else 404), (persona, name)


def test_anonymous_is_sent_to_the_login_page(client, setup):
    _, versions = setup
    response = client.get(reverse("procurement:version_download", args=[versions["public"].pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_downloads_and_refusals_are_in_the_audit_trail(client, personas, setup):
    _, versions = setup
    client.force_login(personas.provider_a)
    client.get(reverse("procurement:version_download", args=[versions["public"].pk]))
    client.get(reverse("procurement:version_download", args=[versions["internal"].pk]))
    entries = AuditEntry.objects.filter(action="document.download", actor_id=personas.provider_a.pk)
    assert sorted(entries.values_list("object_id", "result")) == sorted(
        [(str(versions["public"].pk), "success"), (str(versions["internal"].pk), "refused")]
    )


def test_document_list_shows_each_side_only_its_documents(client, personas, setup):
    procurement, _ = setup
    url = reverse("procurement:documents", args=[procurement.pk])
    client.force_login(personas.provider_a)
    page = client.get(url).content.decode()
    assert "Bestek" in page and "Intern advies" not in page and "Concept" not in page
    client.force_login(personas.provider_b)
    page = client.get(url).content.decode()
    assert "Bestek" not in page and "Er zijn nog geen documenten." in page
    client.force_login(personas.other_officer)
    assert client.get(url).status_code == 404


def test_officer_pages_are_closed_to_everyone_else(client, personas, setup):
    procurement, versions = setup
    document = versions["draft"].document
    urls = [
        reverse("procurement:document_create", args=[procurement.pk]),
        reverse("procurement:document_detail", args=[procurement.pk, document.pk]),
    ]
    for persona in ("provider_a", "provider_b", "alderman", "other_officer"):
        client.force_login(getattr(personas, persona))
        for url in urls:
            assert client.get(url).status_code == 404, (persona, url)
        publish = reverse("procurement:version_publish", args=[procurement.pk, versions["draft"].pk])
        assert client.post(publish).status_code == 404
    versions["draft"].refresh_from_db()
    assert versions["draft"].published_at is None
