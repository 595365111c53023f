"""Contracts with the awarded parties per lot: parties, the frozen agreements, budget and KPIs, the PDF
versions made by a worker, signatures, KPI and spend reports, evaluations, amendments and termination."""

import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Expression, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import (
    Cast,
    Coalesce,
    ExtractQuarter,
    ExtractYear,
    Least,
    Length,
    NullIf,
    Substr,
)
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from dialogue.models import Agreement
from procurement.models import Lot, Procurement
from regions.models import Municipality


def stored_path(instance: models.Model, filename: str) -> str:
    return f"contracts/{instance._meta.model_name}/{uuid.uuid4().hex}.pdf"


def report_path(instance: models.Model, filename: str) -> str:
    """An evaluation report under a random name that keeps its (checked) extension."""
    return f"contracts/evaluation/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Contract(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        READY = "ready", _("ready for signing")
        SIGNED_BY_PROVIDER = "signed_by_provider", _("signed by the provider")
        COUNTERSIGNED = "countersigned", _("countersigned")
        ACTIVE = "active", _("active")
        UNDER_EVALUATION = "under_evaluation", _("under evaluation")
        ENDED = "ended", _("ended")
        TERMINATED = "terminated", _("terminated early")

    # the statuses in which the contract runs: care is given, reports are due, the term can end
    RUNNING = [Status.ACTIVE, Status.UNDER_EVALUATION]

    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("lot"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("provider")
    )
    number = models.CharField(_("contract number"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    implementation_start = models.DateField(_("start of the implementation period"), null=True, blank=True)
    agreement_set_number = models.CharField(_("agreement set"), max_length=60, blank=True)
    termination_condition = models.TextField(_("condition invoked for early termination"), blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    # empty when the award step made the contract by itself (the beat finalising an award)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["lot__number", "number"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.number

    @property
    def implementation_too_short(self) -> bool:
        """Whether the implementation period is shorter than three months before the start."""
        if self.implementation_start is None:
            return True
        return self.implementation_start > _months_before(self.start, 3)


def _months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    while True:
        try:
            return day.replace(year=year, month=month)
        except ValueError:
            day -= timedelta(days=1)


class ContractParty(models.Model):
    """A party to the contract: a participating municipality, or a member organisation of the
    partnership (the lead included) with its role."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(_("role"), max_length=100)

    class Meta:
        ordering = ["contract", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True) ^ models.Q(organisation__isnull=True),
                name="contract_party_is_one",
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.organisation)


class ContractAgreement(models.Model):
    """An agreement of the lot, copied into the contract as it stood when the contract was made."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(max_length=12, choices=Agreement.Kind.choices)
    theme_order = models.PositiveSmallIntegerField()
    theme_title = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    text = models.TextField()
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["kind", "theme_order", "pk"]

    def __str__(self) -> str:
        return self.title


# A report's period is a year (2027) or a quarter (2027-Q1). A KPI agreed to be reported per quarter, or
# per month (no report has a month), is reported per quarter; any other KPI per year.
PER_QUARTER = [Agreement.Frequency.QUARTERLY, Agreement.Frequency.MONTHLY]
YEAR_LENGTH, QUARTER_LENGTH = len("2027"), len("2027-Q1")
PERIOD_YEAR = Cast(Substr("period", 1, 4), IntegerField())
PERIOD_QUARTER = Cast(NullIf(Substr("period", 7, 1), Value("")), IntegerField())  # null for a year

# The one order of report periods, for every list and every "latest report": by the day the period ends.
# A year ends on the day its fourth quarter ends; the year comes after that quarter, as the report on the
# whole year: 2027-Q1 < 2027-Q2 < 2027-Q3 < 2027-Q4 < 2027 < 2028-Q1. In SQL, so that a page can sort and
# pick the latest report in the query that reads them.
PERIOD_ORDER = PERIOD_YEAR * 10 + Coalesce(PERIOD_QUARTER, 5)


def _period_number(year: Expression, quarter: Expression, per_quarter: Q) -> Case:
    """Periods numbered so that the next period has the next number: the year, or 4 × year + quarter − 1."""
    return Case(When(per_quarter, then=year * 4 + quarter - 1), default=year)


class ContractKpiQuerySet(models.QuerySet):
    def late(self, today: date) -> "ContractKpiQuerySet":
        """The KPIs of running contracts with a late report on ``today``: a reporting period of the KPI
        (a quarter or a year) that overlaps the contract term, ended before ``today`` and has no report.
        Annotated with the numbers of its periods that are due, ``first_due`` to ``last_due``
        (``period_label`` names them), and ``late_periods``: how many of those have no report."""
        per_quarter = Q(frequency__in=PER_QUARTER)

        def holding(day: str) -> Case:
            return _period_number(ExtractYear(day), ExtractQuarter(day), per_quarter)

        current = _period_number(Value(today.year), Value((today.month - 1) // 3 + 1), per_quarter)
        reported = (
            KpiReport.objects.filter(kpi=OuterRef("pk"))
            .annotate(length=Length("period"))
            .filter(length=OuterRef("period_length"))
            .annotate(number=_period_number(PERIOD_YEAR, PERIOD_QUARTER, Q(length=QUARTER_LENGTH)))
            .filter(number__gte=OuterRef("first_due"), number__lte=OuterRef("last_due"))
            .order_by()
            .values("kpi")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.filter(contract__status__in=Contract.RUNNING)
            .annotate(
                period_length=Case(When(per_quarter, then=QUARTER_LENGTH), default=YEAR_LENGTH),
                first_due=Cast(holding("contract__start"), IntegerField()),
                last_due=Cast(Least(holding("contract__end"), current - 1), IntegerField()),
            )
            .annotate(late_periods=F("last_due") - F("first_due") + 1 - Coalesce(Subquery(reported), 0))
            .filter(late_periods__gt=0)
        )


class ContractKpi(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("KPI"), max_length=200)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=50, blank=True)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    frequency = models.CharField(
        _("reporting frequency"), max_length=10, choices=Agreement.Frequency.choices, blank=True
    )

    objects = ContractKpiQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "name"], name="unique_contract_kpi")]

    def __str__(self) -> str:
        return self.name

    @property
    def per_quarter(self) -> bool:
        return self.frequency in PER_QUARTER

    def takes_period(self, period: str) -> bool:
        """Whether ``period`` (a valid year or quarter) is a reporting period of this KPI."""
        return len(period) == (QUARTER_LENGTH if self.per_quarter else YEAR_LENGTH)

    def period_label(self, number: int) -> str:
        """The period numbered ``number`` (see ``ContractKpiQuerySet.late``): 2027 or 2027-Q1."""
        return f"{number // 4}-Q{number % 4 + 1}" if self.per_quarter else str(number)

    def misses_target(self, value: Decimal) -> bool:
        """The one rule for 'off target': below a higher-is-better target, above a lower-is-better one.
        A KPI without a target is never off target."""
        if self.target is None:
            return False
        return value > self.target if self.direction == self.Direction.LOWER else value < self.target


class BudgetYear(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="budget_years")
    year = models.PositiveSmallIntegerField(_("year"))
    maximum = models.DecimalField(_("yearly maximum (EUR)"), max_digits=14, decimal_places=2)
    spent = models.DecimalField(_("reported spend (EUR)"), max_digits=14, decimal_places=2, default=0)

    class Meta:
        ordering = ["contract", "year"]
        constraints = [models.UniqueConstraint(fields=["contract", "year"], name="unique_budget_year")]

    def __str__(self) -> str:
        return f"{self.contract} {self.year}"


class TerminationCondition(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="termination_conditions")
    title = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering = ["contract", "pk"]

    def __str__(self) -> str:
        return self.title


class ContractTemplate(models.Model):
    """The officer's text of the agreement for a procurement, with placeholders."""

    procurement = models.OneToOneField(
        Procurement, on_delete=models.CASCADE, related_name="contract_template"
    )
    text = models.TextField(_("template"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.procurement)


class ContractVersion(models.Model):
    """One rendering of the contract. Created 'pending' by the service (the request id); the worker
    fills it in. A signed version carries both signatures of the version it was made from."""

    class State(models.TextChoices):
        PENDING = "pending", _("being made")
        DONE = "done", _("made")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    signed_copy_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="signed_copies"
    )
    file = models.FileField(upload_to=stored_path, max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "-number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="unique_contract_version")]

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"


class Signature(models.Model):
    class Side(models.TextChoices):
        PROVIDER = "provider", _("provider")
        CLIENT = "client", _("contracting authority")

    version = models.ForeignKey(ContractVersion, on_delete=models.PROTECT, related_name="signatures")
    side = models.CharField(max_length=10, choices=Side.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["version", "side"], name="unique_signature_side")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_side_display()})"


