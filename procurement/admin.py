"""The admin site. Tender content is never shown here: the tender models are registered only so that
every attempt to open them is refused and recorded in the audit trail (``tender.read`` refused)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from audit.actions import Action
from audit.services import refused

from .models import TenderFile, TenderSubmission


class SealedAdmin(admin.ModelAdmin):
    """No fields, no list, no access, not even for a superuser: every view is refused and logged."""

    fields = ()

    def has_module_permission(self, request) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _refuse(self, request, object_id=None):
        refused(
            Action.TENDER_READ,
            actor=request.user,
            message=f"admin {self.model._meta.label_lower} {object_id or ''}",
        )
        raise PermissionDenied

    def changelist_view(self, request, extra_context=None):
        self._refuse(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse(request, object_id)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse(request, object_id)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse(request, object_id)


admin.site.register(TenderSubmission, SealedAdmin)
admin.site.register(TenderFile, SealedAdmin)
