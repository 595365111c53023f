from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.models import InvitationToTender
from procurement.services.tenders import TenderForm


class TenderSubmissionForm(forms.Form):
    """The tender form of a lot: a file per required document and an amount per price question. The
    service checks everything again; the form only collects."""

    organisation = forms.ModelChoiceField(queryset=None, label=_("Tender on behalf of"), empty_label=None)
    confirm = forms.BooleanField(
        label=_("I confirm that this tender is complete and submit it. An earlier tender is replaced."),
        required=True,
    )

    def __init__(self, *args, invitation: InvitationToTender, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["organisation"].queryset = organisations
        for index, requirement in enumerate(invitation.required_documents):
            self.fields[f"document_{index}"] = forms.FileField(label=requirement)
        for index, question in enumerate(invitation.price_questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=_("%(question)s (EUR)") % {"question": question}, max_length=30
            )
        self.order_fields(["organisation", *[f for f in self.fields if f not in ("organisation", "confirm")]])

    def tender_form(self) -> TenderForm:
        documents = {
            requirement: self.cleaned_data.get(f"document_{index}")
            for index, requirement in enumerate(self.invitation.required_documents)
        }
        answers = {
            question: self.cleaned_data.get(f"answer_{index}")
            for index, question in enumerate(self.invitation.price_questions)
        }
        return TenderForm(documents=documents, answers=answers)
