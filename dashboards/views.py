from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.access import invitations_of, organisations_of, start_page_name
from accounts.decorators import role_required
from accounts.roles import Role
from audit.models import AuditEntry
from audit.scope import per_procurements
from common.cache import per_reader_page
from common.numbers import is_whole_number
from common.timezone import local, server_now
from dashboards.access import get_council_report_for, get_reported_procurement_for
from procurement.access import followed_procurements, managed_procurements

from . import audit_search, queries, services
from .models import CouncilReport


@require_safe
def home(request):
    """Sends each role to its own start page."""
    return redirect(start_page_name(request.user))


@require_safe
def public(request):
    if request.user.is_authenticated:
        return redirect(start_page_name(request.user))
    return render(request, "dashboards/public.html")


def _reports_by_procurement(procurement_ids: list[int]) -> dict[int, list[CouncilReport]]:
    reports: dict[int, list[CouncilReport]] = {}
    made = CouncilReport.objects.filter(procurement_id__in=procurement_ids).exclude(file="")
    for report in made.order_by("-period")[:200]:
        reports.setdefault(report.procurement_id, []).append(report)
    return reports


@dataclass(frozen=True)
class RenderedOverview:
    """One procurement's overview as HTML: the same for everyone who may see it, so it is cached; the
    council report button (with the reader's CSRF token) is rendered around it per request."""

    pk: int
    reference: str
    html: str


def _render_overviews(procurements, *, officer_view: bool) -> list[RenderedOverview]:
    now = server_now()
    items = queries.overviews(procurements, now=now)
    reports = _reports_by_procurement([o.procurement.pk for o in items])
    rendered = []
    for overview in items:
        overview.reports = reports.get(overview.procurement.pk, [])[:3]
        html = render_to_string(
            "dashboards/_overview.html", {"o": overview, "officer_view": officer_view, "now": now}
        )
        rendered.append(RenderedOverview(overview.procurement.pk, overview.procurement.reference, html))
    return rendered


@per_procurements("dashboards.officer-overviews")
def _officer_overviews(procurements) -> list[RenderedOverview]:
    return _render_overviews(procurements, officer_view=True)


@per_procurements("dashboards.alderman-overviews")
def _alderman_overviews(procurements) -> list[RenderedOverview]:
    return _render_overviews(procurements, officer_view=False)


@per_procurements("dashboards.officer-queues")
def _officer_queues(procurements) -> SafeString:
    """The work queues as HTML: the same for every officer of these procurements."""
    queues = queries.work_queues(procurements, now=server_now())
    return render_to_string("dashboards/_queues.html", {"queues": queues})


@require_safe
@role_required(Role.PROCUREMENT_OFFICER)
@per_reader_page("dashboards.officer")
def officer(request):
    procurements = managed_procurements(request.user)
    context = {
        "overviews": _officer_overviews(procurements),
        "region": request.user.region,
        "queues": _officer_queues(procurements),
    }
    return render(request, "dashboards/officer.html", context)


@require_safe
@role_required(Role.ALDERMAN)
@per_reader_page("dashboards.alderman")
def alderman(request):
    context = {
        "overviews": _alderman_overviews(followed_procurements(request.user)),
        "municipality": request.user.municipality,
    }
    return render(request, "dashboards/alderman.html", context)


@require_POST
@role_required(Role.ALDERMAN, Role.PROCUREMENT_OFFICER)
def request_council_report(request, pk: int):
    procurement = get_reported_procurement_for(request.user, pk)
    period, queued = services.request_council_report(procurement, actor=request.user)
    names = {"month": f"{period:%m-%Y}", "reference": procurement.reference}
    if queued:
        messages.success(
            request,
            _(
                "The council report of %(month)s for %(reference)s is being made; "
                "reload this page in a moment."
            )
            % names,
        )
    else:
        messages.error(
            request,
            _(
                "The council report of %(month)s for %(reference)s could not be started just now. "
                "Please try again in a few minutes."
            )
            % names,
        )
    return redirect(start_page_name(request.user))


@require_safe
@role_required(Role.ALDERMAN, Role.PROCUREMENT_OFFICER)
def download_council_report(request, pk: int):
    report = get_council_report_for(request.user, pk)
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename, content_type="application/pdf"
    )


def _audit_search(request):
    """The officer's search form and the entries it selects; 404 for a procurement they do not run."""
    procurements = managed_procurements(request.user)
    requested = request.GET.get("procurement", "")
    if is_whole_number(requested) and not procurements.filter(pk=requested).exists():
        raise Http404
    form = audit_search.AuditSearchForm(request.GET or None, procurements=procurements)
    entries = AuditEntry.objects.filter(procurement_id__in=procurements.values("pk"))
    if form.is_bound and not form.is_valid():
        return form, entries.none()
    return form, audit_search.search(entries, form.cleaned_data if form.is_bound else {})


@require_safe
@role_required(Role.PROCUREMENT_OFFICER)
def audit(request):
    form, entries = _audit_search(request)
    page = Paginator(entries, audit_search.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "dashboards/audit.html", {"form": form, "page": page, "query": query.urlencode()})


@require_safe
@role_required(Role.PROCUREMENT_OFFICER)
def audit_export(request):
    form, entries = _audit_search(request)
    response = StreamingHttpResponse(audit_search.csv_rows(entries), content_type="text/csv; charset=utf-8")
    filename = f"audittrail-{local(server_now()):%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@role_required(Role.PROVIDER_MEMBER)
def provider(request):
    return render(
        request,
        "dashboards/provider.html",
        {
            "organisations": organisations_of(request.user),
            "invitations": invitations_of(request.user),
        },
    )


@require_safe
@role_required(Role.EXPERT_BY_EXPERIENCE)
def guest(request):
    return render(request, "dashboards/guest.html")


@require_safe
@role_required(Role.ASSESSOR)
def assessor(request):
    return render(request, "dashboards/assessor.html")


@require_safe
@login_required
def no_role(request):
    return render(request, "dashboards/no_role.html")
