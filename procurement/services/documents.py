"""Procurement documents: versions are checked on upload, published to the registered providers, and
downloaded only through a permission check that is written to the audit trail."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import record, records_refusals, refusals_recorded, refused
from common.timezone import server_now
from common.uploads import check_upload
from procurement.access import may_download_version
from procurement.models import Document, DocumentVersion, Lot, Procurement

DOCUMENT_EXTENSIONS = {"pdf", "docx", "xlsx", "odt"}


def registered_provider_users(procurement: Procurement) -> QuerySet[User]:
    """Every member of every organisation registered on the procurement."""
    return User.objects.filter(
        is_active=True, memberships__organisation__participations__procurement=procurement
    ).distinct()


@records_refusals(Action.DOCUMENT_CREATE, procurement_id=lambda procurement: procurement.pk)
def create_document(
    procurement: Procurement,
    *,
    actor: User,
    kind: str,
    title: str,
    lot: Lot | None = None,
    audience: str = Document.Audience.PROVIDERS,
) -> Document:
    if lot is not None and lot.procurement_id != procurement.pk:
        raise ValidationError({"lot": _("This lot belongs to another procurement.")})
    document = Document(procurement=procurement, kind=kind, title=title, lot=lot, audience=audience)
    document.full_clean()
    document.save()
    record(Action.DOCUMENT_CREATE, actor=actor, obj=document, procurement_id=procurement.pk)
    return document


def upload_version(
    document: Document, upload: UploadedFile, *, actor: User, note: str = ""
) -> DocumentVersion:
    """Check the file and keep it as the next version (unpublished). A refused file saves nothing."""
    with refusals_recorded(
        Action.DOCUMENT_VERSION_UPLOAD, actor=actor, obj=document, procurement_id=document.procurement_id
    ):
        checked = check_upload(upload, allowed=DOCUMENT_EXTENSIONS)
        version = document.add_version(upload, checked, actor=actor, note=note)
        record(
            Action.DOCUMENT_VERSION_UPLOAD,
            actor=actor,
            obj=version,
            procurement_id=document.procurement_id,
            changes={"file": [None, checked.name], "sha256": [None, checked.sha256]},
        )
    return version


@records_refusals(
    Action.DOCUMENT_VERSION_PUBLISH, procurement_id=lambda version: version.document.procurement_id
)
def publish_version(version: DocumentVersion, *, actor: User) -> DocumentVersion:
    """Publish a version: providers (for a providers' document) can download it and are notified once."""
    now = server_now()
    if DocumentVersion.objects.filter(pk=version.pk, published_at__isnull=True).update(published_at=now) != 1:
        raise ValidationError(_("This version has already been published."))
    version.refresh_from_db()
    document = version.document
    procurement = document.procurement
    record(Action.DOCUMENT_VERSION_PUBLISH, actor=actor, obj=version, procurement_id=procurement.pk)
    if document.audience == Document.Audience.PROVIDERS:
        notify(
            registered_provider_users(procurement),
            key=f"document-version-published-{version.pk}",
            subject=_("New document for %(procurement)s") % {"procurement": procurement},
            body=_("Version %(number)s of “%(title)s” has been published.")
            % {"number": version.number, "title": document.title},
            url=reverse("procurement:documents", args=[procurement.pk]),
        )
    return version


def version_for_download(user: User, version_id: int) -> DocumentVersion:
    """The version, if this person may download it (recorded in the audit trail); otherwise 404
    (the refusal is recorded too)."""
    version = DocumentVersion.objects.select_related("document__procurement").filter(pk=version_id).first()
    if version is None:
        raise Http404
    procurement_id = version.document.procurement_id
    if not may_download_version(user, version):
        refused(Action.DOCUMENT_DOWNLOAD, actor=user, obj=version, procurement_id=procurement_id)
        raise Http404
    record(Action.DOCUMENT_DOWNLOAD, actor=user, obj=version, procurement_id=procurement_id)
    return version
