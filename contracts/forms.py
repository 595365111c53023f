from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from procurement.models import Lot, Procurement

from . import services
from .models import Contract, ContractKpi, Evaluation, TerminationCondition


class ContractForm(forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=Lot.objects.none())
    organisation = forms.ModelChoiceField(label=_("Provider (lead)"), queryset=Organisation.objects.none())
    start = forms.DateField(label=_("Start"), required=False, help_text=_("Empty: 1 January next year."))
    implementation_start = forms.DateField(
        label=_("Start of the implementation period"),
        required=False,
        help_text=_("At least three months before the start."),
    )

    def __init__(self, *args, procurement: Procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = procurement.lots.exclude(status=Lot.Status.CANCELLED)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for lot in procurement.lots.all() for o in services.candidate_organisations(lot)]
        ).order_by("name")

    def clean(self):
        data = super().clean()
        lot, organisation = data.get("lot"), data.get("organisation")
        if (
            lot
            and organisation
            and not services.candidate_organisations(lot).filter(pk=organisation.pk).exists()
        ):
            self.add_error("organisation", _("This provider does not take part in the dialogue of this lot."))
        return data


class TemplateForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the agreement"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("HTML with the placeholders listed above."),
    )


class VersionForm(forms.Form):
    reason = forms.CharField(label=_("Reason (required for an amendment)"), max_length=300, required=False)


class SignForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    function = forms.CharField(label=_("Your function"), max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)


class KpiUploadForm(forms.Form):
    file = forms.FileField(label=_("KPI report (CSV: kpi;period;value)"))


class SpendForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))
    amount = forms.DecimalField(label=_("Spend (EUR)"), max_digits=14, decimal_places=2, min_value=0)


class TerminateForm(forms.Form):
    condition = forms.ModelChoiceField(
        label=_("Condition invoked"), queryset=TerminationCondition.objects.none()
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].queryset = contract.termination_conditions.all()


class EvaluationForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Evaluation.Outcome.choices)
    motivation = forms.CharField(
        label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000
    )
    report = forms.FileField(
        label=_("Evaluation report"),
        required=False,
        help_text=_("PDF, DOCX or ODT; replaces an earlier report."),
    )


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Member of the partnership"), queryset=Organisation.objects.none()
    )
    role = forms.CharField(
        label=_("Role in the contract"),
        max_length=100,
        help_text=_("For example: combination partner, subcontractor for residential care."),
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=services.addable_members(contract).values("organisation")
        ).order_by("name")


class KpiDirectionForm(forms.Form):
    kpi = forms.ModelChoiceField(label=_("KPI"), queryset=ContractKpi.objects.none())
    direction = forms.ChoiceField(label=_("Direction"), choices=ContractKpi.Direction.choices)

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = contract.kpis.all()


class RegisterFilter(forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=Lot.objects.none(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *Contract.Status.choices], required=False
    )
    party = forms.ModelChoiceField(label=_("Party"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = (
            Lot.objects.filter(contracts__in=contracts).distinct().select_related("procurement")
        )
        self.fields["party"].queryset = Organisation.objects.filter(
            contractparty__contract__in=contracts
        ).distinct()
