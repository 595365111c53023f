from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .core import Procurement
from .documents import Document, DocumentVersion


class AnswerRound(models.Model):
    """A round of the Nota van Inlichtingen: its answers are published to every registered provider at
    one moment, and its PDF becomes a procurement document."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="answer_rounds")
    number = models.PositiveIntegerField(_("round"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pdf = models.ForeignKey(
        DocumentVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["procurement", "number"]
        verbose_name = _("answer round")
        verbose_name_plural = _("answer rounds")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="unique_answer_round"),
        ]

    def __str__(self) -> str:
        return _("Nota van Inlichtingen %(number)s") % {"number": self.number}


class Answer(models.Model):
    """The published, anonymised form of one or more merged questions and their answer."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="answers")
    round = models.ForeignKey(
        AnswerRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    section = models.CharField(_("section"), max_length=100, blank=True)
    question_text = models.TextField(_("question (as published)"))
    answer_text = models.TextField(_("answer"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procurement", "round__number", "number", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.question_text[:80]


class Question(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ANSWERED = "answered", _("answered")
        PUBLISHED = "published", _("published")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="questions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("document"),
    )
    section = models.CharField(_("section or page"), max_length=100, blank=True)
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    answer = models.ForeignKey(
        Answer, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )

    class Meta:
        ordering = ["procurement", "asked_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]
