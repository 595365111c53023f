from .core import CareType, DecisionMoment, Lot, Participant, Phase, PhaseTransition, Procurement
from .documents import Document, DocumentVersion
from .preselection import MAX_SCORE, Assessment, Criterion, Review
from .questions import Answer, AnswerRound, Question
from .registration import (
    EXCLUSION_GROUNDS,
    DeclarationDocument,
    ExclusionAnswer,
    Registration,
    RegistrationMember,
    SuitabilityAnswer,
    SuitabilityQuestion,
)

__all__ = [
    "MAX_SCORE",
    "Assessment",
    "Criterion",
    "Review",
    "EXCLUSION_GROUNDS",
    "DeclarationDocument",
    "ExclusionAnswer",
    "Registration",
    "RegistrationMember",
    "SuitabilityAnswer",
    "SuitabilityQuestion",
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
