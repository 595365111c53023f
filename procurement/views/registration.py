"""Pages of the registration of interest: thin views that parse, call a service and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import may_act_for, organisations_of
from accounts.decorators import role_required
from accounts.roles import Role
from procurement.access import (
    get_procurement_for,
    get_registration_for,
    may_declare,
    may_download_declaration_document,
    registrations_of,
)
from procurement.forms.registration import (
    CareTypesForm,
    ChangeFormForm,
    DeclarationForm,
    InviteMemberForm,
    MemberForm,
    OverviewFilterForm,
    ReinviteMemberForm,
    StartRegistrationForm,
    SubmitForm,
    SuitabilityQuestionForm,
    WithdrawForm,
)
from procurement.models import DeclarationDocument, Lot, Registration
from procurement.services import preselection
from procurement.services import registration as services

provider_required = role_required(Role.PROVIDER_MEMBER)
officer_required = role_required(Role.PROCUREMENT_OFFICER)
OVERVIEW_PAGE_SIZE = 25


def _editor_url(registration: Registration) -> str:
    return reverse("procurement:registration", args=[registration.pk])


def _member(registration: Registration, member_pk: int):
    return get_object_or_404(registration.members.select_related("organisation"), pk=member_pk)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---------------------------------------------------------------------------------------------- provider


@provider_required
@require_safe
def my_registrations(request):
    registrations = services.with_progress_data(registrations_of(request.user)).order_by("-created_at")
    rows = services.progress_of_many(registrations)
    return render(request, "procurement/registration/my_list.html", {"rows": rows})


@provider_required
def start(request, procurement_pk: int, lot_pk: int):
    procurement = get_procurement_for(request.user, procurement_pk)
    lot = get_object_or_404(procurement.lots, pk=lot_pk)
    organisations = organisations_of(request.user)
    form = StartRegistrationForm(
        request.POST if request.method == "POST" else None, organisations=organisations, lot=lot
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.create_registration(
                lot, lead=form.cleaned_data["lead"], form=form.cleaned_data["form"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your draft registration has been saved."))
            return redirect(_editor_url(registration))
    return render(
        request,
        "procurement/registration/start.html",
        {"lot": lot, "procurement": procurement, "form": form, "open": services.window_open(procurement)},
    )


def _editor_context(request, registration: Registration, **forms) -> dict:
    registration = services.with_progress_data(Registration.objects.filter(pk=registration.pk)).get()
    state = services.progress(registration)
    user_orgs = set(organisations_of(request.user).values_list("pk", flat=True))
    editable = registration.status == Registration.Status.DRAFT
    is_lead = registration.lead_id in user_orgs
    is_open = services.window_open(registration.lot.procurement)
    offered = list(services.offered_care_types(registration.lot))
    invitations = services.member_invitations(registration)
    revocable: dict[int, list] = {}
    for invitation in services.revocable_invitations(registration, request.user):
        revocable.setdefault(invitation.organisation_id, []).append(invitation)
    bound_reinvite = forms.get("reinvite_form")

    def reinvite_form(member) -> ReinviteMemberForm | None:
        if bound_reinvite is not None and bound_reinvite.member.pk == member.pk:
            return bound_reinvite
        invitation = invitations.get(member.organisation_id)
        if editable and is_lead and is_open and invitation and not invitation.pending_until:
            return ReinviteMemberForm(member=member)
        return None

    members = [
        {
            "progress": p,
            "care_form": CareTypesForm(
                offered=offered,
                initial={"care_types": list(p.member.care_types.all())},
                prefix=f"member-{p.member.pk}",
            )
            if editable and (is_lead or p.member.organisation_id in user_orgs)
            else None,
            "own": p.member.organisation_id in user_orgs,
            "invitation": invitations.get(p.member.organisation_id),
            "revocable": revocable.get(p.member.organisation_id, []),
            "reinvite_form": reinvite_form(p.member),
        }
        for p in state.members
    ]
    return {
        "registration": registration,
        "state": state,
        "members": members,
        "is_lead": is_lead,
        "editable": editable and is_lead,
        "open": is_open,
        "member_form": forms.get("member_form") or MemberForm(),
        "invite_form": forms.get("invite_form") or InviteMemberForm(),
        "change_form": ChangeFormForm(initial={"form": registration.form}),
        "decision": preselection.published_decision(registration),
    }


@provider_required
@require_safe
def editor(request, pk: int):
    registration = get_registration_for(request.user, pk)
    return render(request, "procurement/registration/editor.html", _editor_context(request, registration))


@provider_required
@require_POST
def change_form(request, pk: int):
    registration = get_registration_for(request.user, pk)
    form = ChangeFormForm(request.POST)
    if form.is_valid():
        try:
            services.change_form(registration, form=form.cleaned_data["form"], actor=request.user)
            messages.success(request, _("The form of the registration has been changed."))
        except ValidationError as error:
            _refused(request, error)
    return redirect(_editor_url(registration))


@provider_required
@require_POST
def add_member(request, pk: int):
    registration = get_registration_for(request.user, pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.add_member(
                registration, kvk_number=form.cleaned_data["kvk_number"], actor=request.user
            )
        except ValidationError as error:
            form.add_error("kvk_number", error)
        else:
            messages.success(
                request, _("%(organisation)s has been added.") % {"organisation": member.organisation}
            )
            return redirect(_editor_url(registration))
    context = _editor_context(request, registration, member_form=form)
    return render(request, "procurement/registration/editor.html", context, status=400)


@provider_required
@require_POST
def invite_member(request, pk: int):
    """The lead invites an organisation that is not on the portal yet as a member."""
    registration = get_registration_for(request.user, pk, manage=True)
    form = InviteMemberForm(request.POST)
    if form.is_valid():
        try:
            member, invitation = services.invite_member(registration, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if invitation is None:
                message = _(
                    "%(organisation)s is already on the portal and has been added; its administrators have "
                    "been notified."
                )
            else:
                message = _("%(organisation)s has been added and %(email)s has been invited.")
            messages.success(
                request,
                message % {"organisation": member.organisation, "email": invitation and invitation.email},
            )
            return redirect(_editor_url(registration))
    context = _editor_context(request, registration, invite_form=form)
    return render(request, "procurement/registration/editor.html", context, status=400)


@provider_required
@require_POST
def reinvite_member(request, pk: int, member_pk: int):
    """The lead invites a member organisation that nobody acts for yet once more, in its row."""
    registration = get_registration_for(request.user, pk, manage=True)
    form = ReinviteMemberForm(request.POST, member=_member(registration, member_pk))
    if form.is_valid():
        try:
            invitation = services.reinvite_member(
                form.member, contact_email=form.cleaned_data["contact_email"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("A new invitation for %(organisation)s has been sent to %(email)s.")
                % {"organisation": form.member.organisation, "email": invitation.email},
            )
            return redirect(_editor_url(registration))
    context = _editor_context(request, registration, reinvite_form=form)
    return render(request, "procurement/registration/editor.html", context, status=400)


@provider_required
@require_POST
def revoke_invitation(request, pk: int, invitation_pk: int):
    """Whoever sent an open invitation for a member, or the lead, withdraws it."""
    registration = get_registration_for(request.user, pk)
    invitation = get_object_or_404(
        services.invitations_of_members(registration).select_related("organisation"), pk=invitation_pk
    )
    try:
        services.revoke_member_invitation(registration, invitation, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect(_editor_url(registration))


@provider_required
@require_POST
def remove_member(request, pk: int, member_pk: int):
    registration = get_registration_for(request.user, pk)
    try:
        services.remove_member(_member(registration, member_pk), actor=request.user)
        messages.success(request, _("The member has been removed."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(_editor_url(registration))


@provider_required
@require_POST
def care_types(request, pk: int, member_pk: int):
    """Save a member's care types; with htmx, answer with the refreshed list of missing care types."""
    registration = get_registration_for(request.user, pk)
    member = _member(registration, member_pk)
    offered = list(services.offered_care_types(registration.lot))
    form = CareTypesForm(request.POST, offered=offered, prefix=f"member-{member.pk}")
    error = None
    if form.is_valid():
        try:
            services.set_care_types(member, care_types=form.cleaned_data["care_types"], actor=request.user)
        except ValidationError as refused:
            error = refused
    else:
        error = ValidationError(_("Choose care types of this procurement."))
    if request.htmx:
        context = {"state": services.progress(registration), "error": error}
        return render(request, "procurement/registration/_missing.html", context)
    if error:
        _refused(request, error)
    else:
        messages.success(request, _("The care types have been saved."))
    return redirect(_editor_url(registration))


