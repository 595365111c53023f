import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Notification
from audit.models import AuditEntry
from procurement.models import Document, DocumentVersion
from procurement.services.documents import create_document, publish_version, upload_version
from tests.factories import make_procurement
from tests.procurement.factories_docsqa import PDF_BYTES, pdf_upload, published_document, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def procurement(personas):
    procurement = make_procurement(personas.officer)
    register(procurement, (personas.provider_a, personas.organisation_a))
    return procurement


def test_publishing_a_version_notifies_every_registered_provider_once(personas, procurement):
    document, version = published_document(procurement, personas.officer)
    notified = Notification.objects.filter(key=f"document-version-published-{version.pk}")
    assert list(notified.values_list("user__email", flat=True)) == [personas.provider_a.email]
    with pytest.raises(ValidationError):
        publish_version(version, actor=personas.officer)
    assert notified.count() == 1


def test_new_version_gets_the_next_number_and_old_versions_stay_downloadable(client, personas, procurement):
    document, first = published_document(procurement, personas.officer)
    second = upload_version(document, pdf_upload("bestek v2.pdf"), actor=personas.officer)
    publish_version(second, actor=personas.officer)
    assert (first.number, second.number) == (1, 2)
    client.force_login(personas.provider_a)
    for version in (first, second):
        response = client.get(reverse("procurement:version_download", args=[version.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" * 10, "Bestanden van het type .exe worden niet geaccepteerd."),
        ("nep.pdf", b"dit is gewoon tekst", "De inhoud van het bestand past niet bij de extensie .pdf."),
        ("leeg.pdf", b"", "bestand is leeg."),
    ],
)
def test_a_refused_upload_shows_a_dutch_message_and_saves_nothing(
    client, personas, procurement, name, content, message
):
    document = create_document(procurement, actor=personas.officer, kind="annex", title="Bijlage")
    client.force_login(personas.officer)
    url = reverse("procurement:document_detail", args=[procurement.pk, document.pk])
    response = client.post(url, {"file": SimpleUploadedFile(name, content), "note": ""})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_the_service_refuses_an_empty_file_and_saves_nothing(personas, procurement):
    document = create_document(procurement, actor=personas.officer, kind="annex", title="Bijlage")
    with pytest.raises(ValidationError, match="Het bestand is leeg."):
        upload_version(document, pdf_upload(content=b""), actor=personas.officer)
    assert not DocumentVersion.objects.exists()


def test_a_too_large_upload_is_refused_in_dutch_and_saves_nothing(client, personas, procurement, settings):
    settings.UPLOAD_MAX_BYTES = 100
    document = create_document(procurement, actor=personas.officer, kind="annex", title="Bijlage")
    client.force_login(personas.officer)
    url = reverse("procurement:document_detail", args=[procurement.pk, document.pk])
    response = client.post(url, {"file": pdf_upload(content=PDF_BYTES + b" " * 200)})
    assert response.status_code == 400
    assert "de limiet is 100" in response.content.decode()
    assert not DocumentVersion.objects.exists()


def test_officer_creates_a_document_and_uploads_and_publishes_a_version(client, personas, procurement):
    client.force_login(personas.officer)
    response = client.post(
        reverse("procurement:document_create", args=[procurement.pk]),
        {"kind": "preselection", "title": "Selectieleidraad", "lot": "", "audience": "providers"},
    )
    document = Document.objects.get(title="Selectieleidraad")
    detail = reverse("procurement:document_detail", args=[procurement.pk, document.pk])
    assert response.url == detail
    client.post(detail, {"file": pdf_upload("../../etc/Selectie\nleidraad.pdf"), "note": "eerste versie"})
    version = document.versions.get()
    assert version.original_name.endswith(".pdf")
    assert not {"/", "\\", "\n", ".."} & {*version.original_name, version.original_name[:2]}
    assert version.published_at is None
    client.post(reverse("procurement:version_publish", args=[procurement.pk, version.pk]))
    version.refresh_from_db()
    assert version.published_at is not None
    assert AuditEntry.objects.filter(action="document.version.publish", object_id=str(version.pk)).exists()


def test_document_form_with_a_missing_title_is_refused_in_dutch(client, personas, procurement):
    client.force_login(personas.officer)
    response = client.post(
        reverse("procurement:document_create", args=[procurement.pk]),
        {"kind": "annex", "title": "", "audience": "providers"},
    )
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Document.objects.exists()


def test_download_has_a_safe_attachment_filename(client, personas, procurement):
    document = create_document(procurement, actor=personas.officer, kind="annex", title="Bijlage")
    version = upload_version(document, pdf_upload('x";\r\nSet-Cookie: a=b.pdf'), actor=personas.officer)
    client.force_login(personas.officer)
    response = client.get(reverse("procurement:version_download", args=[version.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "\r" not in disposition and "\n" not in disposition and '";' not in disposition[22:]
    assert response["Content-Type"] == "application/pdf"


def test_document_list_query_count_does_not_grow_with_documents(
    client, personas, procurement, django_assert_max_num_queries
):
    for number in range(5):
        published_document(procurement, personas.officer, title=f"Bijlage {number}")
    client.force_login(personas.provider_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("procurement:documents", args=[procurement.pk]))
    assert response.content.decode().count("Download versie 1 van Bijlage") == 5
