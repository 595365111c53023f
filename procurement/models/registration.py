"""Registration of interest for a lot: alone, as a combination of equal partners, or as a main contractor
with subcontractors; and the self-declaration (modelled on the UEA/ESPD) that each member fills in."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .core import CareType, Lot, Procurement

# The standard exclusion grounds (uitsluitingsgronden), after the UEA/ESPD. Keys are stored; labels shown.
EXCLUSION_GROUNDS: dict[str, str] = {
    "criminal_organisation": _("Convicted of participation in a criminal organisation"),
    "corruption": _("Convicted of corruption"),
    "fraud": _("Convicted of fraud"),
    "terrorism": _("Convicted of terrorist offences or offences linked to terrorist activities"),
    "money_laundering": _("Convicted of money laundering or terrorist financing"),
    "child_labour": _("Convicted of child labour or other forms of human trafficking"),
    "tax_arrears": _("In breach of obligations to pay taxes"),
    "social_security_arrears": _("In breach of obligations to pay social-security contributions"),
    "bankruptcy": _("Bankrupt, in insolvency or winding-up proceedings, or in an arrangement with creditors"),
    "professional_misconduct": _("Guilty of grave professional misconduct"),
}


def declaration_document_path(instance: "DeclarationDocument", filename: str) -> str:
    """Stored under a random name: the original name is kept in the database, never in the path."""
    return f"procurement/registrations/{instance.member.registration_id}/{uuid.uuid4().hex}"


def receipt_path(instance: "Registration", filename: str) -> str:
    return f"procurement/registrations/{instance.pk}/receipt-{uuid.uuid4().hex}.pdf"


class SuitabilityQuestion(models.Model):
    """A suitability question (geschiktheidseis) the officer sets for a procurement, e.g. proven
    experience in the required forms of care, a quality certificate, references."""

    procurement = models.ForeignKey(
        Procurement, on_delete=models.CASCADE, related_name="suitability_questions"
    )
    text = models.TextField(_("question"))
    requires_document = models.BooleanField(_("a document is required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["procurement", "order", "pk"]
        verbose_name = _("suitability question")
        verbose_name_plural = _("suitability questions")

    def __str__(self) -> str:
        return self.text[:80]


class Registration(models.Model):
    class Form(models.TextChoices):
        SINGLE = "single", _("single provider")
        COMBINATION = "combination", _("combination of equal partners")
        MAIN_CONTRACTOR = "main_contractor", _("main contractor with subcontractors")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="registrations")
    lead = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_registrations", verbose_name=_("lead")
    )
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, default=Form.SINGLE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    content_sha256 = models.CharField(_("SHA-256 of the registration"), max_length=64, blank=True)
    receipt = models.FileField(upload_to=receipt_path, max_length=300, blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )

    class Meta:
        ordering = ["lot", "created_at"]
        verbose_name = _("registration of interest")
        verbose_name_plural = _("registrations of interest")
        indexes = [models.Index(fields=["lot", "status"], name="registration_lot_status_idx")]

    def __str__(self) -> str:
        return _("Registration of %(lead)s for %(lot)s") % {"lead": self.lead, "lot": self.lot}

    @property
    def is_partnership(self) -> bool:
        return self.form != self.Form.SINGLE

    @property
    def member_role(self) -> str:
        """The role of the members the lead adds for this form."""
        return (
            RegistrationMember.Role.SUBCONTRACTOR
            if self.form == self.Form.MAIN_CONTRACTOR
            else RegistrationMember.Role.PARTNER
        )


class RegistrationMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTNER = "partner", _("combination partner")
        SUBCONTRACTOR = "subcontractor", _("subcontractor")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="registration_memberships"
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    care_types = models.ManyToManyField(CareType, blank=True, related_name="+", verbose_name=_("care types"))
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration", "added_at", "pk"]
        verbose_name = _("member of a registration")
        verbose_name_plural = _("members of a registration")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "organisation"], name="unique_registration_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ExclusionAnswer(models.Model):
    """A member's answer to one exclusion ground: does it apply (yes/no), with an explanation."""

    member = models.ForeignKey(RegistrationMember, on_delete=models.CASCADE, related_name="exclusion_answers")
    ground = models.CharField(max_length=40, choices=list(EXCLUSION_GROUNDS.items()))
    applies = models.BooleanField(_("applies"))
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "ground"], name="unique_exclusion_answer")]

    def __str__(self) -> str:
        return f"{self.member}: {self.ground}"


class SuitabilityAnswer(models.Model):
    member = models.ForeignKey(
        RegistrationMember, on_delete=models.CASCADE, related_name="suitability_answers"
    )
    question = models.ForeignKey(SuitabilityQuestion, on_delete=models.PROTECT, related_name="answers")
    meets = models.BooleanField(_("meets the requirement"))
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "question"], name="unique_suitability_answer")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.question}"


class DeclarationDocument(models.Model):
    """A document a member uploads for a suitability question; a new upload is a new version."""

    member = models.ForeignKey(RegistrationMember, on_delete=models.CASCADE, related_name="documents")
    question = models.ForeignKey(SuitabilityQuestion, on_delete=models.PROTECT, related_name="documents")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=declaration_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "question", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "question", "number"], name="unique_declaration_document_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} v{self.number}"
