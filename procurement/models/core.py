from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from regions.models import Municipality, Region


def default_evaluation_years() -> list[int]:
    return [3, 6]


class CareType(models.Model):
    """A form of youth care (jeugdhulpvorm), e.g. jeugd-GGZ or dyslexiezorg."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("care type")
        verbose_name_plural = _("care types")

    def __str__(self) -> str:
        return self.name


class ProcurementQuerySet(models.QuerySet):
    def visible_to_public(self) -> "ProcurementQuerySet":
        return self.exclude(status__in=[Procurement.Status.DRAFT])


class Procurement(models.Model):
    class Procedure(models.TextChoices):
        DIALOGUE = "dialogue", _("dialogue-based procurement")
        OPEN = "open", _("open procedure")
        NEGOTIATED = "negotiated", _("negotiated procedure without prior publication")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("reference number"), max_length=50, unique=True)
    summary = models.TextField(_("public announcement"), blank=True)
    regions = models.ManyToManyField(Region, related_name="procurements", verbose_name=_("regions"))
    municipalities = models.ManyToManyField(
        Municipality, related_name="procurements", verbose_name=_("participating municipalities")
    )
    procedure = models.CharField(
        _("procedure"), max_length=12, choices=Procedure.choices, default=Procedure.DIALOGUE
    )
    estimated_value = models.DecimalField(
        _("estimated value (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    contract_term_years = models.PositiveSmallIntegerField(_("contract term (years)"), default=9)
    evaluation_years = models.JSONField(
        _("evaluation after year"), default=default_evaluation_years, blank=True
    )
    planned_contract_start = models.DateField(_("planned contract start"), null=True, blank=True)
    tenderned_reference = models.CharField(_("TenderNed reference"), max_length=50, blank=True)
    tenderned_url = models.URLField(_("TenderNed link"), blank=True)
    dialogue_cost_compensation = models.DecimalField(
        _("dialogue cost compensation (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Granted to a dialogue participant that leaves after the dialogue."),
    )
    care_types = models.ManyToManyField(
        CareType, related_name="procurements", blank=True, verbose_name=_("care types")
    )
    preselection_scored = models.BooleanField(
        _("preselection uses scored criteria"),
        default=False,
        help_text=_("Besides knock-out criteria, registrations are scored on weighted criteria."),
    )
    objection_period_days = models.PositiveSmallIntegerField(
        _("objection period (calendar days)"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("How long a registrant can object to a preselection decision, counted from publication."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    current_phase = models.CharField(_("current phase"), max_length=20, default="strategy")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProcurementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        permissions = [("manage_procurement", _("Can manage this procurement"))]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        years = self.evaluation_years or []
        if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
            raise ValidationError({"evaluation_years": _("Give the evaluation years as whole numbers.")})
        if any(y < 1 or y >= self.contract_term_years for y in years):
            raise ValidationError(
                {"evaluation_years": _("Evaluation years must lie within the contract term.")}
            )

    @property
    def phase(self):
        from procurement.phases import PHASES

        return PHASES[self.current_phase]

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT


class Lot(models.Model):
    class Kind(models.TextChoices):
        INTEGRAL = "integral", _("integral lot")
        SPECIFIC = "specific", _("specific care")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SUSPENDED = "suspended", _("suspended")
        SPLIT = "split", _("split into new lots")
        CANCELLED = "cancelled", _("cancelled")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="lots")
    number = models.CharField(_("lot number"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    care_type = models.ForeignKey(
        CareType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lots",
        verbose_name=_("care type"),
        help_text=_("For a specific-care lot: the one care type it buys."),
    )
    partnerships_allowed = models.BooleanField(_("partnerships allowed"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    split_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="split_into"
    )
    # Milestones set by the services of later steps; the phase machine's guards read them.
    preselection_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    dialogue_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    award_final_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["procurement", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="unique_lot_number"),
        ]

    def __str__(self) -> str:
        return _("Lot %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def clean(self) -> None:
        if self.kind == self.Kind.SPECIFIC and not self.care_type_id:
            raise ValidationError({"care_type": _("A specific-care lot buys exactly one care type.")})
        if self.kind == self.Kind.INTEGRAL and self.care_type_id:
            raise ValidationError({"care_type": _("An integral lot covers all care types; choose none.")})

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.SUSPENDED)

    def required_care_types(self):
        """The care types a registration for this lot must cover (integraliteitsvereiste)."""
        if self.kind == self.Kind.INTEGRAL:
            return self.procurement.care_types.all()
        return CareType.objects.filter(pk=self.care_type_id)


class Phase(models.Model):
    """One phase of a procurement with its planned and actual dates and, where it has one, its
    deadline and the question deadline (the Q&A window of the phase)."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(_("phase"), max_length=20)
    planned_start = models.DateTimeField(_("planned start"), null=True, blank=True)
    deadline = models.DateTimeField(_("end or deadline"), null=True, blank=True)
    question_deadline = models.DateTimeField(_("deadline for questions"), null=True, blank=True)
    actual_start = models.DateTimeField(_("actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("actual end"), null=True, blank=True)
    # Set once, by compare-and-swap, by the deadline task: the window is closed and stays closed.
    window_closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    questions_closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["procurement", "planned_start"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "key"], name="unique_phase_per_procurement")
        ]
        indexes = [models.Index(fields=["deadline"], name="phase_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.procurement.reference}: {self.definition.label}"

    @property
    def definition(self):
        from procurement.phases import PHASES

        return PHASES[self.key]

    def clean(self) -> None:
        if self.planned_start and self.deadline and self.deadline <= self.planned_start:
            raise ValidationError({"deadline": _("The deadline lies before the start of the phase.")})
        if self.question_deadline:
            if self.planned_start and self.question_deadline <= self.planned_start:
                raise ValidationError(
                    {"question_deadline": _("The deadline for questions lies before the start of the phase.")}
                )
            if self.deadline and self.question_deadline > self.deadline:
                raise ValidationError(
                    {"question_deadline": _("The deadline for questions lies after the end of the phase.")}
                )


class PhaseTransition(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(max_length=20)
    to_phase = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(_("reason"))
    happened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["happened_at"]

    def __str__(self) -> str:
        return f"{self.from_phase} -> {self.to_phase}"


class DecisionMoment(models.Model):
    class Kind(models.TextChoices):
        GO_NO_GO = "go_no_go", _("go/no-go")
        PRESELECTION = "preselection", _("preselection")
        AWARD = "award", _("award")
        OTHER = "other", _("other")

    class Body(models.TextChoices):
        STEERING_GROUP = "steering_group", _("steering group")
        PORTFOLIO_HOLDERS = "portfolio_holders", _("portfolio holders' meeting")
        COLLEGE = "college", _("municipal executive (college)")
        COUNCIL = "council", _("municipal council")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("not yet decided")
        GO = "go", _("go")
        NO_GO = "no_go", _("no-go")
        ADOPTED = "adopted", _("adopted")
        POSTPONED = "postponed", _("postponed")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="decisions")
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.CharField(_("deciding body"), max_length=20, choices=Body.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    notes = models.TextField(_("reasons and notes"), blank=True)
    minutes = models.ForeignKey(
        "procurement.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes"),
    )

    class Meta:
        ordering = ["procurement", "planned_date"]
        verbose_name = _("decision moment")
        verbose_name_plural = _("decision moments")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.outcome != self.Outcome.PENDING and not self.decided_on:
            raise ValidationError({"decided_on": _("A decision that has an outcome has a date.")})


class Participant(models.Model):
    """A provider organisation registered on a procurement: it receives the documents, the published
    answers and the notifications, and may ask questions. (Registering interest for a lot, alone or in
    a partnership, comes on top of this.)"""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="participations")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registered provider")
        verbose_name_plural = _("registered providers")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "organisation"], name="unique_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.procurement.reference}"
