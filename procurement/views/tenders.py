"""Pages of tender submission and the vault: thin views that parse, call a service and render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.models import Organisation
from accounts.roles import Role
from common.uploads import content_disposition
from common.views import refusal_shown
from procurement.access import (
    award_letters_of,
    get_procurement_for,
    get_tender_for,
    tender_invitations_of,
    tenders_of,
)
from procurement.forms.tenders import PublishInvitationForm, TenderSubmissionForm
from procurement.models import InvitationToTender, Lot, TenderFile
from procurement.services import tenders as services

provider_required = role_required(Role.PROVIDER_MEMBER)
officer_required = role_required(Role.PROCUREMENT_OFFICER)


def _pdf(field, filename: str) -> HttpResponse:
    if not field:
        raise Http404
    with field.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(filename)
    return response


# ---------------------------------------------------------------------------------------------- provider


@provider_required
@require_safe
def my_tenders(request):
    invitations = tender_invitations_of(request.user).select_related("lot__procurement")
    tenders = tenders_of(request.user).select_related("lot__procurement", "organisation")
    letters = award_letters_of(request.user).select_related("award__lot__procurement")
    return render(
        request,
        "procurement/tenders/my_tenders.html",
        {"invitations": invitations, "tenders": tenders, "letters": letters},
    )


@provider_required
def tender_form(request, lot_pk: int):
    invitation = get_object_or_404(
        tender_invitations_of(request.user).select_related("lot__procurement"), lot=lot_pk
    )
    lot = invitation.lot
    organisations = services.invited_organisations(request.user, lot)
    form = TenderSubmissionForm(
        request.POST or None, request.FILES or None, invitation=invitation, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            submission = services.submit_tender(
                lot,
                organisation=form.cleaned_data["organisation"],
                form=form.tender_form(),
                actor=request.user,
                confirmed=form.cleaned_data["confirm"],
            )
            messages.success(
                request,
                _("Your tender has been received. Time of receipt: %(moment)s.")
                % {"moment": services._moment(submission.submitted_at)},
            )
            return redirect("procurement:my_tenders")
    return render(
        request,
        "procurement/tenders/form.html",
        {
            "invitation": invitation,
            "lot": lot,
            "form": form,
            "open": services.window_open(invitation),
            "documents": services.invitation_documents(lot),
            "criteria": invitation.criteria.all(),
        },
    )


@provider_required
@require_safe
def receipt(request, pk: int):
    submission = get_object_or_404(tenders_of(request.user), pk=pk)
    return _pdf(submission.receipt, f"ontvangstbewijs-inschrijving-{submission.pk}.pdf")


@provider_required
@require_safe
def award_letter(request, pk: int):
    letter = get_object_or_404(award_letters_of(request.user), pk=pk)
    return _pdf(letter.file, f"gunningsbrief-{letter.pk}.pdf")


# ---------------------------------------------------------------------------------------------- officer


@officer_required
def publish_invitation(request, procurement_pk: int, lot_pk: int):
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    lot = get_object_or_404(Lot.objects.select_related("procurement"), procurement=procurement, pk=lot_pk)
    if InvitationToTender.objects.filter(lot=lot).exists():
        return redirect("procurement:tender_vault", procurement.pk, lot.pk)
    proposed = services.proposed_invitees(lot)
    form = PublishInvitationForm(
        request.POST or None,
        organisations=Organisation.objects.filter(pk__in=[org.pk for org in proposed]).order_by("name"),
        initial={"organisations": proposed},
    )
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            services.publish_invitation(
                lot,
                organisations=form.cleaned_data["organisations"],
                agreement_set=form.cleaned_data["agreement_set"],
                criteria=form.cleaned_data["criteria"],
                required_documents=form.cleaned_data["required_documents"],
                price_questions=form.cleaned_data["price_questions"],
                actor=request.user,
            )
            messages.success(request, _("The invitation to tender has been published."))
            return redirect("procurement:tender_vault", procurement.pk, lot.pk)
    return render(
        request,
        "procurement/tenders/publish.html",
        {
            "lot": lot,
            "form": form,
            "proposed": proposed,
            "deadline": services.default_deadline(lot),
            "documents": services.invitation_documents(lot),
        },
    )


# ---------------------------------------------------------------------------------------------- the vault


def _invitation_for_officer(request, procurement_pk: int, lot_pk: int) -> InvitationToTender:
    procurement = get_procurement_for(request.user, procurement_pk, manage=True)
    return get_object_or_404(
        InvitationToTender.objects.select_related("lot__procurement", "opening_started_by", "opened_by"),
        lot__procurement=procurement,
        lot=lot_pk,
    )


@officer_required
@require_safe
def vault(request, procurement_pk: int, lot_pk: int):
    invitation = _invitation_for_officer(request, procurement_pk, lot_pk)
    now = services.server_now()
    closed = now >= invitation.submission_deadline
    return render(
        request,
        "procurement/tenders/vault.html",
        {
            "invitation": invitation,
            "lot": invitation.lot,
            "closed": closed,
            "pending": services.opening_pending(invitation, now),
            "tenders": services.current_tenders(invitation.lot).order_by("organisation__name")
            if closed
            else None,
        },
    )


def _opening_step(request, procurement_pk: int, lot_pk: int, verb):
    invitation = _invitation_for_officer(request, procurement_pk, lot_pk)
    with refusal_shown(request):
        verb(invitation, actor=request.user)
    return redirect("procurement:tender_vault", procurement_pk, lot_pk)


@officer_required
@require_POST
def start_opening(request, procurement_pk: int, lot_pk: int):
    return _opening_step(request, procurement_pk, lot_pk, services.start_opening)


@officer_required
@require_POST
def confirm_opening(request, procurement_pk: int, lot_pk: int):
    return _opening_step(request, procurement_pk, lot_pk, services.confirm_opening)


@officer_required
@require_safe
def opening_report(request, procurement_pk: int, lot_pk: int):
    invitation = _invitation_for_officer(request, procurement_pk, lot_pk)
    return _pdf(invitation.opening_report, f"proces-verbaal-opening-perceel-{invitation.lot.number}.pdf")


def _sealed(request, submission, refusal: PermissionDenied) -> HttpResponse:
    """The vault refused to open the tender for this person: say why (403)."""
    context = {"submission": submission, "reason": str(refusal)}
    return render(request, "procurement/tenders/sealed.html", context, status=403)


@role_required(Role.PROCUREMENT_OFFICER, Role.ASSESSOR)
@require_safe
def tender_detail(request, pk: int):
    submission = get_tender_for(request.user, pk)
    try:
        content = services.read_tender(submission, actor=request.user)
    except PermissionDenied as refusal:
        return _sealed(request, submission, refusal)
    return render(request, "procurement/tenders/detail.html", {"submission": submission, "content": content})


@role_required(Role.PROCUREMENT_OFFICER, Role.ASSESSOR)
@require_safe
def tender_file(request, pk: int, file_pk: int):
    submission = get_tender_for(request.user, pk)
    stored = get_object_or_404(TenderFile, submission=submission, pk=file_pk)
    try:
        data = services.read_tender_file(stored, actor=request.user)
    except PermissionDenied as refusal:
        return _sealed(request, submission, refusal)
    response = HttpResponse(data, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition(stored.original_name)
    return response
