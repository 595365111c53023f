from django import forms
from django.utils.translation import gettext_lazy as _

from common.numbers import is_whole_number
from procurement.models import InvitationToTender, Objection
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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class PublishInvitationForm(forms.Form):
    """The officer's invitation to tender of a lot. Criteria one per line as 'name; weight'."""

    organisations = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Invited organisations"), widget=forms.CheckboxSelectMultiple
    )
    agreement_set = forms.CharField(label=_("Agreement set (reference or number)"), max_length=200)
    criteria = forms.CharField(
        label=_("Award criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: name; weight. The weights add up to 100."),
    )
    required_documents = forms.CharField(
        label=_("Required documents"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line.")
    )
    price_questions = forms.CharField(
        label=_("Price and budget questions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line; answered as an amount in euros."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations

    def clean_criteria(self) -> list[tuple[str, int]]:
        criteria = []
        for line in _lines(self.cleaned_data["criteria"]):
            name, _sep, weight = line.rpartition(";")
            if not name.strip() or not is_whole_number(weight.strip()):
                raise forms.ValidationError(
                    _("Write each criterion as 'name; weight', e.g. 'Quality; 60'."), code="criteria"
                )
            criteria.append((name.strip(), int(weight.strip())))
        return criteria

    def clean_required_documents(self) -> list[str]:
        return _lines(self.cleaned_data["required_documents"])

    def clean_price_questions(self) -> list[str]:
        return _lines(self.cleaned_data["price_questions"])


class ConflictForm(forms.Form):
    has_conflict = forms.BooleanField(
        label=_("I have a conflict of interest with this tender"), required=False
    )
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ScoreForm(forms.Form):
    """A score from 0 to 10 and a motivation per award criterion."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("Score for %(criterion)s (0-10)") % {"criterion": criterion.name},
                min_value=0,
                max_value=10,
                decimal_places=1,
            )
            self.fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("Motivation for %(criterion)s") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"motivation_{c.pk}"])
            for c in self.criteria
        }


class AppointForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Assessor"))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class AwardForm(forms.Form):
    winners = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Winning tender(s)"), widget=forms.CheckboxSelectMultiple
    )
    grounds = forms.CharField(label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 3}))
    advantages = forms.CharField(
        label=_("Characteristics and relative advantages of the winning tender"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = forms.DateField(
        label=_("Date of the college decision"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, tenders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = tenders
        self.fields["winners"].label_from_instance = lambda tender: tender.organisation.name


class ObjectionForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Tenderer"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Objection.Kind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
