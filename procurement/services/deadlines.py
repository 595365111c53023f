"""Deadlines: at a deadline its window closes by itself, and reminders go out 7 days and 1 day before.

The beat task calls ``run_deadlines`` every minute. Everything here is idempotent: a window closes by
compare-and-swap on its ``*_closed_at`` field (set once, never cleared), and each reminder or message is
a Notification with a key that is unique per user. Two beat runs, a worker restart or a clock that jumps
back and forth therefore never close twice or send twice. Deadlines are Europe/Amsterdam: a reminder
"7 days before" goes out at the same local time 7 calendar days earlier, across a DST change."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification, User
from accounts.roles import Role
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import each_in_own_transaction, record
from common.timezone import local, server_now
from procurement.models import Phase, Procurement
from procurement.phases import PHASES

# Most urgent first: of the reminders whose moment has come, only the most urgent is sent.
REMINDERS: tuple[tuple[str, int], ...] = (("1d", 1), ("7d", 7))
REMINDER_LABELS = [label for label, _days in REMINDERS]
# 7 calendar days in Europe/Amsterdam last at most 7 days and 1 hour (across the autumn DST change).
REMINDER_HORIZON = timedelta(days=7, hours=1)
# At most this many phases per kind of work per run; the rest follow in the next minute.
BATCH = 200
OFFICERS = "officers"
SKIPPED_STATUSES = [Procurement.Status.DRAFT, Procurement.Status.CANCELLED]


@dataclass(frozen=True)
class Window:
    """A deadline of a phase and what closes at it."""

    kind: str
    moment_field: str
    closed_field: str
    audit_action: str
    reminder_action: str

    def moment(self, phase: Phase) -> datetime | None:
        return getattr(phase, self.moment_field)

    def is_closed(self, phase: Phase) -> bool:
        return getattr(phase, self.closed_field) is not None


PHASE_DEADLINE = Window(
    "deadline", "deadline", "window_closed_at", Action.PHASE_WINDOW_CLOSE, Action.PHASE_DEADLINE_REMINDER
)
QUESTION_DEADLINE = Window(
    "questions",
    "question_deadline",
    "questions_closed_at",
    Action.PHASE_QUESTIONS_CLOSE,
    Action.PHASE_QUESTIONS_REMINDER,
)
WINDOWS = (PHASE_DEADLINE, QUESTION_DEADLINE)

# (subject, body) per message; formatted with procurement, reference, phase and moment (local time).
MESSAGES = {
    ("closed", PHASE_DEADLINE.kind): (
        _("Deadline passed: %(phase)s of %(reference)s"),
        _(
            "The deadline of the phase '%(phase)s' of %(procurement)s passed on %(moment)s. "
            "The window has closed by itself: nothing more can be handed in."
        ),
    ),
    ("closed", QUESTION_DEADLINE.kind): (
        _("Question deadline passed: %(reference)s"),
        _(
            "The deadline for questions in the phase '%(phase)s' of %(procurement)s passed on %(moment)s. "
            "No new questions can be asked."
        ),
    ),
    ("reminder", PHASE_DEADLINE.kind): (
        _("Reminder: deadline of %(phase)s of %(reference)s on %(moment)s"),
        _(
            "The deadline of the phase '%(phase)s' of %(procurement)s is %(moment)s (Amsterdam time). "
            "After that moment nothing more can be handed in."
        ),
    ),
    ("reminder", QUESTION_DEADLINE.kind): (
        _("Reminder: questions about %(reference)s until %(moment)s"),
        _("You can ask questions about %(procurement)s until %(moment)s (Amsterdam time)."),
    ),
    ("phase_end", PHASE_DEADLINE.kind): (
        _("Phase ends soon: %(phase)s of %(reference)s"),
        _("The phase '%(phase)s' of %(procurement)s is due to end on %(moment)s (Amsterdam time)."),
    ),
}


@dataclass
class DeadlineRun:
    """What one run did: the windows it closed, the notifications it made, the work that failed."""

    closed: list[tuple[int, str]] = field(default_factory=list)
    notified: int = 0
    failed: int = 0


def window_phase_keys() -> list[str]:
    """The phases whose deadline closes a window (registration, submission)."""
    return [key for key, definition in PHASES.items() if definition.window]


def reminder_moment(deadline: datetime, days: int) -> datetime:
    """The same local time ``days`` calendar days before the deadline, in Europe/Amsterdam."""
    return (local(deadline) - timedelta(days=days)).astimezone(UTC)


def due_reminder(deadline: datetime | None, now: datetime) -> str | None:
    """The most urgent reminder ("1d", "7d") whose moment has come; None before then and from the
    deadline on."""
    if deadline is None or now >= deadline:
        return None
    for label, days in REMINDERS:
        if reminder_moment(deadline, days) <= now:
            return label
    return None


def reminder_key(phase: Phase, window: Window, label: str, audience: str = "") -> str:
    """``deadline:<phase id>:<kind>:<7d|1d>:<deadline in UTC>[:officers]``. The deadline is part of the
    key: a deadline that an officer moves gets its own reminders, a clock that jumps does not."""
    moment = window.moment(phase).astimezone(UTC)
    key = f"deadline:{phase.pk}:{window.kind}:{label}:{moment:%Y%m%dT%H%MZ}"
    return f"{key}:{audience}" if audience else key


def who_has_something_open(phase: Phase, window: Window) -> QuerySet[User]:
    """The providers who still have something to do before this deadline, to be reminded of it.

    For now: every active member of every registered provider organisation (Participant), for a question
    deadline and for the deadline of a phase with a window (registration, submission); nobody for the
    deadline of a phase without a window. Later steps narrow this down (e.g. only those who have not
    registered interest or have not submitted yet)."""
    if window is PHASE_DEADLINE and not phase.definition.window:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, memberships__organisation__participations__procurement_id=phase.procurement_id
    ).distinct()


def officers_of(procurement_id: int) -> QuerySet[User]:
    """The procurement officers of the procurement's regions."""
    return User.objects.filter(
        is_active=True, groups__name=Role.PROCUREMENT_OFFICER, region__procurements__pk=procurement_id
    ).distinct()


