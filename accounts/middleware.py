"""Request middleware of accounts: a person who owes the second factor sees only the pages that let them
give it."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from accounts.services.two_factor import EXEMPT_VIEWS, confirmed_device, needs_second_factor


class SecondFactorRequiredMiddleware:
    """Sends a person who owes the second factor to the verify (or first-time setup) page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.OTP_REQUIRED_FOR_STAFF_ROLES
            and needs_second_factor(request.user)
            and not request.user.is_verified()
            and not _is_exempt(request.path_info)
        ):
            target = (
                "accounts:two_factor_verify"
                if confirmed_device(request.user)
                else "accounts:two_factor_setup"
            )
            next_url = request.get_full_path() if request.method == "GET" else ""
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return redirect(reverse(target) + query)
        return self.get_response(request)


def _is_exempt(path: str) -> bool:
    try:
        return resolve(path).view_name in EXEMPT_VIEWS
    except Resolver404:
        return False
