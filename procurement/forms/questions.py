from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.models import Document, Question


class QuestionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    document = forms.ModelChoiceField(label=_("About the document"), queryset=None, required=False)
    section = forms.CharField(label=_("Section or page"), max_length=100, required=False)
    text = forms.CharField(
        label=_("Your question"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def __init__(self, *args, organisations, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["document"].queryset = documents
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
            self.fields["organisation"].widget = forms.HiddenInput()


class AnswerForm(forms.Form):
    question_text = forms.CharField(
        label=_("Question as published"),
        help_text=_("Rephrase the question so that nothing shows which provider asked it."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answer_text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    duplicates = forms.ModelMultipleChoiceField(
        label=_("Also answers these questions (duplicates)"),
        queryset=Question.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.ModelChoiceField(label=_("Document"), queryset=Document.objects.none(), required=False)
    section = forms.CharField(label=_("Section or page"), max_length=100, required=False)

    def __init__(self, *args, question: Question, **kwargs):
        kwargs.setdefault(
            "initial",
            {"question_text": question.text, "document": question.document, "section": question.section},
        )
        super().__init__(*args, **kwargs)
        procurement = question.procurement
        self.fields["duplicates"].queryset = procurement.questions.filter(
            status=Question.Status.SUBMITTED
        ).exclude(pk=question.pk)
        self.fields["duplicates"].label_from_instance = lambda q: q.text[:200]
        self.fields["document"].queryset = procurement.documents.filter(
            audience=Document.Audience.PROVIDERS
        ).exclude(kind=Document.Kind.NOTA_VAN_INLICHTINGEN)
