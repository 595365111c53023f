"""Demo questions and answers: two published rounds of the Nota van Inlichtingen for ZK/IJ and one
question still waiting for an answer (all fictional)."""

from demo.people import DemoPeople
from procurement.models import AnswerRound, Procurement, Question
from procurement.services.questions import answer_questions, publish_round

# (organisation key, question, published question, answer) per round
ROUNDS = [
    [
        (
            "kustlicht",
            "Mogen onderaannemers ook deelnemen aan de dialoogsessies van perceel 1?",
            "Mogen onderaannemers deelnemen aan de dialoogsessies van perceel 1?",
            "Ja. De penvoerder bepaalt wie namens het samenwerkingsverband deelneemt; per sessie zijn "
            "maximaal vier personen per samenwerkingsverband welkom.",
        ),
        (
            "duinroos",
            "Moet iedere partner van een combinatie alle jeugdhulpvormen leveren?",
            "Moet iedere partner van een combinatie alle jeugdhulpvormen leveren?",
            "Nee. De combinatie als geheel moet alle jeugdhulpvormen van perceel 1 dekken "
            "(integraliteitsvereiste); de afzonderlijke partners niet.",
        ),
    ],
    [
        (
            "kustlicht",
            "Wordt de bekostigingsvorm al vóór de dialoog vastgesteld?",
            "Wordt de bekostigingsvorm vóór de dialoog vastgesteld?",
            "Nee. De bekostigingsvorm is een onderwerp van de dialoog (thema Bekostiging); vooraf staat "
            "alleen vast dat er een jaarlijks maximumbudget komt.",
        ),
    ],
]
OPEN_QUESTION = ("duinroos", "Komt er een vergoeding voor de kosten van deelname aan de dialoog?")


def seed_questions(people: DemoPeople, procurement: Procurement) -> None:
    """Idempotent: a procurement that already has answer rounds is left alone."""
    if AnswerRound.objects.filter(procurement=procurement).exists():
        return
    officer = people.users["inkoper@zkij.example"]
    for round_questions in ROUNDS:
        answer_round = None
        for key, text, published, answer_text in round_questions:
            question = _question(people, procurement, key, text)
            answer = answer_questions(
                procurement, [question], actor=officer, question_text=published, answer_text=answer_text
            )
            answer_round = answer.round
        publish_round(answer_round, actor=officer)
    _question(people, procurement, *OPEN_QUESTION)


def _question(people: DemoPeople, procurement: Procurement, key: str, text: str) -> Question:
    """Demo questions are written directly: the question window of the demo's past phases is closed."""
    organisation = people.organisations[key]
    return Question.objects.create(
        procurement=procurement,
        organisation=organisation,
        asked_by=organisation.memberships.first().user,
        text=text,
    )
