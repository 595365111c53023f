from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from procurement.models import Lot

from .models import AgendaItem, Agreement, DialogueParticipant, Session, Theme


class LocalDateTimeInput(forms.DateTimeInput):
    """A datetime-local field; the value is read in the current time zone (Europe/Amsterdam)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def local_datetime(label, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "description", "owner"]

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            groups__name=Role.PROCUREMENT_OFFICER, region__in=procurement.regions.all()
        ).distinct()


class RoundForm(forms.Form):
    lot = forms.ModelChoiceField(label=_("Lot"), queryset=Lot.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lot"].queryset = procurement.lots.filter(dialogue_closed_at__isnull=True)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = local_datetime(_("Starts at"))
    ends_at = local_datetime(_("Ends at"))
    papers_due_at = local_datetime(_("Deadline for position papers"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    participant = forms.ModelChoiceField(
        label=_("Participant (bilateral session)"),
        queryset=DialogueParticipant.objects.none(),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes on the agenda"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, dialogue_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = dialogue_round.lot.dialogue_participants.filter(
            left_at__isnull=True
        ).select_related("organisation")
        self.fields["themes"].queryset = Theme.objects.filter(
            procurement=dialogue_round.procurement_id, retired_at__isnull=True
        )


class GuestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the guest"))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(
            procurement=session.lot.procurement_id, retired_at__isnull=True
        )


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))


class RsvpForm(forms.Form):
    attending = forms.TypedChoiceField(
        label=_("Do you attend?"),
        choices=[("yes", _("Yes, we attend")), ("no", _("No, we do not attend"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    attendees = forms.CharField(
        label=_("Who attends (names)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PaperForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    file = forms.FileField(label=_("Position paper (PDF, DOCX or ODT)"))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        themes = session.themes.filter(retired_at__isnull=True)
        if not themes.exists():
            themes = Theme.objects.filter(procurement=session.lot.procurement_id, retired_at__isnull=True)
        self.fields["theme"].queryset = themes


class MinutesForm(forms.Form):
    def __init__(self, *args, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        for entry in minutes.entries.select_related("agenda_item"):
            self.fields[f"item_{entry.agenda_item_id}"] = forms.CharField(
                label=entry.agenda_item.title,
                required=False,
                initial=entry.text,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict[int, str]:
        return {int(name.removeprefix("item_")): value for name, value in self.cleaned_data.items()}


class SendMinutesForm(forms.Form):
    comment_deadline = local_datetime(_("Deadline for comments"))


class MinutesCommentForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("About item"), queryset=AgendaItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = session.agenda_items.all()


class ConsentForm(forms.Form):
    what = forms.CharField(label=_("What may be reused"), widget=forms.Textarea(attrs={"rows": 2}))
    given_by = forms.CharField(label=_("Consent given by (name, organisation)"), max_length=200)


class ReuseForm(forms.Form):
    plenary = forms.ModelChoiceField(label=_("Plenary session"), queryset=Session.objects.none())
    title = forms.CharField(label=_("Agenda item in the plenary"), max_length=200)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plenary"].queryset = Session.objects.filter(
            lot=session.lot_id, kind=Session.Kind.PLENARY
        )


class AgreementForm(forms.ModelForm):
    lots = forms.ModelMultipleChoiceField(
        label=_("Lots"), queryset=Lot.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    class Meta:
        model = Agreement
        fields = [
            "theme",
            "kind",
            "title",
            "text",
            "kpi_name",
            "kpi_definition",
            "kpi_unit",
            "kpi_target",
            "kpi_frequency",
            "budget_amount",
            "budget_year",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "kpi_definition": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, procurement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(procurement=procurement, retired_at__isnull=True)
        self.fields["lots"].queryset = procurement.lots.filter(dialogue_closed_at__isnull=True)
        if self.instance.pk:
            del self.fields["lots"]
            del self.fields["theme"]
        else:
            del self.fields["note"]

    def _post_clean(self):
        """Validation of the model happens in the service (it reports in the same words)."""


class AgreementStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Agreement.Status(s).label) for s in choices]


class AgreementCommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class NoFieldsForm(forms.Form):
    """A POST without fields (a button); refusals of the service show as its errors."""