def page_for(phase: Phase, audience: str) -> str:
    """The page where the reader acts on a deadline: the officers' management page of the procurement,
    or the providers' page of it."""
    name = "procurement:manage" if audience == OFFICERS else "procurement:detail"
    return reverse(name, args=[phase.procurement_id])


def _notify_each_in_own_language(
    users: list[User], *, key: str, message: tuple, phase: Phase, moment: datetime, url: str
) -> int:
    """One notification per user, in the user's language, linking to ``url``; a constant number of
    queries per language."""
    made = 0
    for language in sorted({user.language for user in users}):
        with translation.override(language):
            params = {
                "procurement": phase.procurement.title,
                "reference": phase.procurement.reference,
                "phase": str(phase.definition.label),
                "moment": format_date(local(moment), "j F Y, H:i"),
            }
            subject, body = (str(text) % params for text in message)
            made += len(
                notify(
                    [user for user in users if user.language == language],
                    key=key,
                    subject=subject[:200],
                    body=body,
                    url=url,
                )
            )
    return made


def close_window(phase_id: int, window: Window, now: datetime, run: DeadlineRun) -> None:
    """Close the window by compare-and-swap, record it (actor None: the system) and tell the officers.
    Nothing happens if the window is closed already or its deadline has not passed (any more: an officer
    moved it in the meantime)."""
    closed = Phase.objects.filter(
        pk=phase_id, **{f"{window.closed_field}__isnull": True, f"{window.moment_field}__lte": now}
    ).update(**{window.closed_field: now})
    if closed != 1:
        return
    phase = Phase.objects.select_related("procurement").get(pk=phase_id)
    moment = window.moment(phase)
    record(
        window.audit_action,
        actor=None,
        obj=phase,
        procurement_id=phase.procurement_id,
        changes={window.closed_field: [None, now.isoformat()]},
        message=f"deadline {moment.isoformat()} passed; closed by the deadline task",
    )
    run.closed.append((phase.pk, window.kind))
    run.notified += _notify_each_in_own_language(
        list(officers_of(phase.procurement_id).only("pk", "language")),
        key=f"deadline:{phase.pk}:{window.kind}:closed",
        message=MESSAGES[("closed", window.kind)],
        phase=phase,
        moment=moment,
        url=page_for(phase, OFFICERS),
    )


