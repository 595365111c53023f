"""Pages of organisation self-service: sign up, members and invitations, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_organisation_for, invitations_of, may_administer, start_page_name
from accounts.forms import (
    InvitationAcceptSignUpForm,
    InviteMemberForm,
    MembershipForm,
    ProviderSignUpForm,
)
from accounts.models import Invitation, Membership, User
from accounts.services import organisations as services

BACKEND = "accounts.backends.PortalBackend"


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def sign_up(request):
    if request.user.is_authenticated:
        return redirect(start_page_name(request.user))
    form = ProviderSignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, organisation = services.sign_up_provider(
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                organisation=form.organisation_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                _("Welcome! Your account and %(organisation)s are registered.")
                % {"organisation": organisation},
            )
            return redirect("dashboards:provider")
    return render(request, "accounts/organisation/sign_up.html", {"form": form})


@login_required
@require_safe
def organisation_detail(request, pk: int):
    organisation = get_organisation_for(request.user, pk)
    is_admin = may_administer(request.user, organisation.pk)
    memberships = organisation.memberships.select_related("user").order_by("user__full_name", "user__email")
    invitations = (
        organisation.invitations.pending().select_related("invited_by").order_by("email") if is_admin else []
    )
    return render(
        request,
        "accounts/organisation/detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "is_admin": is_admin,
        },
    )


@login_required
def invite(request, pk: int):
    organisation = get_organisation_for(request.user, pk, manage=True)
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                organisation,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                is_signatory=form.cleaned_data["is_signatory"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:organisation", pk=organisation.pk)
    return render(request, "accounts/organisation/invite.html", {"organisation": organisation, "form": form})


@login_required
def membership_edit(request, pk: int, membership_pk: int):
    organisation = get_organisation_for(request.user, pk, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_pk, organisation=organisation
    )
    form = MembershipForm(
        request.POST or None, initial={"role": membership.role, "is_signatory": membership.is_signatory}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(
                membership,
                actor=request.user,
                role=form.cleaned_data["role"],
                is_signatory=form.cleaned_data["is_signatory"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("accounts:organisation", pk=organisation.pk)
    return render(
        request,
        "accounts/organisation/membership_edit.html",
        {"organisation": organisation, "membership": membership, "form": form},
    )


@login_required
def membership_remove(request, pk: int, membership_pk: int):
    organisation = get_organisation_for(request.user, pk, manage=True)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_pk, organisation=organisation
    )
    error = None
    if request.method == "POST":
        try:
            services.remove_member(membership, actor=request.user)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request, _("%(person)s no longer acts for the organisation.") % {"person": membership.user}
            )
            if membership.user_id == request.user.pk:
                return redirect("dashboards:home")
            return redirect("accounts:organisation", pk=organisation.pk)
    return render(
        request,
        "accounts/organisation/membership_remove.html",
        {"organisation": organisation, "membership": membership, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def invitation_revoke(request, pk: int, invitation_pk: int):
    organisation = get_organisation_for(request.user, pk, manage=True)
    invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=organisation)
    try:
        services.revoke_invitation(invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("accounts:organisation", pk=organisation.pk)


def _unusable(request, error: ValidationError, invitation: Invitation | None = None):
    return render(
        request,
        "accounts/organisation/invitation_unusable.html",
        {"message": error.messages[0], "invitation": invitation},
        status=410 if invitation is not None or error.code != "unknown" else 404,
    )


def invitation_accept(request, token: str):
    """The page behind the link in the e-mail."""
    try:
        invitation = services.find_invitation(token)
    except services.InvitationUnusable as error:
        return _unusable(request, error)
    if request.user.is_authenticated:
        return _accept_as_user(request, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "accounts/organisation/invitation_log_in.html", {"invitation": invitation})
    form = InvitationAcceptSignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation_with_new_account(
                invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationUnusable as error:
            return _unusable(request, error, invitation)
        login(request, user, backend=BACKEND)
        return _joined(request, invitation)
    return render(
        request, "accounts/organisation/invitation_sign_up.html", {"invitation": invitation, "form": form}
    )


def _accept_as_user(request, invitation: Invitation):
    if request.user.email.lower() != invitation.email.lower():
        return _unusable(request, services.other_email_error(), invitation)
    if request.method == "POST":
        try:
            services.accept_invitation(invitation, user=request.user)
        except services.InvitationUnusable as error:
            return _unusable(request, error, invitation)
        return _joined(request, invitation)
    return render(request, "accounts/organisation/invitation_confirm.html", {"invitation": invitation})


@login_required
@require_safe
def my_invitations(request):
    """The pending invitations to my e-mail address (any logged-in person; the e-mail links here)."""
    return render(
        request, "accounts/organisation/my_invitations.html", {"invitations": invitations_of(request.user)}
    )


@login_required
@require_POST
def invitation_accept_mine(request, invitation_pk: int):
    """Accept an invitation to one's own e-mail address from the dashboard (no link needed)."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation"), pk=invitation_pk, email__iexact=request.user.email
    )
    try:
        services.accept_invitation(invitation, user=request.user)
    except services.InvitationUnusable as error:
        return _unusable(request, error, invitation)
    return _joined(request, invitation)


def _joined(request, invitation: Invitation):
    messages.success(
        request, _("You now act for %(organisation)s.") % {"organisation": invitation.organisation}
    )
    return redirect("dashboards:provider")
