from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.models import MAX_SCORE, Criterion, Review
from procurement.services.preselection import Verdict

MEETS = [("yes", _("Meets the criterion")), ("no", _("Does not meet the criterion"))]


class PreselectionSettingsForm(forms.Form):
    scored = forms.BooleanField(
        label=_("The preselection also uses scored criteria with weights"), required=False
    )
    objection_days = forms.IntegerField(
        label=_("Objection period (calendar days after publication)"), min_value=1, max_value=365
    )


class CriterionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of criterion"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Criterion"), max_length=200)
    description = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    weight = forms.DecimalField(
        label=_("Weight (%)"),
        required=False,
        localize=True,
        max_digits=5,
        decimal_places=2,
        min_value=0.01,
        max_value=100,
        help_text=_("Only for a scored criterion; the weights of a lot's scored criteria add up to 100."),
    )

    def __init__(self, *args, scored: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = (
            Criterion.Kind.choices if scored else [c for c in Criterion.Kind.choices if c[0] == "knockout"]
        )
        self.fields["kind"].choices = choices
        self.fields["kind"].initial = Criterion.Kind.KNOCKOUT
        if not scored:
            del self.fields["weight"]


class ProposalForm(forms.Form):
    """A verdict and a reason per criterion, the proposed outcome and its overall motivation."""

    outcome = forms.ChoiceField(
        label=_("Proposed outcome"), choices=Review.Outcome.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(label=_("Overall motivation"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, criteria: list[Criterion], review: Review | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        previous = {a.criterion_id: a for a in review.assessments.all()} if review else {}
        fields = {}
        for number, criterion in enumerate(criteria, start=1):
            old = previous.get(criterion.pk)
            if criterion.kind == Criterion.Kind.KNOCKOUT:
                fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                    label=_("Criterion %(number)d: %(title)s") % {"number": number, "title": criterion.title},
                    choices=MEETS,
                    widget=forms.RadioSelect,
                    initial={True: "yes", False: "no"}.get(old.passed) if old else None,
                )
            else:
                fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                    label=_("Criterion %(number)d: %(title)s (score 0-%(max)d)")
                    % {"number": number, "title": criterion.title, "max": MAX_SCORE},
                    min_value=0,
                    max_value=MAX_SCORE,
                    initial=old.score if old else None,
                )
            fields[f"reason_{criterion.pk}"] = forms.CharField(
                label=_("Reason for criterion %(number)d") % {"number": number},
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=old.reason if old else None,
            )
        self.fields = {**fields, **self.fields}
        if review:
            self.fields["outcome"].initial = review.outcome
            self.fields["motivation"].initial = review.motivation

    def verdicts(self) -> dict[int, Verdict]:
        data = self.cleaned_data
        verdicts = {}
        for criterion in self.criteria:
            value = data.get(f"criterion_{criterion.pk}")
            verdicts[criterion.pk] = Verdict(
                passed={"yes": True, "no": False}.get(value) if criterion.kind == "knockout" else None,
                score=value if criterion.kind == "scored" else None,
                reason=data.get(f"reason_{criterion.pk}", ""),
            )
        return verdicts


class SendBackForm(forms.Form):
    remark = forms.CharField(
        label=_("Why do you send the proposal back?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that all decisions of this lot are to be published to all registrants now"),
    )
