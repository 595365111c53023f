"""Preselection: the criteria per lot, and the four-eyes review of each submitted registration against
them, ending in a decision (admitted / not admitted) that is published to all registrants of the lot at
the same moment, with a decision letter."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import Lot
from .registration import Registration

MAX_SCORE = 10


def decision_letter_path(instance: "Review", filename: str) -> str:
    return f"procurement/registrations/{instance.registration_id}/decision-{uuid.uuid4().hex}.pdf"


class Criterion(models.Model):
    """A preselection criterion of a lot: a knock-out (pass/fail) or, where the procurement uses it, a
    scored criterion (0 to 10) with a weight; the weights of a lot's scored criteria sum to 100."""

    class Kind(models.TextChoices):
        KNOCKOUT = "knockout", _("knock-out (pass/fail)")
        SCORED = "scored", _("scored")

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.KNOCKOUT)
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("explanation"), blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["lot", "order", "pk"]
        verbose_name = _("preselection criterion")
        verbose_name_plural = _("preselection criteria")

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """The four-eyes review of one registration: one officer proposes, a different officer confirms or
    sends it back. Published (``published_at``) together with all decisions of the lot."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed, awaiting confirmation")
        SENT_BACK = "sent_back", _("sent back for revision")
        CONFIRMED = "confirmed", _("confirmed")

    class Outcome(models.TextChoices):
        ADMITTED = "admitted", _("admitted")
        NOT_ADMITTED = "not_admitted", _("not admitted")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    motivation = models.TextField(_("overall motivation"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    remark = models.TextField(_("remark when sent back"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    objection_until = models.DateField(null=True, blank=True)
    letter = models.FileField(upload_to=decision_letter_path, max_length=300, blank=True)

    class Meta:
        verbose_name = _("preselection review")
        verbose_name_plural = _("preselection reviews")
        indexes = [models.Index(fields=["status"], name="review_status_idx")]

    def __str__(self) -> str:
        return _("Review of %(registration)s") % {"registration": self.registration}

    @property
    def total_score(self) -> Decimal | None:
        """The weighted score (0-100) over the scored criteria, or None when there are none."""
        scored = [a for a in self.assessments.all() if a.criterion.kind == Criterion.Kind.SCORED]
        if not scored:
            return None
        return sum((a.criterion.weight * a.score / MAX_SCORE for a in scored), Decimal("0")).quantize(
            Decimal("0.01")
        )


class Assessment(models.Model):
    """The proposed verdict on one criterion, with its reason (the motivation in the letter)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="assessments")
    passed = models.BooleanField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(MAX_SCORE)])
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="unique_assessment_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.criterion}"
