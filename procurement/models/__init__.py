from .core import CareType, DecisionMoment, Lot, Participant, Phase, PhaseTransition, Procurement
from .documents import Document, DocumentVersion
from .questions import Answer, AnswerRound, Question

__all__ = [
    "Answer",
    "AnswerRound",
    "CareType",
    "DecisionMoment",
    "Document",
    "DocumentVersion",
    "Lot",
    "Participant",
    "Phase",
    "PhaseTransition",
    "Procurement",
    "Question",
]
