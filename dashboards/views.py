from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.decorators import role_required
from accounts.permissions import invitations_for, organisations_of, start_page_name
from accounts.roles import Role


def home(request):
    """Sends each role to its own start page."""
    return redirect(start_page_name(request.user))


def public(request):
    if request.user.is_authenticated:
        return redirect(start_page_name(request.user))
    return render(request, "dashboards/public.html")


@role_required(Role.PROCUREMENT_OFFICER)
def officer(request):
    return render(request, "dashboards/officer.html", {"region": request.user.region})


@role_required(Role.ALDERMAN)
def alderman(request):
    return render(request, "dashboards/alderman.html", {"municipality": request.user.municipality})


@role_required(Role.PROVIDER_MEMBER)
def provider(request):
    return render(
        request,
        "dashboards/provider.html",
        {
            "organisations": organisations_of(request.user),
            "invitations": invitations_for(request.user),
        },
    )


@role_required(Role.EXPERT_BY_EXPERIENCE)
def guest(request):
    return render(request, "dashboards/guest.html")


@role_required(Role.ASSESSOR)
def assessor(request):
    return render(request, "dashboards/assessor.html")


@login_required
def no_role(request):
    return render(request, "dashboards/no_role.html")
