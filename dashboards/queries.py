"""Read-only figures for the dashboards and the council report. Every function here issues a fixed
number of queries, whatever the number of providers, questions or documents: counts are aggregated in
the database, lists are sliced."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum, Window

from common.timezone import local
from contracts.models import BudgetYear, Contract, ContractKpi, KpiReport
from dialogue.models import Agreement, DialogueParticipant, Minutes
from procurement.models import (
    DecisionMoment,
    Document,
    Lot,
    Participant,
    Phase,
    Procurement,
    Question,
    Registration,
    Review,
    TenderSubmission,
)
from procurement.phases import PHASES, sequence

QUEUE_LENGTH = 20
DEADLINE_WINDOW = timedelta(days=30)

# Geometry of the phase timeline (SVG user units; the drawing scales to its container).
LABEL_WIDTH = 300
CHART_WIDTH = 560
ROW_HEIGHT = 38
TOP = 36


@dataclass
class PhaseRow:
    key: str
    label: str
    planned_start: datetime | None
    deadline: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    state: str  # "done", "current" or "coming"
    y: float = 0
    planned_x: float | None = None
    planned_width: float | None = None
    actual_x: float | None = None
    actual_width: float | None = None


@dataclass
class Timeline:
    rows: list[PhaseRow]
    height: float
    width: float = LABEL_WIDTH + CHART_WIDTH + 40
    label_width: float = LABEL_WIDTH
    today_x: float | None = None
    start: date | None = None
    end: date | None = None
    ticks: list[tuple[float, str]] = field(default_factory=list)


@dataclass
class QuestionFigures:
    asked: int = 0
    answered: int = 0
    published: int = 0


@dataclass
class AgreementRow:
    """How many agreements of one kind under one theme of a lot stand at each status."""

    theme: str
    kind: str
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> list[int]:
        return [self.by_status.get(status, 0) for status in Agreement.Status.values]


@dataclass
class LotFigures:
    """The figures of one lot. ``tenders`` stays None while the vault is sealed: before the two-person
    opening not even the number of tenders is known to anyone."""

    lot: Lot
    registrations: int = 0
    admitted: int = 0
    participants: int = 0
    agreements: list[AgreementRow] = field(default_factory=list)
    tenders: int | None = None
    contracts: int = 0
    kpis_on_target: int = 0
    kpis_off_target: int = 0
    budget_maximum: Decimal = Decimal("0")
    budget_spent: Decimal = Decimal("0")

    @property
    def invitation(self):
        return getattr(self.lot, "invitation_to_tender", None)

    @property
    def award(self):
        """The award decision once published: a prepared decision is internal until then."""
        award = getattr(self.lot, "award_decision", None)
        return award if award is not None and award.published_at is not None else None

    @property
    def budget_used_percent(self) -> int | None:
        if not self.budget_maximum:
            return None
        return round(100 * self.budget_spent / self.budget_maximum)


AGREEMENT_STATUSES = Agreement.Status.choices


@dataclass
class Overview:
    procurement: Procurement
    timeline: Timeline
    current: PhaseRow | None
    days_to_deadline: int | None
    decisions_coming: list[DecisionMoment]
    decisions_taken: list[DecisionMoment]
    lots: list[LotFigures]
    registered_providers: int
    questions: QuestionFigures
    agreement_statuses: list[tuple[str, str]] = field(default_factory=lambda: AGREEMENT_STATUSES)


def _scale(moment: datetime, start: datetime, span: float) -> float:
    return round(LABEL_WIDTH + CHART_WIDTH * (moment - start).total_seconds() / span, 1)


def _month_ticks(start: datetime, end: datetime, span: float) -> list[tuple[float, str]]:
    """Gridlines on the first of a month, at most about eight."""
    first = local(start).date().replace(day=1)
    months = []
    while True:
        first = (first + timedelta(days=32)).replace(day=1)
        moment = datetime.combine(first, datetime.min.time(), tzinfo=local(start).tzinfo)
        if moment >= end:
            break
        months.append(moment)
    step = max(1, len(months) // 8 + (1 if len(months) % 8 else 0))
    return [(_scale(m, start, span), f"{m:%m-%Y}") for m in months[::step]]


def build_timeline(rows: list[PhaseRow], now: datetime) -> Timeline:
    """Place planned and actual bars of the phases on one time axis, with today marked."""
    height = TOP + ROW_HEIGHT * len(rows) + 24
    for index, row in enumerate(rows):
        row.y = TOP + ROW_HEIGHT * index
    moments = [
        m for r in rows for m in (r.planned_start, r.deadline, r.actual_start, r.actual_end) if m is not None
    ]
    if not moments:
        return Timeline(rows=rows, height=height)
    start, end = min([*moments, now]), max([*moments, now])
    span = max((end - start).total_seconds(), 1.0)
    for row in rows:
        if row.planned_start and row.deadline:
            row.planned_x = _scale(row.planned_start, start, span)
            row.planned_width = round(max(_scale(row.deadline, start, span) - row.planned_x, 2), 1)
        if row.actual_start:
            row.actual_x = _scale(row.actual_start, start, span)
            row.actual_width = round(max(_scale(row.actual_end or now, start, span) - row.actual_x, 2), 1)
    return Timeline(
        rows=rows,
        height=height,
        today_x=_scale(now, start, span),
        start=local(start).date(),
        end=local(end).date(),
        ticks=_month_ticks(start, end, span),
    )


def _phase_rows(procurement: Procurement) -> list[PhaseRow]:
    by_key = {phase.key: phase for phase in procurement.phases.all()}
    keys = sequence(procurement)
    current_index = keys.index(procurement.current_phase) if procurement.current_phase in keys else -1
    rows = []
    for index, key in enumerate(keys):
        phase = by_key.get(key)
        state = "done" if index < current_index else "current" if index == current_index else "coming"
        rows.append(
            PhaseRow(
                key=key,
                label=str(PHASES[key].label),
                planned_start=phase.planned_start if phase else None,
                deadline=phase.deadline if phase else None,
                actual_start=phase.actual_start if phase else None,
                actual_end=phase.actual_end if phase else None,
                state=state,
            )
        )
    return rows


def days_until(moment: datetime | None, now: datetime) -> int | None:
    """Calendar days from today to ``moment``, counted in Europe/Amsterdam (negative: passed)."""
    if moment is None:
        return None
    return (local(moment).date() - local(now).date()).days


def _per_lot(queryset: QuerySet, lot_field: str = "lot_id") -> dict[int, dict]:
    return {row[lot_field]: row for row in queryset.order_by()}


def _add_agreements(figures: dict[int, LotFigures], ids: list[int]) -> None:
    rows = (
        Agreement.objects.filter(lots__procurement_id__in=ids)
        .values("lots", "theme__order", "theme__title", "kind", "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by("lots", "theme__order", "kind")
    )
    kinds = dict(Agreement.Kind.choices)
    for row in rows:
        lot = figures[row["lots"]]
        if not lot.agreements or (lot.agreements[-1].theme, lot.agreements[-1].kind) != (
            row["theme__title"],
            kinds[row["kind"]],
        ):
            lot.agreements.append(AgreementRow(theme=row["theme__title"], kind=kinds[row["kind"]]))
        lot.agreements[-1].by_status[row["status"]] = row["n"]


def _add_kpis(figures: dict[int, LotFigures], ids: list[int]) -> None:
    """Each KPI judged on its latest report, by the KPI report's own rule (one query, one row per KPI)."""
    reports = (
        KpiReport.objects.filter(kpi__contract__procurement_id__in=ids)
        .latest_of_each_kpi()
        .select_related("kpi__contract")
        .order_by()
    )
    for report in reports:
        lot = figures[report.kpi.contract.lot_id]
        if report.misses_target:
            lot.kpis_off_target += 1
        else:
            lot.kpis_on_target += 1


