import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procurement.models import Procurement


def report_path(instance: "CouncilReport", filename: str) -> str:
    return f"dashboards/council-reports/{instance.procurement_id}/{uuid.uuid4().hex}.pdf"


class CouncilReport(models.Model):
    """The monthly "stand van zaken" of a procurement, as a PDF for the alderman and the council.
    One per procurement and month: the request from the dashboard and the monthly beat make the same one.
    A report without its file is pending: the worker is making it (``dashboards.jobs``)."""

    procurement = models.ForeignKey(Procurement, on_delete=models.CASCADE, related_name="council_reports")
    period = models.DateField(_("month"), help_text=_("The first day of the month the report describes."))
    file = models.FileField(upload_to=report_path, max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        ordering = ["procurement", "-period"]
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        constraints = [
            models.UniqueConstraint(fields=["procurement", "period"], name="unique_council_report_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.procurement.reference} {self.period:%Y-%m}"

    @property
    def filename(self) -> str:
        return f"stand-van-zaken-{self.procurement.reference}-{self.period:%Y-%m}.pdf"
