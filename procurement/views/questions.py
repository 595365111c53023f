from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.cache import per_reader_page
from procurement.access import get_procurement_for, may_manage, visible_documents
from procurement.forms.questions import AnswerForm, QuestionForm
from procurement.models import AnswerRound, Document, Question
from procurement.services import questions as services

# The published answers are the same for everyone who may read them and never edited; their rendering is
# cached per procurement, language and version (see services.published_answers_version).
ANSWERS_CACHE_SECONDS = 300


@login_required
def question_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Officers: the incoming questions and the round to publish. Registered providers: ask a question
    and follow their own organisation's questions."""
    procurement = get_procurement_for(request.user, pk)
    if may_manage(request.user, procurement):
        return _officer_questions(request, procurement)
    organisations = services.asking_organisations(request.user, procurement)
    if not organisations:
        raise Http404
    documents = visible_documents(request.user, procurement).exclude(kind=Document.Kind.NOTA_VAN_INLICHTINGEN)
    form = QuestionForm(request.POST or None, organisations=organisations, documents=documents)
    if request.method == "POST" and form.is_valid():
        try:
            services.ask_question(procurement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your question has been received."))
            return redirect("procurement:questions", pk=procurement.pk)
    phase = services.current_phase_row(procurement)
    return render(
        request,
        "procurement/questions/provider.html",
        {
            "procurement": procurement,
            "form": form,
            "window_closed": services.question_window_refusal(phase),
            "phase": phase,
            "own_questions": procurement.questions.filter(organisation__in=organisations).select_related(
                "document"
            ),
        },
        status=400 if form.errors else 200,
    )


def _officer_questions(request: HttpRequest, procurement) -> HttpResponse:
    pending_round = procurement.answer_rounds.filter(published_at__isnull=True).first()
    return render(
        request,
        "procurement/questions/officer.html",
        {
            "procurement": procurement,
            "incoming": procurement.questions.filter(status=Question.Status.SUBMITTED).select_related(
                "organisation", "document"
            ),
            "pending_round": pending_round,
            "pending_answers": pending_round.answers.prefetch_related("questions__organisation")
            if pending_round
            else [],
        },
    )


@login_required
def question_answer(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk, manage=True)
    question = get_object_or_404(
        procurement.questions.select_related("organisation", "document"),
        pk=question_id,
        status=Question.Status.SUBMITTED,
    )
    form = AnswerForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_questions(
                procurement,
                [question, *data["duplicates"]],
                actor=request.user,
                question_text=data["question_text"],
                answer_text=data["answer_text"],
                document=data["document"],
                section=data["section"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The answer has been added to the next round."))
            return redirect("procurement:questions", pk=procurement.pk)
    return render(
        request,
        "procurement/questions/answer.html",
        {"procurement": procurement, "question": question, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def round_publish(request: HttpRequest, pk: int, round_id: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk, manage=True)
    answer_round = get_object_or_404(AnswerRound, pk=round_id, procurement=procurement)
    try:
        services.publish_round(answer_round, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Nota van Inlichtingen %(number)s has been published to every registered provider.")
            % {"number": answer_round.number},
        )
    return redirect("procurement:questions", pk=procurement.pk)


@login_required
@require_safe
@per_reader_page("procurement.answers")
def answer_list(request: HttpRequest, pk: int) -> HttpResponse:
    procurement = get_procurement_for(request.user, pk)
    return render(
        request,
        "procurement/questions/answers.html",
        {
            "procurement": procurement,
            "answers_cache_seconds": ANSWERS_CACHE_SECONDS,
            **services.answers_page(request.user, procurement),
        },
    )
