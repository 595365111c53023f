"""The second factor (django-otp) for officers, assessors and administrators: a TOTP app plus ten
single-use recovery codes. With ``settings.OTP_REQUIRED_FOR_STAFF_ROLES`` on, such a person sees no page
but the verify, setup and logout pages until a code has been confirmed in this session."""

from base64 import b32encode
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from audit.actions import Action
from audit.services import record, records_refusals, refused
from common.numbers import is_whole_number

STAFF_ROLES = (Role.PROCUREMENT_OFFICER, Role.ASSESSOR, Role.ADMINISTRATOR)
RECOVERY_CODE_COUNT = 10
# The pages a person who still owes the second factor may see.
EXEMPT_VIEWS = {
    "accounts:two_factor_verify",
    "accounts:two_factor_setup",
    "accounts:logout",
    "set_language",
    "health",
}


@dataclass(frozen=True)
class Verification:
    """The outcome of checking a code: the device that accepted it, or how long to wait first."""

    device: TOTPDevice | StaticDevice | None
    wait_seconds: int = 0


def needs_second_factor(user: User) -> bool:
    """Officers, assessors and administrators (and anyone who may enter the admin) use a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or any(user.has_role(role) for role in STAFF_ROLES)


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def base32_secret(device: TOTPDevice) -> str:
    """The secret as an authenticator app wants it typed, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def start_setup(user: User) -> TOTPDevice:
    """The not yet confirmed authenticator of this person (the same one on every reload of the page)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def already_set_up_error() -> ValidationError:
    return ValidationError(_("An authenticator has already been set up for this account."), code="set_up")


@records_refusals(Action.ACCOUNTS_SECOND_FACTOR_SET_UP)
def confirm_setup(user: User, code: str, *, actor: User) -> tuple[TOTPDevice, list[str]]:
    """Confirm the new authenticator with a code from it; returns the device and ten new recovery codes
    (shown once). Refused when the code is wrong or a confirmed authenticator exists."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise already_set_up_error()
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(_normalise(code)):
        raise ValidationError(
            {"code": _("This code is not correct. Check the time on your phone and try again.")}
        )
    updated = TOTPDevice.objects.filter(pk=device.pk, confirmed=False).update(confirmed=True)
    if updated != 1:
        raise already_set_up_error()
    device.confirmed = True
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = replace_recovery_codes(user)
    record(Action.ACCOUNTS_SECOND_FACTOR_SET_UP, actor=actor, obj=user)
    return device, codes


def replace_recovery_codes(user: User) -> list[str]:
    """Ten fresh single-use recovery codes; earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify_second_factor(user: User, code: str) -> Verification:
    """Check a code from the authenticator (six digits) or a recovery code (used up when accepted).
    Wrong codes slow down further attempts on that device (django-otp's exponential back-off)."""
    code = _normalise(code)
    model = TOTPDevice if len(code) == 6 and is_whole_number(code) else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        refused(Action.ACCOUNTS_SECOND_FACTOR_VERIFIED, actor=user, obj=user, message="no such device")
        return Verification(None)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = (details or {}).get("locked_until")
        seconds = max(1, int((wait - timezone.now()).total_seconds()) + 1) if wait else 1
        refused(Action.ACCOUNTS_SECOND_FACTOR_VERIFIED, actor=user, obj=user, message="throttled")
        return Verification(None, wait_seconds=seconds)
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        refused(Action.ACCOUNTS_SECOND_FACTOR_VERIFIED, actor=user, obj=user, message="wrong code")
        return Verification(None)
    record(Action.ACCOUNTS_SECOND_FACTOR_VERIFIED, actor=user, obj=user, message=model.__name__)
    return Verification(verified)


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()
