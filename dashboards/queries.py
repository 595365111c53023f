"""Read-only figures for the dashboards and the council report. Every function here issues a fixed
number of queries, whatever the number of providers, questions or documents: counts are aggregated in
the database, lists are sliced."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from common.timezone import local
from procurement.models import DecisionMoment, Document, Lot, Participant, Phase, Procurement, Question
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
class Overview:
    procurement: Procurement
    timeline: Timeline
    current: PhaseRow | None
    days_to_deadline: int | None
    decisions_coming: list[DecisionMoment]
    decisions_taken: list[DecisionMoment]
    lots: list[Lot]
    registered_providers: int
    questions: QuestionFigures


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


def overviews(procurements: QuerySet[Procurement], *, now: datetime) -> list[Overview]:
    """The state of each procurement at a glance: timeline, current phase, decisions, lots, figures."""
    items = list(
        procurements.order_by("reference").prefetch_related(
            "phases",
            Prefetch("lots", queryset=Lot.objects.order_by("number")),
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
                lots=list(procurement.lots.all()),
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
    return Queue(total=queryset.count(), items=list(queryset[:QUEUE_LENGTH]))


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


def work_queues(procurements: QuerySet[Procurement], *, now: datetime) -> WorkQueues:
    """What waits for an officer in the procurements they run."""
    ids = procurements.values("pk")
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
    )
