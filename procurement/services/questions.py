"""Questions and answers (Nota van Inlichtingen). Registered providers ask until the question deadline of
the current phase; officers answer (anonymised), merge duplicates and publish a round: every registered
provider sees its answers at the same moment, and the round becomes a numbered PDF document."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import organisations_of
from accounts.models import Organisation, User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import record, records_refusals
from common.tasks import hand_to_worker
from common.timezone import server_now
from procurement.access import may_read_answers
from procurement.models import Answer, AnswerRound, Document, Phase, Procurement, Question

from .documents import registered_provider_users


def current_phase_row(procurement: Procurement, *, lock: bool = False) -> Phase | None:
    phases = Phase.objects.select_for_update() if lock else Phase.objects
    return phases.filter(procurement=procurement, key=procurement.current_phase).first()


def question_window_refusal(phase: Phase | None) -> str:
    """Why no question can be asked now, or '' when the question window of the phase is open."""
    if phase is None or phase.question_deadline is None:
        return _("There is no period for questions in the current phase.")
    if phase.questions_closed_at is not None or server_now() >= phase.question_deadline:
        return _("The deadline for questions has passed; your question has not been saved.")
    return ""


def asking_organisations(user: User, procurement: Procurement) -> QuerySet[Organisation]:
    """The user's organisations registered on the procurement: on whose behalf the user may ask."""
    return organisations_of(user).filter(participations__procurement=procurement)