def send_reminders(phase_id: int, window: Window, now: datetime, run: DeadlineRun) -> None:
    """Remind those who still have something open of the coming deadline and, for a phase deadline,
    tell the officers that the phase is due to end. Only the most urgent reminder that is due goes out,
    and none once a more urgent one went out (a clock that jumps back does not send the 7-day reminder
    after the 1-day one)."""
    phase = Phase.objects.select_related("procurement").get(pk=phase_id)
    moment = window.moment(phase)
    label = due_reminder(moment, now)
    if label is None or window.is_closed(phase):
        return
    audiences = {"": list(who_has_something_open(phase, window).only("pk", "language"))}
    if window is PHASE_DEADLINE and phase.actual_end is None:
        audiences[OFFICERS] = list(officers_of(phase.procurement_id).only("pk", "language"))
    recipients = {user.pk for users in audiences.values() for user in users}
    if not recipients:
        return
    more_urgent = [
        reminder_key(phase, window, urgent, audience)
        for urgent in REMINDER_LABELS[: REMINDER_LABELS.index(label)]
        for audience in audiences
    ]
    if more_urgent and Notification.objects.filter(user_id__in=recipients, key__in=more_urgent).exists():
        return
    for audience, users in audiences.items():
        run.notified += _notify_each_in_own_language(
            users,
            key=reminder_key(phase, window, label, audience),
            message=MESSAGES[("phase_end" if audience == OFFICERS else "reminder", window.kind)],
            phase=phase,
            moment=moment,
            url=page_for(phase, audience),
        )


def _each_phase(
    work: Callable[[int, Window, datetime, DeadlineRun], None],
    action: str,
    phases: QuerySet[Phase],
    window: Window,
    now: datetime,
    run: DeadlineRun,
) -> None:
    """The work on at most ``BATCH`` phases, each on its own: a failure is rolled back, logged and
    recorded (under ``action``), and the work goes on with the next phase."""
    batch = list(phases.only("pk", "procurement_id")[:BATCH])
    done = each_in_own_transaction(
        batch,
        lambda phase: work(phase.pk, window, now, run),
        action=action,
        procurement_id=lambda phase: phase.procurement_id,
    )
    run.failed += len(batch) - len(done)


def run_deadlines(now: datetime | None = None) -> DeadlineRun:
    """Close the windows whose deadline passed and send the reminders that are due, for every
    procurement that is not a draft and not cancelled. Bounded: at most ``BATCH`` phases per kind of
    work, the earliest deadlines first."""
    now = now or server_now()
    run = DeadlineRun()
    live = Phase.objects.exclude(procurement__status__in=SKIPPED_STATUSES)
    for window in WINDOWS:
        open_windows = live.filter(**{f"{window.closed_field}__isnull": True}).order_by(window.moment_field)
        passed = open_windows.filter(**{f"{window.moment_field}__lte": now})
        if window is PHASE_DEADLINE:
            passed = passed.filter(key__in=window_phase_keys())
        coming = open_windows.filter(
            **{f"{window.moment_field}__gt": now, f"{window.moment_field}__lte": now + REMINDER_HORIZON}
        )
        _each_phase(close_window, window.audit_action, passed, window, now, run)
        _each_phase(send_reminders, window.reminder_action, coming, window, now, run)
    return run