def lot_figures(lots: list[Lot], ids: list[int], *, now: datetime) -> dict[int, LotFigures]:
    """The figures of every lot of the procurements ``ids``, aggregated in the database: registrations
    submitted, admitted by a published decision, dialogue participants, agreements per theme, kind and
    status, tenders received (once the vault is opened), contracts, KPIs on and off target, budget
    used up to this year."""
    figures = {lot.pk: LotFigures(lot=lot) for lot in lots}
    registrations = Registration.objects.filter(
        lot__procurement_id__in=ids, status=Registration.Status.SUBMITTED
    ).values("lot_id")
    admitted = Q(
        review__status=Review.Status.CONFIRMED,
        review__outcome=Review.Outcome.ADMITTED,
        review__published_at__isnull=False,
    )
    for lot_id, row in _per_lot(
        registrations.annotate(n=Count("pk"), admitted=Count("pk", filter=admitted))
    ).items():
        figures[lot_id].registrations, figures[lot_id].admitted = row["n"], row["admitted"]
    participants = DialogueParticipant.objects.filter(lot__procurement_id__in=ids, left_at__isnull=True)
    for lot_id, row in _per_lot(participants.values("lot_id").annotate(n=Count("pk"))).items():
        figures[lot_id].participants = row["n"]
    tenders = TenderSubmission.objects.filter(
        lot__procurement_id__in=ids,
        superseded_at__isnull=True,
        lot__invitation_to_tender__opened_at__isnull=False,
    )
    for lot_id, row in _per_lot(tenders.values("lot_id").annotate(n=Count("pk"))).items():
        figures[lot_id].tenders = row["n"]
    for lot in figures.values():
        if lot.tenders is None and lot.invitation is not None and lot.invitation.opened_at is not None:
            lot.tenders = 0
    contracts = Contract.objects.filter(procurement_id__in=ids).values("lot_id").annotate(n=Count("pk"))
    for lot_id, row in _per_lot(contracts).items():
        figures[lot_id].contracts = row["n"]
    budget = (
        BudgetYear.objects.filter(contract__procurement_id__in=ids, year__lte=local(now).year)
        .values("contract__lot_id")
        .annotate(maximum=Sum("maximum"), spent=Sum("spent"))
    )
    for lot_id, row in _per_lot(budget, "contract__lot_id").items():
        figures[lot_id].budget_maximum, figures[lot_id].budget_spent = row["maximum"], row["spent"]
    _add_agreements(figures, ids)
    _add_kpis(figures, ids)
    return figures


