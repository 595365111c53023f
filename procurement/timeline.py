"""The phases of a procurement in the order of its procedure, for the pages that show its timeline."""

from dataclasses import dataclass

from .models import Phase, Procurement
from .phases import PHASES, sequence


@dataclass(frozen=True)
class TimelineRow:
    phase: Phase
    label: str
    state: str  # "done", "current" or "upcoming"

    @property
    def is_current(self) -> bool:
        return self.state == "current"


def phase_timeline(procurement: Procurement) -> list[TimelineRow]:
    """One row per phase of the procedure: planned and actual dates, and where the procurement stands.
    Reads ``procurement.phases.all()`` so that a caller can prefetch it."""
    keys = sequence(procurement)
    rows = {phase.key: phase for phase in procurement.phases.all()}
    current = keys.index(procurement.current_phase)
    return [
        TimelineRow(
            phase=rows.get(key) or Phase(procurement=procurement, key=key),
            label=str(PHASES[key].label),
            state="done" if index < current else "current" if index == current else "upcoming",
        )
        for index, key in enumerate(keys)
    ]
