"""What the worker makes for contracts: the PDF of a contract version, made once with
``common.files.make_once``, and the agreement text it is made from (the officer's template, rendered in a
sandbox that knows only the documented placeholders). A leaf: it imports models, common and audit."""

import hashlib
import json
import logging

from django.db.models import QuerySet
from django.template import Context, Engine, Library, defaultfilters, defaulttags

from audit.actions import Action
from audit.services import record
from common.files import keep_file, make_once
from common.pdf import render_pdf
from common.timezone import server_now
from procurement.models import Procurement

from .models import Contract, ContractAgreement, ContractTemplate, ContractVersion, Signature

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATE = """<p>{{ procurement }} — {{ lot }}</p>
<p>De ondergetekenden, {{ client }} en {{ provider }}, komen deze overeenkomst aan voor de periode van
{{ start }} tot en met {{ end }}.</p>"""

PLACEHOLDERS = (
    "contract_number",
    "procurement",
    "reference",
    "lot",
    "provider",
    "client",
    "municipalities",
    "start",
    "end",
    "term_years",
    "evaluation_years",
)


# --- the agreement text -------------------------------------------------------------------------------


def sandbox() -> Engine:
    """A template engine that knows only if/for and a few harmless filters: no load, include, extends."""
    library = Library()
    library.tag("if", defaulttags.do_if)
    library.tag("for", defaulttags.do_for)
    for name in ("date", "upper", "lower", "default", "join", "linebreaksbr", "floatformat"):
        library.filter(name, defaultfilters.register.filters[name])
    engine = Engine(autoescape=True, libraries={})
    engine.template_builtins = [library]
    return engine


def template_context(contract: Contract) -> dict[str, object]:
    """The documented placeholders: plain values only, so a template reaches nothing else."""
    procurement = contract.procurement
    municipalities = [str(p.municipality) for p in contract.parties.all() if p.municipality_id]
    return {
        "contract_number": contract.number,
        "procurement": procurement.title,
        "reference": procurement.reference,
        "lot": f"{contract.lot.number} {contract.lot.title}",
        "provider": contract.organisation.name,
        "client": ", ".join(municipalities),
        "municipalities": municipalities,
        "start": contract.start,
        "end": contract.end,
        "term_years": procurement.contract_term_years,
        "evaluation_years": list(procurement.evaluation_years or []),
    }


def render_template_text(text: str, context: dict[str, object]) -> str:
    return sandbox().from_string(text).render(Context(context, autoescape=True))


def template_text(procurement: Procurement) -> str:
    template = ContractTemplate.objects.filter(procurement=procurement).first()
    return template.text if template else DEFAULT_TEMPLATE


def content_digest(contract: Contract, body: str, signatures: list[Signature]) -> str:
    """SHA-256 of what the contract says: text, parties, agreements, budget, KPIs and signatures."""
    content = {
        "number": contract.number,
        "body": body,
        "start": str(contract.start),
        "end": str(contract.end),
        "parties": [f"{p}|{p.role}" for p in contract.parties.all()],
        "agreements": [
            [a.kind, a.theme_title, a.title, a.text, a.version] for a in contract.agreements.all()
        ],
        "budget": [[b.year, str(b.maximum)] for b in contract.budget_years.all()],
        "kpis": [[k.name, k.unit, str(k.target), k.direction, k.frequency] for k in contract.kpis.all()],
        "signatures": [[s.side, s.name, s.function, s.sha256, s.signed_at.isoformat()] for s in signatures],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


# --- the version's PDF --------------------------------------------------------------------------------


def versions_to_make() -> QuerySet[ContractVersion]:
    return ContractVersion.objects.filter(state=ContractVersion.State.PENDING)


def make_contract_version(version_id: int) -> bool:
    """Render a pending version into its PDF, once; False if it was made already (a retried or
    twice-delivered task). The pending row is the request: a worker killed mid-render leaves it for the
    retry or the sweep."""
    pending = (
        versions_to_make()
        .filter(pk=version_id)
        .select_related("contract__procurement", "contract__lot", "contract__organisation")
    )
    return (
        make_once(
            pending,
            render=_render_version,
            keep=lambda version, made: keep_file(
                version,
                "file",
                f"{version.contract.number}-v{version.number}.pdf",
                made[0],
                sha256=made[1],
                state=ContractVersion.State.DONE,
                made_at=server_now(),
            ),
            recorded=lambda version, made: record(
                Action.CONTRACTS_VERSION_MADE,
                actor=None,
                obj=version,
                procurement_id=version.contract.procurement_id,
                message=version.sha256,
            ),
        )
        is not None
    )


def _render_version(version: ContractVersion) -> tuple[bytes, str]:
    """The PDF of the version and the digest of what it says (which the signatures sign)."""
    contract = version.contract
    logger.info("rendering contract version %s", version.pk)
    body = render_template_text(template_text(contract.procurement), template_context(contract))
    signatures = list(version.signed_copy_of.signatures.all()) if version.signed_copy_of_id else []
    digest = content_digest(contract, body, signatures)
    content = render_pdf(
        "contracts/pdf/contract.html",
        {
            "contract": contract,
            "version": version,
            "body": body,
            "digest": digest,
            "parties": contract.parties.select_related("municipality", "organisation"),
            "groups": _grouped(contract),
            "budget_years": contract.budget_years.all(),
            "kpis": contract.kpis.all(),
            "conditions": contract.termination_conditions.all(),
            "evaluations": contract.evaluations.all(),
            "signatures": signatures,
        },
    )
    return content, digest


def _grouped(contract: Contract) -> dict[str, dict[str, list[ContractAgreement]]]:
    groups: dict[str, dict[str, list[ContractAgreement]]] = {}
    for agreement in contract.agreements.all():
        groups.setdefault(agreement.get_kind_display(), {}).setdefault(agreement.theme_title, []).append(
            agreement
        )
    return groups
