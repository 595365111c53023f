"""Forms of the procurement pages. They parse and check input; the services do the work."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from common.numbers import is_whole_number
from procurement.models import CareType, DecisionMoment, Document, Lot, Procurement
from procurement.models.core import default_evaluation_years
from regions.models import Municipality, Region

LOCAL_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A moment entered in Europe/Amsterdam local time (the active time zone) and stored in UTC."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_DATETIME_FORMAT)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(input_formats=[LOCAL_DATETIME_FORMAT, "%Y-%m-%d %H:%M"], **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YearsField(forms.CharField):
    """Whole years separated by commas, e.g. "3, 6"."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(str(year) for year in value)
        return value

    def to_python(self, value) -> list[int]:
        text = super().to_python(value)
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        if not all(is_whole_number(part) for part in parts):
            raise ValidationError(_("Give the evaluation years as whole numbers."), code="invalid")
        return sorted({int(part) for part in parts})


class ProcurementForm(forms.ModelForm):
    tenderned_url = forms.URLField(label=capfirst(_("TenderNed link")), required=False, assume_scheme="https")
    evaluation_years = YearsField(
        label=capfirst(_("evaluation after year")),
        required=False,
        initial=default_evaluation_years,
        help_text=_(
            "Years of the contract term after which the model and each partner are evaluated, e.g. 3, 6."
        ),
    )

    class Meta:
        model = Procurement
        fields = [
            "title",
            "reference",
            "summary",
            "regions",
            "municipalities",
            "procedure",
            "estimated_value",
            "contract_term_years",
            "evaluation_years",
            "planned_contract_start",
            "tenderned_reference",
            "tenderned_url",
            "dialogue_cost_compensation",
            "care_types",
        ]
        widgets = {"planned_contract_start": DateInput()}
        help_texts = {
            "summary": _("The public announcement: everyone can read it, also without logging in."),
            "municipalities": _("Only municipalities of the chosen regions."),
        }

    def __init__(self, *args, officer, **kwargs):
        super().__init__(*args, **kwargs)
        self.officer = officer
        self.fields["regions"].queryset = Region.objects.all()
        self.fields["municipalities"].queryset = Municipality.objects.filter(
            merged_into__isnull=True
        ).select_related("region")
        self.fields["municipalities"].label_from_instance = lambda m: f"{m.name} ({m.region.name})"
        self.fields["care_types"].queryset = CareType.objects.all()
        self.fields["care_types"].required = False
        if self.instance.pk and self.instance.status != Procurement.Status.DRAFT:
            self.fields["procedure"].disabled = True
            self.fields["procedure"].help_text = _("The procedure cannot change after publication.")
        if not self.instance.pk and officer.region_id:
            self.initial.setdefault("regions", [officer.region_id])
            self.initial.setdefault(
                "municipalities",
                list(Municipality.objects.filter(region=officer.region_id, merged_into__isnull=True)),
            )

    def clean(self):
        cleaned = super().clean()
        regions = cleaned.get("regions")
        if regions is not None and self.officer.region_id not in {r.pk for r in regions}:
            self.add_error("regions", _("Include your own region: otherwise you cannot manage it."))
        municipalities = cleaned.get("municipalities")
        if regions is not None and municipalities is not None:
            outside = [m.name for m in municipalities if m.region_id not in {r.pk for r in regions}]
            if outside:
                self.add_error(
                    "municipalities",
                    _("%(names)s do(es) not belong to the chosen regions.") % {"names": ", ".join(outside)},
                )
        return cleaned


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        fields = ["number", "title", "description", "kind", "care_type", "partnerships_allowed"]

    def __init__(self, *args, procurement: Procurement, **kwargs):
        super().__init__(*args, **kwargs)
        own = procurement.care_types.all()
        self.fields["care_type"].queryset = own if own.exists() else CareType.objects.all()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=capfirst(_("reason")), widget=forms.Textarea(attrs={"rows": 3}))


class AdvanceForm(ReasonForm):
    to_phase = forms.CharField(widget=forms.HiddenInput)


class SplitLotForm(forms.Form):
    """The reason and two (or three) new lots, e.g. 2a institutions and 2b self-employed practitioners."""

    ROWS = ("a", "b", "c")

    reason = forms.CharField(label=capfirst(_("reason")), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lot: Lot, **kwargs):
        super().__init__(*args, **kwargs)
        for index, row in enumerate(self.ROWS, start=1):
            self.fields[f"number_{row}"] = forms.CharField(
                label=capfirst(_("number of new lot %(n)s") % {"n": index}), max_length=10, required=False
            )
            self.fields[f"title_{row}"] = forms.CharField(
                label=capfirst(_("title of new lot %(n)s") % {"n": index}), max_length=200, required=False
            )
            self.initial.setdefault(f"number_{row}", f"{lot.number}{row}" if index < 3 else "")
            self.initial.setdefault(f"title_{row}", lot.title if index < 3 else "")

    def clean(self):
        cleaned = super().clean()
        for row in self.ROWS:
            number, title = cleaned.get(f"number_{row}"), cleaned.get(f"title_{row}")
            if bool(number) != bool(title):
                self.add_error(f"title_{row}" if number else f"number_{row}", _("Give a number and a title."))
        return cleaned

    def new_lots(self) -> list[dict]:
        return [
            {"number": self.cleaned_data[f"number_{row}"], "title": self.cleaned_data[f"title_{row}"]}
            for row in self.ROWS
            if self.cleaned_data.get(f"number_{row}")
        ]


class PhaseScheduleForm(forms.Form):
    planned_start = LocalDateTimeField(label=capfirst(_("planned start")))
    deadline = LocalDateTimeField(label=capfirst(_("end or deadline")))
    question_deadline = LocalDateTimeField(label=capfirst(_("deadline for questions")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        help_text = _("Local time (Europe/Amsterdam).")
        for field in self.fields.values():
            field.help_text = help_text


class DecisionMomentForm(forms.ModelForm):
    class Meta:
        model = DecisionMoment
        fields = ["kind", "title", "body", "lot", "planned_date", "decided_on", "outcome", "notes", "minutes"]
        widgets = {"planned_date": DateInput(), "decided_on": DateInput()}

    def __init__(self, *args, procurement: Procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.procurement = procurement
        self.fields["lot"].queryset = procurement.lots.all()
        self.fields["minutes"].queryset = Document.objects.filter(procurement=procurement)


class RegisterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=capfirst(_("register on behalf of")), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = None