def overviews(procurements: QuerySet[Procurement], *, now: datetime) -> list[Overview]:
    """The state of each procurement at a glance: timeline, current phase, decisions, lots, figures."""
    items = list(
        procurements.order_by("reference").prefetch_related(
            "phases",
            Prefetch(
                "lots",
                queryset=Lot.objects.select_related("invitation_to_tender", "award_decision").order_by(
                    "number"
                ),
            ),
            Prefetch(
                "decisions",
                queryset=DecisionMoment.objects.select_related("lot").order_by("planned_date", "pk"),
            ),
        )
    )
    ids = [p.pk for p in items]
    providers = dict(
        Participant.objects.filter(procurement_id__in=ids)
        .values_list("procurement_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    questions: dict[int, QuestionFigures] = defaultdict(QuestionFigures)
    counts = (
        Question.objects.filter(procurement_id__in=ids)
        .values("procurement_id")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=~Q(status=Question.Status.SUBMITTED)),
            published=Count("pk", filter=Q(status=Question.Status.PUBLISHED)),
        )
        .order_by()
    )
    for row in counts:
        questions[row["procurement_id"]] = QuestionFigures(row["asked"], row["answered"], row["published"])
    figures = lot_figures([lot for p in items for lot in p.lots.all()], ids, now=now)
    result = []
    for procurement in items:
        rows = _phase_rows(procurement)
        current = next((r for r in rows if r.state == "current"), None)
        decisions = list(procurement.decisions.all())
        result.append(
            Overview(
                procurement=procurement,
                timeline=build_timeline(rows, now),
                current=current,
                days_to_deadline=days_until(current.deadline, now) if current else None,
                decisions_coming=[d for d in decisions if d.outcome == DecisionMoment.Outcome.PENDING],
                decisions_taken=[d for d in decisions if d.outcome != DecisionMoment.Outcome.PENDING],
                lots=[figures[lot.pk] for lot in procurement.lots.all()],
                registered_providers=providers.get(procurement.pk, 0),
                questions=questions[procurement.pk],
            )
        )
    return result


@dataclass
class Queue:
    total: int
    items: list


def _queue(queryset: QuerySet) -> Queue:
    """The first ``QUEUE_LENGTH`` items and how many there are, in one query (a window count)."""
    items = list(queryset.annotate(queue_total=Window(Count("pk")))[:QUEUE_LENGTH])
    return Queue(total=items[0].queue_total if items else 0, items=items)


@dataclass
class DeadlineItem:
    moment: datetime
    kind: str  # "deadline" or "questions"
    phase: Phase
    days: int