@records_refusals(Action.QUESTION_ASK, procurement_id=lambda procurement: procurement.pk)
def ask_question(
    procurement: Procurement,
    *,
    actor: User,
    organisation: Organisation,
    text: str,
    document: Document | None = None,
    section: str = "",
) -> Question:
    """A registered provider asks a question while the question window of the current phase is open."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    if not asking_organisations(actor, procurement).filter(pk=organisation.pk).exists():
        raise ValidationError(_("Only registered providers can ask questions."))
    if document is not None and document.procurement_id != procurement.pk:
        raise ValidationError({"document": _("This document belongs to another procurement.")})
    reason = question_window_refusal(current_phase_row(procurement, lock=True))
    if reason:
        raise ValidationError(reason)
    question = Question.objects.create(
        procurement=procurement,
        organisation=organisation,
        asked_by=actor,
        document=document,
        section=section.strip(),
        text=text,
    )
    record(Action.QUESTION_ASK, actor=actor, obj=question, procurement_id=procurement.pk)
    return question


def open_round(procurement: Procurement) -> AnswerRound:
    """The round that collects answers until it is published (made when the first answer is written).
    The procurement row is locked so that two officers answering at once share one new round."""
    Procurement.objects.select_for_update().filter(pk=procurement.pk).first()
    rounds = AnswerRound.objects.select_for_update().filter(procurement=procurement)
    pending = rounds.filter(published_at__isnull=True).first()
    if pending is not None:
        return pending
    number = (rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    return AnswerRound.objects.create(procurement=procurement, number=number)


@records_refusals(Action.QUESTION_ANSWER, procurement_id=lambda procurement: procurement.pk)
def answer_questions(
    procurement: Procurement,
    questions: list[Question],
    *,
    actor: User,
    question_text: str,
    answer_text: str,
    document: Document | None = None,
    section: str = "",
) -> Answer:
    """Answer one question, or several duplicates at once, with one anonymised answer in the open round.
    ``question_text`` is the question as it will be published (rephrased so nothing shows who asked)."""
    if not questions:
        raise ValidationError(_("Choose at least one question."))
    if not question_text.strip() or not answer_text.strip():
        raise ValidationError(_("Write both the published question and the answer."))
    ids = [q.pk for q in questions]
    locked = list(
        Question.objects.select_for_update().filter(
            pk__in=ids, procurement=procurement, status=Question.Status.SUBMITTED
        )
    )
    if len(locked) != len(set(ids)):
        raise ValidationError(_("One of these questions has already been answered."))
    answer = Answer.objects.create(
        procurement=procurement,
        round=open_round(procurement),
        document=document,
        section=section.strip(),
        question_text=question_text.strip(),
        answer_text=answer_text.strip(),
        answered_by=actor,
    )
    Question.objects.filter(pk__in=ids).update(status=Question.Status.ANSWERED, answer=answer)
    record(
        Action.QUESTION_ANSWER,
        actor=actor,
        obj=answer,
        procurement_id=procurement.pk,
        changes={"questions": [None, sorted(ids)]},
    )
    return answer


@records_refusals(Action.ANSWERS_PUBLISH, procurement_id=lambda answer_round: answer_round.procurement_id)
def publish_round(answer_round: AnswerRound, *, actor: User) -> AnswerRound:
    """Publish every answer of the round at one moment to every registered provider; the Nota van
    Inlichtingen PDF is made by a worker after the commit."""
    if not answer_round.answers.exists():
        raise ValidationError(_("This round has no answers yet."))
    now = server_now()
    swapped = AnswerRound.objects.filter(pk=answer_round.pk, published_at__isnull=True).update(
        published_at=now, published_by=actor
    )
    if swapped != 1:
        raise ValidationError(_("This round has already been published."))
    answer_round.refresh_from_db()
    for number, answer in enumerate(answer_round.answers.order_by("answered_at", "pk"), start=1):
        Answer.objects.filter(pk=answer.pk).update(number=number)
    Question.objects.filter(answer__round=answer_round).update(status=Question.Status.PUBLISHED)
    procurement = answer_round.procurement
    record(Action.ANSWERS_PUBLISH, actor=actor, obj=answer_round, procurement_id=procurement.pk)
    notify(
        registered_provider_users(procurement),
        key=f"answer-round-published-{answer_round.pk}",
        subject=_("Nota van Inlichtingen %(number)s for %(procurement)s")
        % {"number": answer_round.number, "procurement": procurement},
        body=_("The answers to the questions about this procurement have been published."),
        url=reverse("procurement:answers", args=[procurement.pk]),
    )
    round_id = answer_round.pk
    transaction.on_commit(
        lambda: hand_to_worker(
            "procurement.tasks.questions.generate_nota_van_inlichtingen",
            round_id,
            left_to="the Nota van Inlichtingen sweep",
        )
    )
    return answer_round


def _published(procurement: Procurement) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(procurement=procurement, round__published_at__isnull=False)
        .select_related("round", "document")
        .order_by("-round__number", "number")
    )


def _published_rounds(procurement: Procurement) -> QuerySet[AnswerRound]:
    return AnswerRound.objects.filter(procurement=procurement, published_at__isnull=False).order_by("-number")


def published_answers(user: User, procurement: Procurement) -> QuerySet[Answer]:
    """The published answers, the same for everyone who may read them; nothing for anyone else."""
    if not may_read_answers(user, procurement):
        return Answer.objects.none()
    return _published(procurement)


def published_answers_version(procurement: Procurement) -> str:
    """A fingerprint of what the published-answers list shows, in one query: it changes when a round is
    published, its PDF is made or an answer is added to it, so a cached rendering of the list is never
    stale. (Published answers are not edited; the list is the same for everyone who may read it.)"""
    rounds = (
        AnswerRound.objects.filter(procurement=procurement, published_at__isnull=False)
        .annotate(count=Count("answers"), last=Max("answers__pk"))
        .values_list("pk", "published_at", "pdf_id", "count", "last")
        .order_by("pk")
    )
    return hashlib.sha256(repr(list(rounds)).encode()).hexdigest()[:20]


def answers_page(user: User, procurement: Procurement) -> dict:
    """What the answers page shows this user: nothing unless they may read the answers; the lists are
    lazy, so a cached rendering of them costs no query."""
    if not may_read_answers(user, procurement):
        return {"may_read": False, "answers": Answer.objects.none(), "rounds": AnswerRound.objects.none()}
    return {
        "may_read": True,
        "answers": _published(procurement),
        "rounds": _published_rounds(procurement),
        "answers_version": published_answers_version(procurement),
    }