@provider_required
def declaration(request, pk: int, member_pk: int):
    registration = get_registration_for(request.user, pk)
    member = _member(registration, member_pk)
    if not may_act_for(request.user, member.organisation_id):
        raise Http404
    questions = list(registration.lot.procurement.suitability_questions.all())
    form = DeclarationForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        member=member,
        questions=questions,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_declaration(member, form.to_declaration(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The self-declaration has been saved."))
            return redirect(_editor_url(registration))
    documents = member.documents.select_related("question")
    return render(
        request,
        "procurement/registration/declaration.html",
        {
            "registration": registration,
            "member": member,
            "form": form,
            "documents": documents,
            "may_edit": registration.status == Registration.Status.DRAFT
            and may_declare(request.user, member),
        },
        status=400 if form.errors else 200,
    )


@provider_required
def submit(request, pk: int):
    registration = get_registration_for(request.user, pk, manage=True)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_registration(
                registration, actor=request.user, confirmed=form.cleaned_data["confirm"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your registration has been submitted. The receipt follows shortly."))
            return redirect(_editor_url(registration))
    context = _editor_context(request, registration) | {"form": form}
    return render(
        request, "procurement/registration/submit.html", context, status=400 if form.errors else 200
    )


@provider_required
def withdraw(request, pk: int):
    registration = get_registration_for(request.user, pk, manage=True)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_registration(
                registration, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The registration has been withdrawn."))
            return redirect(_editor_url(registration))
    return render(
        request,
        "procurement/registration/withdraw.html",
        {"registration": registration, "form": form},
        status=400 if form.errors else 200,
    )


@provider_required
@require_safe
def receipt(request, pk: int):
    """The receipt PDF: for the registration's own organisations only."""
    registration = get_registration_for(request.user, pk)
    if not registration.receipt:
        raise Http404
    return FileResponse(
        registration.receipt.open("rb"),
        as_attachment=True,
        filename=f"ontvangstbewijs-aanmelding-{registration.pk}.pdf",
        content_type="application/pdf",
    )


def _document_response(document: DeclarationDocument) -> FileResponse:
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@provider_required
@require_safe
def document(request, pk: int, document_pk: int):
    """A self-declaration document: for the member that uploaded it and for the lead."""
    registration = get_registration_for(request.user, pk)
    doc = get_object_or_404(
        DeclarationDocument.objects.select_related("member__registration"),
        pk=document_pk,
        member__registration=registration,
    )
    if not may_download_declaration_document(request.user, doc):
        raise Http404
    return _document_response(doc)


# ---------------------------------------------------------------------------------------------- officer


def _managed_lot(request, procurement_pk: int, lot_pk: int) -> Lot:
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    return get_object_or_404(procurement.lots.select_related("procurement"), pk=lot_pk)


@officer_required
@require_safe
def overview(request, procurement_pk: int, lot_pk: int):
    lot = _managed_lot(request, procurement_pk, lot_pk)
    filters = OverviewFilterForm(request.GET or None)
    filters.is_valid()
    wanted = filters.cleaned_data if filters.is_bound else {}
    registrations = services.lot_overview(lot).select_related("review")
    if wanted.get("status"):
        registrations = registrations.filter(status=wanted["status"])
    if wanted.get("completeness"):
        registrations = registrations.filter(is_complete=wanted["completeness"] == "complete")
    page = Paginator(registrations, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    counts = dict(lot.registrations.values_list("status").annotate(n=Count("pk")))
    return render(
        request,
        "procurement/registration/overview.html",
        {
            "lot": lot,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "counts": [(label, counts.get(value, 0)) for value, label in Registration.Status.choices],
            "in_several": services.organisations_in_several(lot),
            "review_counts": preselection.review_counts(lot),
        },
    )


@officer_required
@require_safe
def officer_detail(request, procurement_pk: int, pk: int):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    registration = get_object_or_404(
        services.with_progress_data(Registration.objects.filter(lot__procurement=procurement)), pk=pk
    )
    return render(
        request,
        "procurement/registration/officer_detail.html",
        {
            "registration": registration,
            "state": services.progress(registration),
            "in_several": services.organisations_in_several(registration.lot),
        },
    )


@officer_required
@require_safe
def officer_document(request, procurement_pk: int, pk: int, document_pk: int):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    doc = get_object_or_404(
        DeclarationDocument,
        pk=document_pk,
        member__registration_id=pk,
        member__registration__lot__procurement=procurement,
    )
    return _document_response(doc)


@officer_required
def questions(request, procurement_pk: int):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    form = SuitabilityQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_suitability_question(procurement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("procurement:registration_questions", procurement_pk=procurement.pk)
    return render(
        request,
        "procurement/registration/questions.html",
        {"procurement": procurement, "questions": procurement.suitability_questions.all(), "form": form},
        status=400 if form.errors else 200,
    )
