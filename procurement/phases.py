"""The phase machine of a procurement, as data: the phases, their order per procedure, and the guard
of each transition. Views, forms, tasks and the admin all move a procurement through ``advance_phase``
in ``procurement.services.phases``, which consults this file."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from common.timezone import local, server_now


@dataclass(frozen=True)
class PhaseDefinition:
    key: str
    label: str
    # What closes at the phase deadline by itself (registration, submission), if anything.
    window: str = ""


PHASES: dict[str, PhaseDefinition] = {
    p.key: p
    for p in [
        PhaseDefinition("strategy", _("acquisition strategy")),
        PhaseDefinition("registration", _("registration of interest"), window="registration"),
        PhaseDefinition("preselection", _("preselection")),
        PhaseDefinition("dialogue", _("dialogue")),
        PhaseDefinition("submission", _("tender submission"), window="submission"),
        PhaseDefinition("assessment", _("assessment")),
        PhaseDefinition("award", _("award")),
        PhaseDefinition("contracting", _("contracting and implementation")),
        PhaseDefinition("term", _("contract term")),
    ]
}

SEQUENCES: dict[str, list[str]] = {
    "dialogue": [
        "strategy",
        "registration",
        "preselection",
        "dialogue",
        "submission",
        "assessment",
        "award",
        "contracting",
        "term",
    ],
    "open": ["strategy", "submission", "assessment", "award", "contracting", "term"],
    "negotiated": ["strategy", "dialogue", "submission", "assessment", "award", "contracting", "term"],
}


def sequence(procurement) -> list[str]:
    return SEQUENCES[procurement.procedure]


def next_phase(procurement) -> str | None:
    keys = sequence(procurement)
    index = keys.index(procurement.current_phase)
    return keys[index + 1] if index + 1 < len(keys) else None


# A guard returns the reasons why the transition may not happen (empty: allowed).
Guard = Callable[[object], list[str]]


def _published(procurement) -> list[str]:
    return [] if procurement.is_public else [str(_("The procurement has not been published yet."))]


def _has_open_lots(procurement) -> list[str]:
    return [] if active_lots(procurement) else [str(_("The procurement has no open lot."))]


def _deadline_passed(key: str) -> Guard:
    def guard(procurement) -> list[str]:
        phase = procurement.phases.filter(key=key).first()
        if phase is None or phase.deadline is None:
            return [str(_("The phase '%(phase)s' has no deadline.") % {"phase": PHASES[key].label})]
        if server_now() < phase.deadline:
            return [
                str(
                    _("The deadline of the phase '%(phase)s' has not passed yet.")
                    % {"phase": PHASES[key].label}
                )
            ]
        return []

    return guard


def _every_lot(field: str, message: str) -> Guard:
    def guard(procurement) -> list[str]:
        missing = [lot.number for lot in active_lots(procurement) if getattr(lot, field) is None]
        return [str(message) % {"lots": ", ".join(missing)}] if missing else []

    return guard


def _only_after(key: str, guard: Guard) -> Guard:
    """The guard applies only to procedures that have the phase ``key`` (an open procedure has no
    preselection or dialogue)."""

    def conditional(procurement) -> list[str]:
        return guard(procurement) if key in sequence(procurement) else []

    return conditional


def active_lots(procurement) -> list:
    return [lot for lot in procurement.lots.all() if lot.status == lot.Status.OPEN]


def _contract_start_reached(procurement) -> list[str]:
    start = procurement.planned_contract_start
    if start is None or local(server_now()).date() < start:
        return [str(_("The contracts have not started yet."))]
    return []


GUARDS: dict[str, list[Guard]] = {
    "registration": [_published, _has_open_lots],
    "preselection": [_deadline_passed("registration")],
    "dialogue": [
        _published,
        _has_open_lots,
        _only_after(
            "preselection",
            _every_lot(
                "preselection_published_at",
                _("The preselection decisions of lot(s) %(lots)s have not been published."),
            ),
        ),
    ],
    "submission": [
        _published,
        _has_open_lots,
        _only_after(
            "dialogue",
            _every_lot("dialogue_closed_at", _("The dialogue of lot(s) %(lots)s has not been closed.")),
        ),
    ],
    "assessment": [_deadline_passed("submission")],
    "award": [],
    "contracting": [_every_lot("award_final_at", _("The award of lot(s) %(lots)s is not definitive yet."))],
    "term": [_contract_start_reached],
}


def reasons_against(procurement, to_key: str) -> list[str]:
    """Why the procurement may not move to ``to_key`` now (empty: it may)."""
    if to_key != next_phase(procurement):
        return [str(_("The procurement can only move on to the next phase."))]
    if procurement.status in (procurement.Status.CANCELLED, procurement.Status.COMPLETED):
        return [str(_("The procurement has ended."))]
    return [reason for guard in GUARDS[to_key] for reason in guard(procurement)]