class KpiReportQuerySet(models.QuerySet):
    def latest_of_each_kpi(self) -> "KpiReportQuerySet":
        """The latest report of each KPI, in the order of periods (``PERIOD_ORDER``)."""
        latest = KpiReport.objects.filter(kpi=OuterRef("kpi")).order_by(PERIOD_ORDER.desc()).values("pk")[:1]
        return self.filter(pk=Subquery(latest))


class KpiReport(models.Model):
    kpi = models.ForeignKey(ContractKpi, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(_("period"), max_length=7, help_text=_("A year (2027) or quarter (2027-Q1)."))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()

    objects = KpiReportQuerySet.as_manager()

    class Meta:
        ordering = ["kpi_id", PERIOD_ORDER.asc()]
        constraints = [models.UniqueConstraint(fields=["kpi", "period"], name="unique_kpi_period")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period}"

    @property
    def misses_target(self) -> bool:
        return self.kpi.misses_target(self.value)


class Evaluation(models.Model):
    """An evaluation moment of the term: planned, started by the officer (the contract is then under
    evaluation), its outcome recorded, and closed (the contract active again, or terminated)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("planned")
        STARTED = "started", _("in progress")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("continue")
        ADJUST = "adjust", _("continue with adjustments")
        TERMINATE = "terminate", _("terminate early")

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="evaluations")
    after_year = models.PositiveSmallIntegerField(_("after year"))
    due = models.DateField(_("due"))
    reminded_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PLANNED)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    report = models.FileField(_("evaluation report"), upload_to=report_path, max_length=300, blank=True)
    report_name = models.CharField(max_length=200, blank=True)
    report_sha256 = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["contract", "after_year"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "after_year"], name="unique_contract_evaluation")
        ]

    def __str__(self) -> str:
        return f"{self.contract} {self.after_year}"
