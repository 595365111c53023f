"""The deadline surge: 200 invited providers each upload a 5 MB tender document and submit it in the
last minute before the deadline, through gunicorn on 127.0.0.1: one thread per provider, each with its
own session, their arrivals spread evenly over the first ``SPREAD`` of that minute (or all at once).
Afterwards the database says how many tenders were accepted, and that none was lost (every 302 has its
tender) or duplicated (one current tender per organisation)."""

import os
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse

from accounts.models import Membership
from common.timezone import server_now
from demo.load_data import GeneratedRegion
from procurement.models import Document, Lot, Phase, TenderSubmission
from procurement.services.documents import create_document, publish_version, upload_version
from procurement.services.tenders import publish_invitation

from .browser import log_in
from .report import percentile

PROVIDERS = 200
DOCUMENT_BYTES = 5 * 1024 * 1024
LAST_MINUTE = timedelta(seconds=60)
SPREAD = timedelta(seconds=50)
REQUIREMENT = "Plan van aanpak"
PRICE = "Totaalprijs"


def pdf_bytes(size: int, seed: int) -> bytes:
    """A file that passes the upload check as a PDF, of ``size`` bytes (random, so nothing compresses)."""
    head = f"%PDF-1.4\n% inschrijving {seed}\n".encode()
    tail = b"\n%%EOF\n"
    return head + os.urandom(size - len(head) - len(tail)) + tail


@dataclass
class Surge:
    providers: int
    accepted: int
    refused: int
    p95_seconds: float
    max_seconds: float
    lost: int
    duplicated: int
    seconds: float


def providers_of(world: GeneratedRegion, providers: int = PROVIDERS) -> list[Membership]:
    """One member of each of the first ``providers`` generated organisations."""
    first_per_organisation: dict[int, Membership] = {}
    for membership in (
        Membership.objects.filter(organisation__kvk_number__startswith="9")
        .select_related("user", "organisation")
        .order_by("organisation__kvk_number", "pk")
    ):
        first_per_organisation.setdefault(membership.organisation_id, membership)
    chosen = list(first_per_organisation.values())[:providers]
    if len(chosen) < providers:
        raise RuntimeError(f"only {len(chosen)} provider organisations to invite; generate a larger scale")
    return chosen


def invite(world: GeneratedRegion, lot: Lot, chosen: list[Membership]) -> None:
    """Publish the invitation to tender of ``lot`` to the chosen organisations, with a deadline one
    minute from now."""
    procurement = world.procurement
    Phase.objects.filter(procurement=procurement, key="submission").update(
        planned_start=server_now() - timedelta(days=30), deadline=server_now() + timedelta(days=1)
    )
    document = create_document(
        procurement, actor=world.officer, kind=Document.Kind.INVITATION, title="Uitnodiging", lot=lot
    )
    upload = SimpleUploadedFile("uitnodiging.pdf", pdf_bytes(2048, 0), content_type="application/pdf")
    publish_version(upload_version(document, upload, actor=world.officer), actor=world.officer)
    publish_invitation(
        lot,
        organisations=[m.organisation for m in chosen],
        agreement_set="Afsprakenset bench",
        criteria=[("Kwaliteit", 60), ("Prijs", 40)],
        required_documents=[REQUIREMENT],
        price_questions=[PRICE],
        deadline=server_now() + LAST_MINUTE,
        actor=world.officer,
    )


def _multipart(fields: dict[str, str], file_field: str, content: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="plan.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def run(
    base: str,
    world: GeneratedRegion,
    providers: int = PROVIDERS,
    size: int = DOCUMENT_BYTES,
    spread: timedelta = SPREAD,
) -> Surge:
    """Prepare the requests, invite, then let the providers submit against the server at ``base``, the
    n-th ``n / providers`` of ``spread`` after the start of the last minute; check the database."""
    lot = world.lots[1]
    chosen = providers_of(world, providers)
    url = base + reverse("procurement:tender_form", args=[lot.pk])
    requests = []
    for n, membership in enumerate(chosen):
        browser = log_in(membership.user)
        body, content_type = _multipart(
            {
                "csrfmiddlewaretoken": browser.csrf,
                "organisation": str(membership.organisation_id),
                "answer_0": f"{100000 + n}.00",
                "confirm": "on",
            },
            "document_0",
            pdf_bytes(size, n + 1),
        )
        headers = {
            "Content-Type": content_type,
            "Cookie": browser.cookie,
            "Referer": url,
        }
        requests.append(
            urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (http only)
        )
    outcomes: list[tuple[int, float]] = [(0, 0.0)] * len(requests)
    start = threading.Barrier(len(requests) + 1)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def submit(index: int) -> None:
        start.wait()
        time.sleep(spread.total_seconds() * index / len(requests))
        began = time.perf_counter()
        try:
            status = opener.open(requests[index], timeout=300).status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = -1
        outcomes[index] = (status, time.perf_counter() - began)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    invite(world, lot, chosen)  # the requests are ready: the last minute starts now
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    redirected = sum(1 for status, _ in outcomes if status == 302)
    current = TenderSubmission.objects.filter(lot=lot, superseded_at__isnull=True)
    accepted = current.count()
    duplicated = (
        current.values("organisation").annotate(n=Count("pk")).filter(n__gt=1).count()
        + TenderSubmission.objects.filter(lot=lot, superseded_at__isnull=False).count()
    )
    times = [elapsed for _, elapsed in outcomes]
    return Surge(
        providers=len(requests),
        accepted=accepted,
        refused=len(requests) - redirected,
        p95_seconds=round(percentile(times, 95), 2),
        max_seconds=round(max(times), 2),
        lost=max(0, redirected - accepted),
        duplicated=duplicated,
        seconds=round(seconds, 1),
    )
