"""Tenders: the invitation to tender per lot, the sealed submissions (content encrypted at rest, see
``procurement.vault``), the two-person opening, the assessment by the committee and the award with its
standstill period."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .core import DecisionMoment, Lot

SCORE_MAX = Decimal("10")


def tender_file_path(instance: "TenderFile", filename: str) -> str:
    """A random name: neither the organisation nor the original file name shows in the path."""
    return f"tenders/{instance.submission.lot_id}/{uuid.uuid4().hex}.bin"


def generated_pdf_path(instance: models.Model, filename: str) -> str:
    return f"tenders/pdf/{uuid.uuid4().hex}.pdf"


class InvitationToTender(models.Model):
    """The invitation to tender of one lot: its documents are the lot's procurement documents of kind
    ``invitation``; its row holds the submission deadline and is the row that submissions lock."""

    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, related_name="invitation_to_tender")
    agreement_set = models.CharField(_("agreement set"), max_length=200)
    required_documents = models.JSONField(_("required documents"), default=list)
    price_questions = models.JSONField(_("price and budget questions"), default=list)
    submission_deadline = models.DateTimeField(_("submission deadline"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"))
    # The two-person opening of the vault.
    opening_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opening_started_at = models.DateTimeField(null=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(null=True)
    opening_report = models.FileField(upload_to=generated_pdf_path, blank=True, max_length=300)
    opening_report_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("invitation to tender")
        verbose_name_plural = _("invitations to tender")

    def __str__(self) -> str:
        return str(_("Invitation to tender, %(lot)s") % {"lot": self.lot})


class TenderInvitation(models.Model):
    """An organisation invited to tender for a lot (the lot's dialogue participants)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="tender_invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="tender_invitations"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lot", "organisation"], name="unique_tender_invitation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.lot}"


class AwardCriterion(models.Model):
    invitation = models.ForeignKey(InvitationToTender, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), validators=[MaxValueValidator(100)])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["invitation", "order"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight}%)"


class TenderSubmission(models.Model):
    """One submission of a tender. A resubmission before the deadline supersedes the earlier one, which
    stays as history. The answers are stored encrypted; the files, encrypted, in ``TenderFile``."""

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="tender_submissions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="tender_submissions"
    )
    number = models.PositiveIntegerField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    answers_ciphertext = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    receipt = models.FileField(upload_to=generated_pdf_path, blank=True, max_length=300)

    class Meta:
        ordering = ["lot", "organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "organisation", "number"], name="unique_tender_number"),
            models.UniqueConstraint(
                fields=["lot", "organisation"],
                condition=Q(superseded_at__isnull=True),
                name="one_current_tender",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Tender %(number)s of %(organisation)s")
            % {"number": self.number, "organisation": self.organisation}
        )


class TenderFile(models.Model):
    submission = models.ForeignKey(TenderSubmission, on_delete=models.CASCADE, related_name="files")
    requirement = models.CharField(max_length=200)
    encrypted = models.FileField(upload_to=tender_file_path, max_length=300)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["submission", "requirement"]

    def __str__(self) -> str:
        return self.original_name


class AssessorAppointment(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="assessors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)
    scores_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["lot", "user"], name="unique_assessor_per_lot")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.lot}"


class ConflictDeclaration(models.Model):
    appointment = models.ForeignKey(
        AssessorAppointment, on_delete=models.CASCADE, related_name="declarations"
    )
    submission = models.ForeignKey(TenderSubmission, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField()
    explanation = models.TextField(blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appointment", "submission"], name="unique_conflict_declaration")
        ]

    def __str__(self) -> str:
        return f"{self.appointment} / {self.submission_id}"


class ScoreFields(models.Model):
    submission = models.ForeignKey(TenderSubmission, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(SCORE_MAX)],
    )
    motivation = models.TextField(_("motivation"))

    class Meta:
        abstract = True


class IndividualScore(ScoreFields):
    appointment = models.ForeignKey(AssessorAppointment, on_delete=models.CASCADE, related_name="scores")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "submission", "criterion"], name="unique_individual_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment} / {self.submission_id} / {self.criterion_id}"


class ConsensusScore(ScoreFields):
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "criterion"], name="unique_consensus_score")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} / {self.criterion_id}"


class AwardDecision(models.Model):
    class Status(models.TextChoices):
        PREPARED = "prepared", _("prepared")
        PUBLISHED = "published", _("published, in standstill")
        SUSPENDED = "suspended", _("suspended by an objection")
        FINAL = "final", _("definitive")

    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, related_name="award_decision")
    decision = models.OneToOneField(DecisionMoment, on_delete=models.PROTECT, related_name="award")
    winners = models.ManyToManyField(TenderSubmission, related_name="+")
    grounds = models.TextField(_("grounds"))
    advantages = models.TextField(_("characteristics and relative advantages of the winning tender"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARED)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    standstill_ends_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return str(_("Award decision, %(lot)s") % {"lot": self.lot})


class AwardLetter(models.Model):
    award = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="letters")
    submission = models.ForeignKey(TenderSubmission, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=generated_pdf_path, blank=True, max_length=300)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["award", "submission"], name="unique_award_letter")]

    def __str__(self) -> str:
        return f"{self.award} / {self.submission_id}"


class Objection(models.Model):
    class Kind(models.TextChoices):
        OBJECTION = "objection", _("objection (bezwaar)")
        INJUNCTION = "injunction", _("summary proceedings (kort geding)")

    award = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="objections")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organisation}"


class CostCompensation(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="cost_compensations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lot", "organisation"], name="unique_cost_compensation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.lot}"
