"""Thin views: parse input, call a service, render. Object access goes through dialogue.access."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.roles import Role
from common.timezone import server_now
from dialogue.access import (
    get_agreement_for,
    get_lot_for,
    get_minutes_for,
    get_session_for,
    may_comment_on_minutes,
    participation_of,
    participations_of,
    visible_agreement_comments,
    visible_agreements,
    visible_sessions,
)
from procurement.access import get_procurement_for, managed_procurements, may_manage

from . import forms, services
from .ical import calendar
from .models import (
    AgendaDocument,
    AgendaItem,
    Agreement,
    AgreementSet,
    Minutes,
    MinutesComment,
    PositionPaper,
    Round,
    Rsvp,
    Session,
    Theme,
)

PLANNER_AGREEMENTS_PAGE_SIZE = 50


def _apply(form, action):
    """Run a service; its ValidationError becomes form errors (nothing is saved). None if refused."""
    try:
        return action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
    return None


def _download(stored, name: str) -> FileResponse:
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name)


# --- index and pages per role -------------------------------------------------------------------


@require_safe
@login_required
def index(request):
    if request.user.has_role(Role.PROCUREMENT_OFFICER):
        procurements = managed_procurements(request.user).annotate(theme_count=Count("themes"))
        return render(request, "dialogue/index.html", {"procurements": procurements})
    if participations_of(request.user).exists():
        return redirect("dialogue:participant")
    return redirect("dialogue:guest")


@require_safe
@role_required(Role.PROCUREMENT_OFFICER)
def planner(request, pk):
    procurement = get_procurement_for(request.user, pk, manage=True)
    themes = list(procurement.themes.select_related("owner"))
    counts = Counter(
        {
            (theme_id, status): n
            for theme_id, status, n in procurement.agreements.order_by()
            .values_list("theme_id", "status")
            .annotate(n=Count("pk"))
        }
    )
    statuses = list(Agreement.Status)
    progress = [(theme, [counts[(theme.pk, s)] for s in statuses]) for theme in themes]
    lots = procurement.lots.prefetch_related(
        "dialogue_participants__organisation",
        Prefetch(
            "dialogue_rounds", queryset=Round.objects.prefetch_related("sessions__participant__organisation")
        ),
    ).select_related("agreement_set")
    return render(
        request,
        "dialogue/planner.html",
        {
            "procurement": procurement,
            "themes": themes,
            "progress": progress,
            "statuses": statuses,
            "lots": lots,
            "agreements": Paginator(
                procurement.agreements.select_related("theme"), PLANNER_AGREEMENTS_PAGE_SIZE
            ).get_page(request.GET.get("page")),
            "round_form": forms.RoundForm(procurement=procurement),
        },
    )


@require_safe
@login_required
def participant(request):
    mine = participations_of(request.user).select_related("lot__procurement", "organisation")
    sessions = list(visible_sessions(request.user).select_related("lot", "participant__organisation"))
    now = server_now()
    answered = set(
        Rsvp.objects.filter(
            session__in=sessions, organisation__in=[p.organisation_id for p in mine]
        ).values_list("session_id", flat=True)
    )
    minutes = Minutes.objects.filter(
        session__in=sessions, status=Minutes.Status.IN_COMMENT, comment_deadline__gt=now
    ).select_related("session")
    return render(
        request,
        "dialogue/participant.html",
        {
            "participations": mine,
            "sessions": sessions,
            "open_invitations": [s for s in sessions if s.starts_at > now and s.pk not in answered],
            "papers_due": [s for s in sessions if s.paper_deadline > now],
            "minutes_to_comment": minutes,
            "agreements": visible_agreements(request.user)
            .select_related("theme")
            .order_by("theme__order", "pk"),
            "agreement_sets": AgreementSet.objects.filter(lot__in=[p.lot_id for p in mine], pdf__gt=""),
        },
    )


@require_safe
@login_required
def guest(request):
    sessions = (
        Session.objects.filter(guests__user=request.user, kind=Session.Kind.PLENARY)
        .select_related("lot__procurement")
        .prefetch_related("agenda_items__documents")
        .distinct()
    )
    return render(request, "dialogue/guest.html", {"sessions": sessions})


@require_safe
@login_required
def my_calendar(request):
    sessions = visible_sessions(request.user).order_by("starts_at")
    return _ics(calendar(sessions, now=server_now(), name=_("My dialogue sessions")), "dialoog.ics")


def _ics(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- themes -------------------------------------------------------------------------------------


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def themes_seed(request, pk):
    procurement = get_procurement_for(request.user, pk, manage=True)
    services.seed_themes(procurement, actor=request.user)
    messages.success(request, _("The themes of the council letter were added."))
    return redirect("dialogue:planner", pk=procurement.pk)


def _managed_theme(request, pk) -> Theme:
    theme = get_object_or_404(Theme.objects.select_related("procurement"), pk=pk)
    get_procurement_for(request.user, theme.procurement_id, manage=True)
    return theme


@role_required(Role.PROCUREMENT_OFFICER)
def theme_form(request, pk=None, procurement_pk=None):
    theme = _managed_theme(request, pk) if pk else None
    procurement = (
        theme.procurement if theme else get_procurement_for(request.user, procurement_pk, manage=True)
    )
    form = forms.ThemeForm(request.POST or None, instance=theme, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if theme:
            done = _apply(form, lambda: services.update_theme(theme, actor=request.user, **data))
        else:
            done = _apply(form, lambda: services.add_theme(procurement, actor=request.user, **data))
        if done:
            messages.success(request, _("The theme was saved."))
            return redirect("dialogue:planner", pk=procurement.pk)
    return render(
        request, "dialogue/form.html", {"form": form, "title": _("Theme"), "procurement": procurement}
    )


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def theme_move(request, pk):
    theme = _managed_theme(request, pk)
    services.move_theme(theme, actor=request.user, up=request.POST.get("direction") == "up")
    return redirect("dialogue:planner", pk=theme.procurement_id)


@require_POST
@role_required(Role.PROCUREMENT_OFFICER)
def theme_retire(request, pk):
    theme = _managed_theme(request, pk)
    try:
        services.retire_theme(theme, actor=request.user)
        messages.success(request, _("The theme was retired."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("dialogue:planner", pk=theme.procurement_id)


# --- rounds and sessions ------------------------------------------------------------------------


@role_required(Role.PROCUREMENT_OFFICER)
def round_new(request, pk):
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = forms.RoundForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.create_round(data["lot"], actor=request.user, title=data["title"])):
            return redirect("dialogue:planner", pk=procurement.pk)
    return render(
        request, "dialogue/form.html", {"form": form, "title": _("New round"), "procurement": procurement}
    )


@role_required(Role.PROCUREMENT_OFFICER)
def session_new(request, pk):
    dialogue_round = get_object_or_404(Round.objects.select_related("lot__procurement"), pk=pk)
    procurement = get_procurement_for(request.user, dialogue_round.procurement_id, manage=True)
    form = forms.SessionForm(request.POST or None, dialogue_round=dialogue_round)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = _apply(form, lambda: services.plan_session(dialogue_round, actor=request.user, **data))
        if session:
            messages.success(request, _("The session was planned and the invitations were sent."))
            return redirect("dialogue:session", pk=session.pk)
    return render(
        request,
        "dialogue/form.html",
        {
            "form": form,
            "title": _("Plan a session in %(round)s") % {"round": dialogue_round},
            "procurement": procurement,
        },
    )


def _session_context(request, session: Session, **overrides) -> dict:
    user = request.user
    manager = may_manage(user, session.lot.procurement)
    closed = session.lot.dialogue_closed_at is not None
    participation = participation_of(user, session.lot)
    if session.is_bilateral and participation and participation.pk != session.participant_id:
        participation = None
    is_guest = not session.is_bilateral and session.guests.filter(user=user).exists()
    minutes = list(
        session.minutes.prefetch_related("entries__agenda_item", "comments__author", "comments__agenda_item")
    )
    current = minutes[0] if minutes else None
    now = server_now()
    rsvp = None
    if participation:
        rsvp = session.rsvps.filter(organisation=participation.organisation).first()
    elif is_guest:
        rsvp = session.rsvps.filter(guest=user).first()
    context = {
        "session": session,
        "manager": manager,
        "closed": closed,
        "now": now,
        "items": session.agenda_items.select_related("theme").prefetch_related("documents"),
        "papers": session.papers.select_related("theme", "participant__organisation", "uploaded_by"),
        "rsvps": session.rsvps.select_related("organisation", "guest") if manager else [],
        "guests": session.guests.select_related("user") if manager else [],
        "rsvp": rsvp,
        "minutes_versions": minutes,
        "minutes": current,
        "may_answer": (participation or is_guest) and not closed and now < session.starts_at,
        "may_deliver": participation is not None and not closed and now <= session.paper_deadline,
        "may_comment": current is not None
        and current.status == Minutes.Status.IN_COMMENT
        and now <= current.comment_deadline
        and not closed
        and may_comment_on_minutes(user, session),
        "rsvp_form": forms.RsvpForm(initial={"attending": "yes"}),
        "paper_form": forms.PaperForm(session=session),
        "comment_form": forms.MinutesCommentForm(session=session),
        "send_form": forms.SendMinutesForm(),
        "guest_form": forms.GuestForm(),
        "item_form": forms.AgendaItemForm(session=session),
    }
    context.update(overrides)
    return context


@require_safe
@login_required
def session_detail(request, pk):
    session = get_session_for(request.user, pk)
    return render(request, "dialogue/session.html", _session_context(request, session))


def _session_action(
    request, pk, form_class, form_name, action, *, manage=False, form_kwargs=None, success=""
):
    """POST on a session page: bind the form, call the service; on refusal show the page with errors."""
    session = get_session_for(request.user, pk, manage=manage)
    form = form_class(request.POST, request.FILES, **(form_kwargs(session) if form_kwargs else {}))
    if form.is_valid() and _apply(form, lambda: action(session, form.cleaned_data)):
        messages.success(request, success or _("Saved."))
        return redirect("dialogue:session", pk=session.pk)
    return render(
        request, "dialogue/session.html", _session_context(request, session, **{form_name: form}), status=400
    )


@require_POST
@login_required
def session_rsvp(request, pk):
    return _session_action(
        request,
        pk,
        forms.RsvpForm,
        "rsvp_form",
        lambda s, d: services.answer_invitation(s, actor=request.user, **d),
        success=_("Your reply was saved."),
    )


@require_POST
@login_required
def session_paper(request, pk):
    return _session_action(
        request,
        pk,
        forms.PaperForm,
        "paper_form",
        lambda s, d: services.upload_position_paper(
            s, actor=request.user, theme=d["theme"], upload=d["file"]
        ),
        form_kwargs=lambda s: {"session": s},
        success=_("Your position paper was delivered."),
    )


@require_POST
@login_required
def session_guest(request, pk):
    return _session_action(
        request,
        pk,
        forms.GuestForm,
        "guest_form",
        lambda s, d: services.invite_guest(s, d["email"], actor=request.user),
        manage=True,
        success=_("The guest was invited."),
    )


@require_POST
@login_required
def session_item(request, pk):
    return _session_action(
        request,
        pk,
        forms.AgendaItemForm,
        "item_form",
        lambda s, d: services.add_agenda_item(s, actor=request.user, **d),
        manage=True,
        form_kwargs=lambda s: {"session": s},
    )


def _managed_item(request, pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem, pk=pk)
    get_session_for(request.user, item.session_id, manage=True)
    return item


def _item_context(item: AgendaItem, **overrides) -> dict:
    session = item.session
    context = {
        "item": item,
        "session": session,
        "closed": session.lot.dialogue_closed_at is not None,
        "document_form": forms.DocumentForm(),
        "consent_form": forms.ConsentForm(),
        "reuse_form": forms.ReuseForm(session=session),
    }
    context.update(overrides)
    return context


@require_safe
@login_required
def item_detail(request, pk):
    item = _managed_item(request, pk)
    return render(request, "dialogue/item.html", _item_context(item))


def _item_action(request, pk, form_class, form_name, action, success):
    item = _managed_item(request, pk)
    kwargs = {"session": item.session} if form_class is forms.ReuseForm else {}
    form = form_class(request.POST, request.FILES, **kwargs)
    if form.is_valid() and _apply(form, lambda: action(item, form.cleaned_data)):
        messages.success(request, success)
        return redirect("dialogue:item", pk=item.pk)
    return render(request, "dialogue/item.html", _item_context(item, **{form_name: form}), status=400)


@require_POST
@login_required
def item_document(request, pk):
    return _item_action(
        request,
        pk,
        forms.DocumentForm,
        "document_form",
        lambda item, d: services.attach_document(item, d["file"], actor=request.user),
        _("The document was added."),
    )


@require_POST
@login_required
def item_consent(request, pk):
    return _item_action(
        request,
        pk,
        forms.ConsentForm,
        "consent_form",
        lambda item, d: services.record_consent(item, actor=request.user, **d),
        _("The consent was recorded."),
    )


@require_POST
@login_required
def item_reuse(request, pk):
    return _item_action(
        request,
        pk,
        forms.ReuseForm,
        "reuse_form",
        lambda item, d: services.reuse_in_plenary(item, d["plenary"], actor=request.user, title=d["title"]),
        _("The item was put on the plenary agenda."),
    )


@require_safe
@login_required
def document_download(request, pk):
    document = get_object_or_404(AgendaDocument.objects.select_related("item"), pk=pk)
    get_session_for(request.user, document.item.session_id)
    return _download(document.file, document.original_name)


@require_safe
@login_required
def paper_download(request, pk):
    paper = get_object_or_404(PositionPaper, pk=pk)
    get_session_for(request.user, paper.session_id)
    return _download(paper.file, paper.original_name)


@require_safe
@login_required
def session_ics(request, pk):
    session = get_session_for(request.user, pk)
    return _ics(calendar([session], now=server_now(), name=session.title), f"sessie-{session.pk}.ics")


# --- minutes ------------------------------------------------------------------------------------


@login_required
def minutes_edit(request, pk):
    session = get_session_for(request.user, pk, manage=True)
    minutes = services.current_minutes(session)
    if request.method == "POST" and minutes is None:
        try:
            minutes = services.start_minutes(session, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("dialogue:session", pk=session.pk)
        return redirect("dialogue:minutes_edit", pk=session.pk)
    if minutes is None or minutes.status != Minutes.Status.DRAFT:
        raise Http404  # only draft minutes are written; sent minutes change by fixing them
    form = forms.MinutesForm(request.POST or None, minutes=minutes)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.write_minutes(minutes, actor=request.user, texts=form.texts()))
    ):
        messages.success(request, _("The minutes were saved."))
        return redirect("dialogue:session", pk=session.pk)
    return render(
        request,
        "dialogue/form.html",
        {
            "form": form,
            "title": _("Minutes of %(session)s") % {"session": session},
            "procurement": session.lot.procurement,
        },
    )


def _minutes_action(request, pk, form_class, form_name, action, *, manage=False, success=""):
    minutes = get_minutes_for(request.user, pk, manage=manage)
    return _session_action(
        request,
        minutes.session_id,
        form_class,
        form_name,
        lambda s, d: action(minutes, d),
        manage=manage,
        success=success,
        form_kwargs=(lambda s: {"session": s}) if form_class is forms.MinutesCommentForm else None,
    )


@require_POST
@login_required
def minutes_send(request, pk):
    return _minutes_action(
        request,
        pk,
        forms.SendMinutesForm,
        "send_form",
        lambda m, d: services.send_minutes_for_comment(m, actor=request.user, **d),
        manage=True,
        success=_("The minutes were sent for comments."),
    )


@require_POST
@login_required
def minutes_comment(request, pk):
    minutes = get_minutes_for(request.user, pk)
    if not may_comment_on_minutes(request.user, minutes.session):
        raise Http404
    return _minutes_action(
        request,
        pk,
        forms.MinutesCommentForm,
        "comment_form",
        lambda m, d: services.comment_on_minutes(m, actor=request.user, **d),
        success=_("Your comment was added."),
    )


@require_POST
@login_required
def comment_process(request, pk):
    comment = get_object_or_404(MinutesComment.objects.select_related("minutes"), pk=pk)
    get_minutes_for(request.user, comment.minutes_id, manage=True)
    try:
        services.process_comment(comment, actor=request.user, response=request.POST.get("response", ""))
        messages.success(request, _("The comment was processed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("dialogue:session", pk=comment.minutes.session_id)


@require_POST
@login_required
def minutes_fix(request, pk):
    return _minutes_action(
        request,
        pk,
        forms.NoFieldsForm,
        "fix_form",
        lambda m, d: services.fix_minutes(m, actor=request.user),
        manage=True,
        success=_("The minutes were fixed."),
    )


@require_POST
@login_required
def minutes_reopen(request, pk):
    return _minutes_action(
        request,
        pk,
        forms.NoFieldsForm,
        "fix_form",
        lambda m, d: services.reopen_minutes(m, actor=request.user),
        manage=True,
        success=_("A new version of the minutes was opened."),
    )


# --- agreements ---------------------------------------------------------------------------------


@role_required(Role.PROCUREMENT_OFFICER)
def agreement_new(request, pk):
    procurement = get_procurement_for(request.user, pk, manage=True)
    form = forms.AgreementForm(request.POST or None, procurement=procurement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        theme, lots = data.pop("theme"), data.pop("lots")
        agreement = _apply(
            form,
            lambda: services.propose_agreement(
                procurement, actor=request.user, theme=theme, lots=lots, **data
            ),
        )
        if agreement:
            messages.success(request, _("The agreement was proposed."))
            return redirect("dialogue:agreement", pk=agreement.pk)
    return render(
        request, "dialogue/form.html", {"form": form, "title": _("New agreement"), "procurement": procurement}
    )


def _agreement_context(request, agreement: Agreement, **overrides) -> dict:
    versions = list(agreement.versions.select_related("changed_by"))
    diffs = [
        (newer, services.readable_diff(older.text, newer.text))
        for newer, older in zip(versions, versions[1:], strict=False)
    ]
    manager = may_manage(request.user, agreement.procurement)
    lots = list(agreement.lots.all())
    closed = any(lot.dialogue_closed_at for lot in lots)
    context = {
        "agreement": agreement,
        "lots": lots,
        "manager": manager,
        "closed": closed,
        "versions": versions,
        "diffs": diffs,
        "comments": visible_agreement_comments(request.user, agreement),
        "may_comment": not closed and any(participation_of(request.user, lot) for lot in lots),
        "status_form": forms.AgreementStatusForm(choices=services.allowed_statuses(agreement)),
        "comment_form": forms.AgreementCommentForm(),
    }
    context.update(overrides)
    return context


@require_safe
@login_required
def agreement_detail(request, pk):
    agreement = get_agreement_for(request.user, pk)
    return render(request, "dialogue/agreement.html", _agreement_context(request, agreement))


@login_required
def agreement_edit(request, pk):
    agreement = get_agreement_for(request.user, pk, manage=True)
    form = forms.AgreementForm(request.POST or None, instance=agreement, procurement=agreement.procurement)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("note", "")
        original = Agreement.objects.get(pk=agreement.pk)
        if _apply(form, lambda: services.edit_agreement(original, actor=request.user, note=note, **data)):
            messages.success(request, _("The agreement was changed; the previous version is kept."))
            return redirect("dialogue:agreement", pk=agreement.pk)
    return render(
        request,
        "dialogue/form.html",
        {"form": form, "title": _("Change agreement"), "procurement": agreement.procurement},
    )


def _agreement_action(request, pk, form, action, form_name, success, *, manage=False):
    agreement = get_agreement_for(request.user, pk, manage=manage)
    if form.is_valid() and _apply(form, lambda: action(agreement, form.cleaned_data)):
        messages.success(request, success)
        return redirect("dialogue:agreement", pk=agreement.pk)
    return render(
        request,
        "dialogue/agreement.html",
        _agreement_context(request, agreement, **{form_name: form}),
        status=400,
    )


@require_POST
@login_required
def agreement_status(request, pk):
    form = forms.AgreementStatusForm(request.POST, choices=list(Agreement.Status.values))
    return _agreement_action(
        request,
        pk,
        form,
        lambda a, d: services.change_agreement_status(a, actor=request.user, **d),
        "status_form",
        _("The status was changed."),
        manage=True,
    )


@require_POST
@login_required
def agreement_comment(request, pk):
    return _agreement_action(
        request,
        pk,
        forms.AgreementCommentForm(request.POST),
        lambda a, d: services.comment_on_agreement(a, actor=request.user, **d),
        "comment_form",
        _("Your comment was added."),
    )


# --- closing ------------------------------------------------------------------------------------


@require_POST
@login_required
def lot_close(request, pk):
    lot = get_lot_for(request.user, pk, manage=True)
    try:
        agreement_set = services.close_dialogue(lot, actor=request.user)
        messages.success(
            request,
            _("The dialogue is closed; agreement set %(number)s is being made.")
            % {"number": agreement_set.number},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("dialogue:planner", pk=lot.procurement_id)


@require_safe
@login_required
def agreement_set_pdf(request, pk):
    lot = get_lot_for(request.user, pk)
    agreement_set = AgreementSet.objects.filter(lot=lot).exclude(pdf="").first()
    if agreement_set is None:
        raise Http404
    return _download(agreement_set.pdf, f"{agreement_set.number}.pdf")
