"""Organisation self-service: a provider signs up with its organisation, invites colleagues by e-mail,
and its administrators manage who may act for it. Each verb records who acted in the audit trail, in the
same transaction as the change."""

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import may_administer
from accounts.models import Invitation, Membership, Organisation, User, kvk_validator
from accounts.roles import Role
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import changed_fields, record, refusals_recorded

logger = logging.getLogger(__name__)

ORGANISATION_FIELDS = ["name", "kvk_number", "agb_code", "street_address", "postal_code", "city"]


def duplicate_kvk_error() -> ValidationError:
    """The same message whoever registered the number, so it reveals nothing about them."""
    return ValidationError(
        _(
            "An organisation with this KvK number is already registered on the portal. "
            "Ask its administrator to invite you."
        ),
        code="duplicate_kvk",
    )


def email_taken_error() -> ValidationError:
    return ValidationError(
        _("An account with this e-mail address already exists. Log in instead."), code="email_taken"
    )


class InvitationUnusable(ValidationError):
    """The invitation link is unknown, expired, revoked or already used."""


# --- signing up -------------------------------------------------------------------------------------


@transaction.atomic
def sign_up_provider(
    *, email: str, full_name: str, password: str, organisation: dict[str, Any]
) -> tuple[User, Organisation]:
    """Create a provider's account and its organisation together; the person becomes provider member and
    administrator (and signatory) of the organisation. A duplicate KvK number saves nothing."""
    fields = {key: organisation.get(key, "") for key in ORGANISATION_FIELDS}
    try:
        with transaction.atomic():
            created = Organisation.objects.create(**fields)
    except IntegrityError:
        raise ValidationError({"kvk_number": duplicate_kvk_error()}) from None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, full_name=full_name)
    except IntegrityError:
        raise ValidationError({"email": email_taken_error()}) from None
    user.add_role(Role.PROVIDER_MEMBER)
    membership = Membership.objects.create(
        user=user, organisation=created, role=Membership.Role.ADMIN, is_signatory=True
    )
    record(Action.ACCOUNTS_PROVIDER_SIGN_UP, actor=user, obj=user)
    record(
        Action.ACCOUNTS_ORGANISATION_CREATE,
        actor=user,
        obj=created,
        changes={"kvk_number": [None, fields["kvk_number"]]},
    )
    record(
        Action.ACCOUNTS_MEMBERSHIP_CREATE,
        actor=user,
        obj=membership,
        changes={"role": [None, membership.role]},
    )
    return user, created


# --- who may manage ---------------------------------------------------------------------------------


def _admin_only(action: str, organisation_of: Callable[[Any], Organisation]):
    """The service is for administrators of the organisation; it runs in ``refusals_recorded`` under
    ``action``, so that a refusal (of a non-administrator or by the service) stays in the audit trail."""

    def decorator(service):
        @wraps(service)
        def wrapped(subject, *, actor: User, **kwargs):
            organisation = organisation_of(subject)
            with refusals_recorded(action, actor=actor, obj=organisation):
                if not may_administer(actor, organisation.pk):
                    raise ValidationError(
                        _("Only an administrator of the organisation may do this."), code="not_admin"
                    )
                return service(subject, actor=actor, **kwargs)

        return wrapped

    return decorator


# --- invitations ------------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('accounts:invitation_accept', args=[token])}"


def _new_invitation(
    organisation: Organisation, *, email: str, role: str, is_signatory: bool, invited_by: User | None
) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email.strip().lower(),
        role=role,
        is_signatory=is_signatory,
        token_hash=hash_token(token),
        invited_by=invited_by,
    )
    record(
        Action.ACCOUNTS_INVITATION_SEND,
        actor=invited_by,
        obj=invitation,
        changes={
            "email": [None, invitation.email],
            "role": [None, role],
            "is_signatory": [None, is_signatory],
        },
    )
    return invitation, token