@dataclass
class WorkQueues:
    questions: Queue
    documents: Queue
    deadlines: list[DeadlineItem]
    decisions: Queue
    first_reviews: Queue
    confirmations: Queue
    minutes: Queue
    countersign: Queue
    late_kpis: Queue


def late_kpis(procurement_ids: list[int], *, now: datetime) -> QuerySet[ContractKpi]:
    """The KPIs with a late report (``ContractKpi.objects.late``, the rule of the contract page too),
    each with the number of its late periods."""
    return (
        ContractKpi.objects.filter(contract__procurement_id__in=procurement_ids)
        .late(local(now).date())
        .select_related("contract__procurement", "contract__organisation")
        .order_by("contract__number", "pk")
    )


AFTER_REGISTRATION = list(PHASES)[list(PHASES).index("registration") + 1 :]


def _review_queues(ids: list[int]) -> tuple[Queue, Queue]:
    """Registrations awaiting a first review (none yet, or sent back) and proposals awaiting the
    confirmation of a second officer (four eyes): those that can be reviewed, once the registration
    phase is over and before the lot's decisions are published."""
    submitted = Registration.objects.filter(
        lot__procurement_id__in=ids,
        lot__procurement__current_phase__in=AFTER_REGISTRATION,
        lot__preselection_published_at__isnull=True,
        status=Registration.Status.SUBMITTED,
    ).select_related("lot__procurement", "lead")
    first = submitted.filter(Q(review__isnull=True) | Q(review__status=Review.Status.SENT_BACK))
    confirm = submitted.filter(review__status=Review.Status.PROPOSED).select_related("review__proposed_by")
    order = ("submitted_at", "pk")
    return _queue(first.order_by(*order)), _queue(confirm.order_by(*order))


def work_queues(procurements: QuerySet[Procurement], *, now: datetime) -> WorkQueues:
    """What waits for an officer in the procurements they run."""
    ids = list(procurements.values_list("pk", flat=True))  # once: each queue then filters on plain ids
    first_reviews, confirmations = _review_queues(ids)
    minutes = (
        Minutes.objects.filter(session__lot__procurement_id__in=ids, status=Minutes.Status.IN_COMMENT)
        .annotate(open_comments=Count("comments", filter=Q(comments__processed_at__isnull=True)))
        .select_related("session__lot__procurement")
        .order_by("comment_deadline", "pk")
    )
    countersign = (
        Contract.objects.filter(procurement_id__in=ids, status=Contract.Status.SIGNED_BY_PROVIDER)
        .select_related("procurement", "organisation", "lot")
        .order_by("number")
    )
    questions = (
        Question.objects.filter(procurement_id__in=ids, status=Question.Status.SUBMITTED)
        .select_related("procurement", "organisation")
        .order_by("asked_at", "pk")
    )
    documents = (
        Document.objects.filter(procurement_id__in=ids)
        .annotate(unpublished=Count("versions", filter=Q(versions__published_at__isnull=True)))
        .filter(unpublished__gt=0)
        .select_related("procurement")
        .order_by("procurement__reference", "title", "pk")
    )
    decisions = (
        DecisionMoment.objects.filter(procurement_id__in=ids, outcome=DecisionMoment.Outcome.PENDING)
        .select_related("procurement", "lot")
        .order_by("planned_date", "pk")
    )
    until = now + DEADLINE_WINDOW
    phases = Phase.objects.filter(
        Q(deadline__gte=now, deadline__lt=until) | Q(question_deadline__gte=now, question_deadline__lt=until),
        procurement_id__in=ids,
    ).select_related("procurement")
    deadlines = [
        DeadlineItem(moment=moment, kind=kind, phase=phase, days=days_until(moment, now) or 0)
        for phase in phases
        for kind, moment in (("deadline", phase.deadline), ("questions", phase.question_deadline))
        if moment is not None and now <= moment < until
    ]
    deadlines.sort(key=lambda item: item.moment)
    return WorkQueues(
        questions=_queue(questions),
        documents=_queue(documents),
        deadlines=deadlines,
        decisions=_queue(decisions),
        first_reviews=first_reviews,
        confirmations=confirmations,
        minutes=_queue(minutes),
        countersign=_queue(countersign),
        late_kpis=_queue(late_kpis(ids, now=now)),
    )
