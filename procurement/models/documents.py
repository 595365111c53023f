import uuid
from datetime import datetime

from django.conf import settings
from django.core.files import File
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.uploads import CheckedFile

from .core import Lot, Procurement


def document_path(instance: "DocumentVersion", filename: str) -> str:
    """Stored under a random name: the original name is kept in the database, never in the path."""
    return f"procurement/{instance.document.procurement_id}/documents/{uuid.uuid4().hex}"


class Document(models.Model):
    class Kind(models.TextChoices):
        PRESELECTION = "preselection", _("preselection document")
        INVITATION = "invitation", _("invitation to tender")
        ANNEX = "annex", _("annex")
        NOTA_VAN_INLICHTINGEN = "nvi", _("Nota van Inlichtingen")
        DECISION_MINUTES = "minutes", _("decision minutes")
        OTHER = "other", _("other")

    class Audience(models.TextChoices):
        PROVIDERS = "providers", _("registered providers")
        INTERNAL = "internal", _("officers and aldermen only")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="documents")
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PROVIDERS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procurement", "kind", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def add_version(
        self,
        content: File,
        checked: CheckedFile,
        *,
        actor: User | None,
        note: str = "",
        published_at: datetime | None = None,
    ) -> "DocumentVersion":
        """Keep ``content`` (``checked`` by ``common.uploads.check_upload``) as the next version, numbered
        under a lock on the document so that two at once get different numbers. Inside a transaction."""
        locked = Document.objects.select_for_update().get(pk=self.pk)
        number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
        version = DocumentVersion(
            document=locked,
            number=number,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            note=note,
            uploaded_by=actor,
            published_at=published_at,
        )
        version.file.save(checked.name, content, save=False)
        version.save()
        return version


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_version"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