def _send_invitation(invitation: Invitation, token: str, *, context: str = "") -> None:
    """Existing users get a portal notification (and its e-mail) pointing to 'My invitations', where they
    accept; the raw token is never stored. A new address gets an e-mail with the one-time link."""
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else _("The portal")
    subject = _("Invitation to act for %(organisation)s on Dialoog") % {
        "organisation": invitation.organisation
    }
    lines = [
        _("%(inviter)s invites you to act for %(organisation)s on Dialoog, as %(role)s.")
        % {
            "inviter": inviter,
            "organisation": invitation.organisation,
            "role": invitation.get_role_display(),
        }
    ]
    if context:
        lines.append(context)
    lines.append(
        _("The invitation is valid until %(date)s.")
        % {"date": date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT")}
    )
    existing = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    if existing is not None:
        lines.append(_("Log in and accept the invitation under 'My invitations'."))
        notify(
            [existing],
            key=f"invitation:{invitation.pk}",
            subject=subject,
            body="\n\n".join(lines),
            url=reverse("accounts:my_invitations"),
        )
        return
    lines.append(_("Open this link to create your account and accept the invitation:"))
    body = "\n\n".join([*lines, invitation_url(token)])
    transaction.on_commit(lambda: _mail(subject, body, invitation.email))


def _mail(subject: str, body: str, address: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the invitation stands; an administrator can revoke it and invite again
        logger.exception("invitation e-mail to a new address could not be sent")


@_admin_only(Action.ACCOUNTS_INVITATION_SEND, lambda organisation: organisation)
def invite_member(
    organisation: Organisation, *, actor: User, email: str, role: str, is_signatory: bool = False
) -> Invitation:
    """An administrator invites a colleague by e-mail to act for the organisation."""
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("This person already acts for the organisation."), code="already_member")
    if organisation.invitations.pending().filter(email__iexact=email).exists():
        raise ValidationError(
            _("There is already a pending invitation for this e-mail address."), code="already_invited"
        )
    invitation, token = _new_invitation(
        organisation, email=email, role=role, is_signatory=is_signatory, invited_by=actor
    )
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invite_organisation(
    *, name: str, kvk_number: str, contact_email: str, invited_by: User, context: str = ""
) -> tuple[Organisation, Invitation | None]:
    """A member not yet on the portal is invited (e.g. into a partnership): find the organisation by its
    KvK number or create it, and invite the contact as its administrator.

    An organisation that already has members is on the portal: nobody outside it may hand out
    administrator rights, so no invitation is made (``None``) and its administrators are notified
    instead. A pending administrator invitation for the same address is reused, not sent twice, and so
    is one made by someone else for another address: it stands until it is accepted or expires."""
    kvk_number, contact_email = kvk_number.strip(), contact_email.strip().lower()
    kvk_validator(kvk_number)
    validate_email(contact_email)
    # the organisation's row is locked, as in ``reinvite_organisation``: two people inviting it at the same
    # moment take turns, and the second finds the first one's invitation
    organisation = Organisation.objects.select_for_update().filter(kvk_number=kvk_number).first()
    if organisation is None:
        organisation = Organisation(name=name.strip(), kvk_number=kvk_number)
        organisation.full_clean()
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError:  # registered at this very moment by someone else
            organisation = Organisation.objects.select_for_update().get(kvk_number=kvk_number)
        else:
            record(Action.ACCOUNTS_ORGANISATION_CREATE, actor=invited_by, obj=organisation, message=context)
    admins = User.objects.filter(
        memberships__organisation=organisation, memberships__role=Membership.Role.ADMIN, is_active=True
    )
    if organisation.memberships.exists():
        notify(
            admins,
            key=f"organisation-invited:{organisation.pk}:{invited_by.pk}:{context}"[:200],
            subject=_("%(organisation)s was named on Dialoog") % {"organisation": organisation},
            body="\n\n".join(
                filter(
                    None,
                    [
                        _("%(inviter)s named your organisation.") % {"inviter": invited_by.get_full_name()},
                        context,
                    ],
                )
            ),
            url=reverse("dashboards:provider"),
        )
        return organisation, None
    pending = organisation.invitations.pending().filter(role=Membership.Role.ADMIN)
    # the same address is not invited twice, and nobody else's pending invitation is overtaken by a new
    # address (that would let a second inviter claim the organisation)
    existing = pending.filter(email=contact_email).first() or pending.exclude(invited_by=invited_by).first()
    if existing is not None:
        return organisation, existing
    return organisation, _invite_administrator(
        organisation, email=contact_email, invited_by=invited_by, context=context
    )


def on_portal_error(organisation: Organisation) -> ValidationError:
    return ValidationError(
        _("People already act for %(organisation)s on the portal: its administrators manage its invitations.")
        % {"organisation": organisation},
        code="on_portal",
    )


@transaction.atomic
def reinvite_organisation(
    organisation: Organisation, *, contact_email: str, invited_by: User, context: str = ""
) -> Invitation:
    """Invite a (new) contact as administrator of an organisation that nobody acts for yet and that has
    no open invitation: its last one expired or was withdrawn, or it was never invited. Where
    ``invite_organisation`` quietly reuses what stands, this refuses: the inviter asked for a new one."""
    contact_email = contact_email.strip().lower()
    validate_email(contact_email)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.memberships.exists():
        raise on_portal_error(organisation)
    pending = organisation.invitations.pending().order_by("-expires_at").first()
    if pending is not None:
        raise ValidationError(
            _(
                "There is already an open invitation for %(organisation)s, valid until %(date)s; a new one "
                "can be sent once it has expired or been withdrawn."
            )
            % {
                "organisation": organisation,
                "date": date_format(timezone.localtime(pending.expires_at), "j F Y H:i"),
            },
            code="already_invited",
        )
    return _invite_administrator(organisation, email=contact_email, invited_by=invited_by, context=context)


def _invite_administrator(
    organisation: Organisation, *, email: str, invited_by: User, context: str
) -> Invitation:
    invitation, token = _new_invitation(
        organisation, email=email, role=Membership.Role.ADMIN, is_signatory=False, invited_by=invited_by
    )
    _send_invitation(invitation, token, context=context)
    return invitation


@dataclass(frozen=True)
class InvitationState:
    """Where an organisation that nobody acts for on the portal yet stands with its invitations: one is
    open until ``pending_until`` (the latest), or else the last unused one expired at ``expired_at``;
    neither when it was never invited or its invitations were revoked."""

    pending_until: datetime | None
    expired_at: datetime | None


def invitation_states(organisations: QuerySet[Organisation]) -> dict[int, InvitationState]:
    """Those of the organisations that nobody acts for yet, by id, with their invitation state; one query.
    An organisation with members is on the portal: its invitations of colleagues are its own business."""

    def latest_expiry(invitations: QuerySet[Invitation]) -> Subquery:
        return Subquery(
            invitations.filter(organisation=OuterRef("pk")).order_by("-expires_at").values("expires_at")[:1]
        )

    rows = (
        organisations.filter(memberships__isnull=True)
        .annotate(
            pending_until=latest_expiry(Invitation.objects.pending()),
            expired_at=latest_expiry(Invitation.objects.lapsed()),
        )
        .values_list("pk", "pending_until", "expired_at")
    )
    return {
        pk: InvitationState(pending_until=pending, expired_at=None if pending else expired)
        for pk, pending, expired in rows
    }


def find_invitation(token: str) -> Invitation:
    """The invitation of a link, or InvitationUnusable with a message saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationUnusable(
            _("This invitation link is not valid. Check the link in your e-mail."), code="unknown"
        )
    check_usable(invitation)
    return invitation


def other_email_error() -> InvitationUnusable:
    return InvitationUnusable(
        _(
            "This invitation is for another e-mail address. "
            "Log in with the address the invitation was sent to."
        ),
        code="other_email",
    )


def check_usable(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise InvitationUnusable(_("This invitation has already been used."), code="used")
    if invitation.revoked_at is not None:
        raise InvitationUnusable(
            _("This invitation has been withdrawn. Ask the organisation for a new invitation."),
            code="revoked",
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _("This invitation has expired. Ask the organisation for a new invitation."), code="expired"
        )


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user: User) -> Membership:
    """The invited person joins the organisation. Single use: only the first acceptance counts."""
    if user.email.lower() != invitation.email.lower():
        raise other_email_error()
    check_usable(invitation)
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now, accepted_by=user)
    if claimed != 1:
        invitation.refresh_from_db()
        check_usable(invitation)
        raise InvitationUnusable(_("This invitation has already been used."), code="used")
    user.add_role(Role.PROVIDER_MEMBER)
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "is_signatory": invitation.is_signatory},
    )
    record(Action.ACCOUNTS_INVITATION_ACCEPT, actor=user, obj=invitation)
    if created:
        record(
            Action.ACCOUNTS_MEMBERSHIP_CREATE,
            actor=user,
            obj=membership,
            changes={"role": [None, membership.role], "is_signatory": [None, membership.is_signatory]},
        )
    return membership


@transaction.atomic
def accept_invitation_with_new_account(invitation: Invitation, *, full_name: str, password: str) -> User:
    """A person new to the portal creates an account with the invited address and joins."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationUnusable(
            _("An account with this e-mail address already exists. Log in to accept the invitation."),
            code="account_exists",
        )
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    record(Action.ACCOUNTS_INVITATION_SIGN_UP, actor=user, obj=user)
    accept_invitation(invitation, user=user)
    return user


