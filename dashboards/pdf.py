"""The council report ("stand van zaken") as a PDF."""

from datetime import date, datetime

from common.pdf import in_portal_language, render_pdf
from procurement.models import Procurement

from .queries import overviews


def council_report_pdf(procurement: Procurement, *, period: date, now: datetime) -> bytes:
    """Render the state of one procurement for the council, in the portal's default language."""
    with in_portal_language():
        (overview,) = overviews(Procurement.objects.filter(pk=procurement.pk), now=now)
        return render_pdf("dashboards/council_report_pdf.html", {"o": overview, "period": period, "now": now})
