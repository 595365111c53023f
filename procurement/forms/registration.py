from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import kvk_validator
from procurement.models import EXCLUSION_GROUNDS, CareType, Registration, RegistrationMember
from procurement.services.registration import Declaration

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def _answer(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _choice(answer: bool | None) -> str:
    return {True: "yes", False: "no"}.get(answer, "")


class StartRegistrationForm(forms.Form):
    lead = forms.ModelChoiceField(queryset=None, label=_("Lead organisation"), empty_label=None)
    form = forms.ChoiceField(label=_("How do you register?"), widget=forms.RadioSelect)

    def __init__(self, *args, organisations, lot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations
        choices = Registration.Form.choices
        if not lot.partnerships_allowed:
            choices = [c for c in choices if c[0] == Registration.Form.SINGLE]
        self.fields["form"].choices = choices
        self.fields["form"].initial = Registration.Form.SINGLE


class ChangeFormForm(forms.Form):
    form = forms.ChoiceField(
        label=_("How do you register?"), choices=Registration.Form.choices, widget=forms.RadioSelect
    )


class MemberForm(forms.Form):
    """A member that is on the portal, found by its KvK number."""

    kvk_number = forms.CharField(
        label=_("KvK number of the member"),
        max_length=8,
        validators=[kvk_validator],
        help_text=_("Not on the portal yet? Invite the organisation below."),
    )


class InviteMemberForm(forms.Form):
    """A member that is not on the portal yet: the organisation and the contact person to invite."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number of the organisation"), max_length=8, validators=[kvk_validator]
    )
    contact_email = forms.EmailField(
        label=_("E-mail address of its contact person"),
        help_text=_("The contact person receives an invitation to act for the organisation on the portal."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="invite", **kwargs)


class ReinviteMemberForm(forms.Form):
    """A new invitation for a member organisation in the registration that nobody acts for yet."""

    contact_email = forms.EmailField()

    def __init__(self, *args, member: RegistrationMember, **kwargs):
        super().__init__(*args, prefix=f"reinvite-{member.pk}", **kwargs)
        self.member = member
        self.fields["contact_email"].label = _("E-mail address of the contact person of %(organisation)s") % {
            "organisation": member.organisation.name
        }


class CareTypesForm(forms.Form):
    care_types = forms.ModelMultipleChoiceField(
        queryset=CareType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Care types delivered"),
    )

    def __init__(self, *args, offered: list[CareType], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["care_types"]
        field.queryset = CareType.objects.filter(pk__in=[c.pk for c in offered])
        # the choices come from the list read once for the page, not from a query per member's form
        field.choices = [(c.pk, field.label_from_instance(c)) for c in offered]


class DeclarationForm(forms.Form):
    """One member's self-declaration: the exclusion grounds and the procurement's suitability questions,
    each a yes/no with an explanation, and a document where the question asks for one."""

    def __init__(self, *args, member, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        exclusions = {a.ground: a for a in member.exclusion_answers.all()}
        answers = {a.question_id: a for a in member.suitability_answers.all()}
        for ground, label in EXCLUSION_GROUNDS.items():
            answer = exclusions.get(ground)
            self._pair(f"ground_{ground}", label, answer.applies if answer else None, answer)
        for number, question in enumerate(questions, start=1):
            answer = answers.get(question.pk)
            label = _("Question %(number)d: %(text)s") % {"number": number, "text": question.text}
            self._pair(f"question_{question.pk}", label, answer.meets if answer else None, answer)
            if question.requires_document:
                self.fields[f"document_{question.pk}"] = forms.FileField(
                    label=_("Document for question %(number)d") % {"number": number},
                    required=False,
                    help_text=_("PDF, Word, ODT, Excel or an image; a new upload is a new version."),
                )

    def _pair(self, name: str, label, value: bool | None, answer) -> None:
        self.fields[name] = forms.ChoiceField(
            label=label, choices=YES_NO, widget=forms.RadioSelect, required=False, initial=_choice(value)
        )
        self.fields[f"{name}_explanation"] = forms.CharField(
            label=_("Explanation"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            initial=answer.explanation if answer else "",
        )

    def exclusion_items(self):
        """(answer, explanation) per exclusion ground, for the template."""
        return [(self[f"ground_{g}"], self[f"ground_{g}_explanation"]) for g in EXCLUSION_GROUNDS]

    def question_items(self):
        """(answer, explanation, document or None) per suitability question, for the template."""
        return [
            (
                self[f"question_{q.pk}"],
                self[f"question_{q.pk}_explanation"],
                self[f"document_{q.pk}"] if q.requires_document else None,
            )
            for q in self.questions
        ]

    def clean(self):
        data = super().clean()
        for ground in EXCLUSION_GROUNDS:
            if (
                data.get(f"ground_{ground}") == "yes"
                and not data.get(f"ground_{ground}_explanation", "").strip()
            ):
                self.add_error(
                    f"ground_{ground}_explanation",
                    _("Explain why this ground applies and what you did about it."),
                )
        return data

    def to_declaration(self) -> Declaration:
        data = self.cleaned_data
        return Declaration(
            exclusions={
                g: (_answer(data[f"ground_{g}"]), data[f"ground_{g}_explanation"]) for g in EXCLUSION_GROUNDS
            },
            suitability={
                q.pk: (_answer(data[f"question_{q.pk}"]), data[f"question_{q.pk}_explanation"])
                for q in self.questions
            },
            uploads={q.pk: data[f"document_{q.pk}"] for q in self.questions if data.get(f"document_{q.pk}")},
        )


class SubmitForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that the registration is complete and correct, and submit it."), required=True
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("I withdraw this registration."), required=True)


class SuitabilityQuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    requires_document = forms.BooleanField(label=_("A document is required"), required=False)


class OverviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all"))] + list(Registration.Status.choices)
    )
    completeness = forms.ChoiceField(
        label=_("Completeness"),
        required=False,
        choices=[("", _("all")), ("complete", _("complete")), ("incomplete", _("incomplete"))],
    )
