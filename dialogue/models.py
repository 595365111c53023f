"""The dialogue phase: themes, participants, rounds and sessions, invitations and RSVPs, position papers,
minutes with comments, agreements (afspraken) with their versions, consent for reuse, and the frozen
agreement set of a lot."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from procurement.models import Lot, Procurement


def stored_path(instance: models.Model, filename: str) -> str:
    """Stored under a random name: the original name is kept in the database, never in the path."""
    return f"dialogue/{instance._meta.model_name}/{uuid.uuid4().hex}"


class StoredFile(models.Model):
    file = models.FileField(upload_to=stored_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Theme(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        ordering = ["procurement", "order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class DialogueParticipant(models.Model):
    """An organisation (the lead of a partnership) admitted to the dialogue of a lot; its members act
    for it."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="dialogue_participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dialogue_participations"
    )
    admitted_at = models.DateTimeField(_("admitted at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        ordering = ["lot", "organisation__name"]
        verbose_name = _("dialogue participant")
        verbose_name_plural = _("dialogue participants")
        constraints = [
            models.UniqueConstraint(fields=["lot", "organisation"], name="unique_dialogue_participant")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Round(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="dialogue_rounds")
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="dialogue_rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["lot", "number"]
        verbose_name = _("dialogue round")
        verbose_name_plural = _("dialogue rounds")
        constraints = [models.UniqueConstraint(fields=["lot", "number"], name="unique_round_number")]

    def __str__(self) -> str:
        return _("Round %(number)s: %(title)s") % {"number": self.number, "title": self.title}


class Session(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("plenary")
        BILATERAL = "bilateral", _("bilateral")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sessions")
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="dialogue_sessions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="sessions", verbose_name=_("themes"))
    participant = models.ForeignKey(
        DialogueParticipant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilateral_sessions",
        verbose_name=_("participant"),
    )
    papers_due_at = models.DateTimeField(_("deadline for position papers"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="plenary", participant__isnull=True)
                | models.Q(kind="bilateral", participant__isnull=False),
                name="bilateral_has_one_participant",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_bilateral(self) -> bool:
        return self.kind == self.Kind.BILATERAL

    @property
    def paper_deadline(self):
        return self.papers_due_at or self.starts_at


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    reused_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reused_in", editable=False
    )

    class Meta:
        ordering = ["session", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class AgendaDocument(StoredFile):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class GuestInvitation(models.Model):
    """A person invited to a plenary session as a guest (an expert by experience, a school partnership,
    the local access team)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="guests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="unique_guest")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.session}"


class Rsvp(models.Model):
    """The answer to an invitation: per participant organisation (or per guest), with who attends."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="rsvps")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, related_name="+")
    guest = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")
    attending = models.BooleanField(_("attending"))
    attendees = models.TextField(_("who attends"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "organisation"], name="unique_rsvp_organisation"),
            models.UniqueConstraint(fields=["session", "guest"], name="unique_rsvp_guest"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.guest} @ {self.session}"


class PositionPaper(StoredFile):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="papers")
    participant = models.ForeignKey(DialogueParticipant, on_delete=models.CASCADE, related_name="papers")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="papers", verbose_name=_("theme"))

    class Meta:
        ordering = ["session", "theme__order", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_COMMENT = "in_comment", _("open for comments")
        FIXED = "fixed", _("fixed")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    comment_deadline = models.DateTimeField(_("deadline for comments"), null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "-version"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [models.UniqueConstraint(fields=["session", "version"], name="unique_minutes_version")]

    def __str__(self) -> str:
        return f"{self.session} v{self.version}"


class MinutesEntry(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["agenda_item__order", "agenda_item__pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="unique_minutes_entry")
        ]

    def __str__(self) -> str:
        return f"{self.minutes}: {self.agenda_item}"


class MinutesComment(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("item")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    response = models.TextField(_("how the comment was processed"), blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:50]}"


class Consent(models.Model):
    """A participant's consent to use an idea from its bilateral session in plenary."""

    participant = models.ForeignKey(DialogueParticipant, on_delete=models.CASCADE, related_name="consents")
    source_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="consents")
    what = models.TextField(_("what may be reused"))
    given_by = models.CharField(_("consent given by"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.given_by}: {self.what[:50]}"


class Agreement(models.Model):
    class Kind(models.TextChoices):
        CONTENT = "content", _("content (inhoudelijk)")
        FINANCIAL = "financial", _("financial (financieel)")
        CONTRACTUAL = "contractual", _("contractual (contractueel)")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        IN_DISCUSSION = "in_discussion", _("in discussion")
        AGREED = "agreed", _("agreed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        INCLUDED = "included", _("included in the contract")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("monthly")
        QUARTERLY = "quarterly", _("quarterly")
        YEARLY = "yearly", _("yearly")

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="agreements")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("theme")
    )
    lots = models.ManyToManyField(Lot, related_name="agreements", verbose_name=_("lots"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PROPOSED)
    version = models.PositiveIntegerField(default=1)
    kpi_name = models.CharField(_("KPI name"), max_length=200, blank=True)
    kpi_definition = models.TextField(_("KPI definition"), blank=True)
    kpi_unit = models.CharField(_("KPI unit"), max_length=50, blank=True)
    kpi_target = models.DecimalField(_("KPI target"), max_digits=14, decimal_places=2, null=True, blank=True)
    kpi_frequency = models.CharField(
        _("reporting frequency"), max_length=10, choices=Frequency.choices, blank=True
    )
    budget_amount = models.DecimalField(
        _("budget (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    budget_year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme__order", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    @property
    def kpi(self) -> dict[str, str]:
        """The KPI as an agreement set and a contract keep it (empty when the agreement has none)."""
        if not self.kpi_name:
            return {}
        return {
            "name": self.kpi_name,
            "definition": self.kpi_definition,
            "unit": self.kpi_unit,
            "target": str(self.kpi_target) if self.kpi_target is not None else "",
            "frequency": self.kpi_frequency,
        }


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    status = models.CharField(max_length=15, choices=Agreement.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="unique_agreement_version")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class AgreementComment(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:50]}"


class AgreementSet(models.Model):
    """The agreed agreements of a lot, frozen when its dialogue closed; the PDF is made by a worker."""

    lot = models.OneToOneField(Lot, on_delete=models.PROTECT, related_name="agreement_set")
    number = models.CharField(_("number"), max_length=60, unique=True)
    date = models.DateField(_("date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    pdf = models.FileField(upload_to=stored_path, max_length=300, blank=True)
    pdf_made_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.number


class FrozenAgreement(models.Model):
    agreement_set = models.ForeignKey(AgreementSet, on_delete=models.CASCADE, related_name="agreements")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()
    theme_order = models.PositiveSmallIntegerField()
    theme_title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Agreement.Kind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField()
    # name, definition, unit, target and frequency: an Agreement.Frequency value, or in a set frozen by an
    # older version its name in the language the dialogue was closed in (``kpi_frequency`` reads both)
    kpi = models.JSONField(default=dict, blank=True)
    budget_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "theme_order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def kpi_frequency(self) -> str:
        """The KPI's reporting frequency as its value, also when the set keeps its name."""
        return frequency_of(self.kpi.get("frequency", ""))

    def get_kpi_frequency_display(self) -> str:
        return Agreement.Frequency(self.kpi_frequency).label if self.kpi_frequency else ""


def frequency_of(text: str) -> str:
    """The reporting frequency written as its value or as its name in one of the languages; empty when it
    is none of them."""
    text = text.strip().lower()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in Agreement.Frequency.choices:
                if text in (value, str(label).lower()):
                    return value
    return ""
