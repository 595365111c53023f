"""What the worker makes for the dashboards: the council report ("stand van zaken") of a procurement for
a month, as a PDF in the portal's language, made once with ``common.files.make_once``. A leaf: it imports
models, common, audit and the read-only figures of ``dashboards.queries``."""

from datetime import date, datetime

from accounts.models import User
from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import in_portal_language, render_pdf
from common.timezone import server_now
from procurement.models import Procurement

from .models import CouncilReport
from .queries import overviews


def council_report_pdf(procurement: Procurement, *, period: date, now: datetime) -> bytes:
    """Render the state of one procurement for the council, in the portal's default language."""
    with in_portal_language():
        (overview,) = overviews(Procurement.objects.filter(pk=procurement.pk), now=now)
        return render_pdf("dashboards/council_report_pdf.html", {"o": overview, "period": period, "now": now})


def make_council_report(procurement: Procurement, *, period: date, actor: User | None) -> CouncilReport:
    """The council report of ``procurement`` for the month ``period``, made once: its pending row first
    (the first to ask is its requester), then the PDF; later calls (a second click, the monthly beat, a
    retried task) find it made and return it. The audit entry names ``actor``, who asked for this run."""
    report, _asked = CouncilReport.objects.get_or_create(
        procurement=procurement, period=period, defaults={"requested_by": actor}
    )
    make_once(
        CouncilReport.objects.filter(pk=report.pk, file="").select_related("procurement"),
        render=lambda report: council_report_pdf(report.procurement, period=report.period, now=server_now()),
        keep=lambda report, pdf: keep_file(report, "file", report.filename, pdf),
        recorded=lambda report, pdf: record(
            Action.COUNCIL_REPORT_CREATE,
            actor=actor,
            obj=report,
            procurement_id=report.procurement_id,
            message=f"{report.period:%Y-%m}",
        ),
    )
    report.refresh_from_db()
    return report
