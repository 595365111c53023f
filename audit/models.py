from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .actions import Action


class AppendOnlyError(Exception):
    """The audit trail is never changed after it is written."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """One line of the audit trail: actor, action, object, result, origin and time (BIO).

    It stores references (type label and id), not foreign keys, so that it imports no domain app
    and survives the deletion of what it describes.
    """

    class Result(models.TextChoices):
        SUCCESS = "success", _("success")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")

    timestamp = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    procurement_id = models.BigIntegerField(_("procurement id"), null=True, blank=True, db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.SUCCESS)
    origin_ip = models.GenericIPAddressField(_("origin IP"), null=True, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    message = models.TextField(_("message"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The audit search of one procurement, newest first, without scanning other procurements' entries.
            models.Index(fields=["procurement_id", "timestamp", "id"], name="audit_procurement_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def action_label(self) -> str:
        """What a person reads for the action: its label, or the stored string for an unknown one."""
        return Action.label_of(self.action)
