from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.models import Document, Procurement


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "lot", "audience"]

    def __init__(self, *args, procurement: Procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = procurement.lots.all()
        self.fields["lot"].label = _("Lot")
        self.fields["lot"].help_text = _("Leave empty for a document about the whole procurement.")
        self.fields["kind"].choices = [
            choice for choice in Document.Kind.choices if choice[0] != Document.Kind.NOTA_VAN_INLICHTINGEN
        ]


class VersionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt).")
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