@_admin_only(Action.ACCOUNTS_INVITATION_REVOKE, lambda invitation: invitation.organisation)
def revoke_invitation(invitation: Invitation, *, actor: User) -> None:
    """An administrator of the organisation withdraws one of its invitations."""
    withdraw_invitation(invitation, actor=actor)


def not_pending_error() -> ValidationError:
    return ValidationError(_("This invitation is no longer pending."), code="not_pending")


def withdraw_invitation(invitation: Invitation, *, actor: User) -> None:
    """Withdraw an unused invitation. Who may is the caller's rule: an administrator of the organisation
    (``revoke_invitation``), or whoever invited the organisation into a registration (procurement)."""
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if updated != 1:
        raise not_pending_error()
    record(Action.ACCOUNTS_INVITATION_REVOKE, actor=actor, obj=invitation)


# --- managing members -------------------------------------------------------------------------------


def _lock_admins(organisation: Organisation) -> list[int]:
    """Lock the organisation's admin rows so two admins cannot demote each other at the same moment."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=Membership.Role.ADMIN)
        .values_list("pk", flat=True)
    )


def _last_admin_error() -> ValidationError:
    return ValidationError(
        _("An organisation needs at least one administrator. Make someone else administrator first."),
        code="last_admin",
    )


@_admin_only(Action.ACCOUNTS_MEMBERSHIP_CHANGE, lambda membership: membership.organisation)
def change_membership(membership: Membership, *, actor: User, role: str, is_signatory: bool) -> Membership:
    """An administrator changes a member's role or signatory authority."""
    admins = _lock_admins(membership.organisation)
    if role != Membership.Role.ADMIN and admins == [membership.pk]:
        raise _last_admin_error()
    before = {"role": membership.role, "is_signatory": membership.is_signatory}
    Membership.objects.filter(pk=membership.pk).update(role=role, is_signatory=is_signatory)
    membership.role, membership.is_signatory = role, is_signatory
    after = {"role": role, "is_signatory": is_signatory}
    record(
        Action.ACCOUNTS_MEMBERSHIP_CHANGE, actor=actor, obj=membership, changes=changed_fields(before, after)
    )
    return membership


@_admin_only(Action.ACCOUNTS_MEMBERSHIP_REMOVE, lambda membership: membership.organisation)
def remove_member(membership: Membership, *, actor: User) -> None:
    """An administrator removes someone from the organisation (never its last administrator)."""
    admins = _lock_admins(membership.organisation)
    if admins == [membership.pk]:
        raise _last_admin_error()
    record(Action.ACCOUNTS_MEMBERSHIP_REMOVE, actor=actor, obj=membership, message=membership.user.email)
    membership.delete()
