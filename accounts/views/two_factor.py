"""The pages of the second factor: confirm a code after the password, and set up an authenticator."""

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from accounts.services import two_factor
from common.views import refusal_shown


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return "/"


def _finish(request, device) -> None:
    """The session now counts as verified with this device; a new session key guards against fixation."""
    otp_login(request, device)
    request.session.cycle_key()


@login_required
def verify(request):
    user = request.user
    if not two_factor.needs_second_factor(user) or user.is_verified():
        return redirect(_next_url(request))
    if two_factor.confirmed_device(user) is None:
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify_second_factor(user, form.cleaned_data["code"])
        if result.device is not None:
            _finish(request, result.device)
            return redirect(_next_url(request))
        if result.wait_seconds:
            form.add_error(
                "code",
                _("Too many wrong codes. Wait %(seconds)s seconds and try again.")
                % {"seconds": result.wait_seconds},
            )
        else:
            form.add_error("code", _("This code is not correct (or has been used already)."))
    return render(request, "accounts/2fa/verify.html", {"form": form, "next": _next_url(request)})


@login_required
def setup(request):
    user = request.user
    if not two_factor.needs_second_factor(user):
        return redirect("dashboards:home")
    if two_factor.confirmed_device(user) is not None:
        return redirect("accounts:two_factor_verify")
    device = two_factor.start_setup(user)
    form = CodeForm(request.POST or None)
    form.fields["code"].help_text = _("The six digits your authenticator app shows after you added Dialoog.")
    if request.method == "POST" and form.is_valid():
        with refusal_shown(form):
            device, codes = two_factor.confirm_setup(user, form.cleaned_data["code"], actor=user)
            _finish(request, device)
            return render(
                request, "accounts/2fa/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
            )
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "next": _next_url(request),
        "otpauth_uri": device.config_url,
        "secret": two_factor.base32_secret(device),
        # segno writes the SVG itself from the otpauth URI; nothing in it comes from the visitor
        "qr_svg": mark_safe(qr.svg_inline(scale=4, svgclass="dialoog-qr", title=_("QR code for Dialoog"))),
    }
    return render(request, "accounts/2fa/setup.html", context)
