"""Fictional load data for the benchmarks: N regions, each the size of Zuid-Kennemerland/IJmond.

Each region is a separate fictional world (region slug ``load-<n>``, municipality codes GM7nnn, KvK
numbers 9nnnnnnn, e-mail addresses @load.dialoog.test), so the demo world is never touched. Everything
is made with bulk inserts and a seeded random generator: the same scale and size factor give the same
names, relations and figures (times are relative to the day of the run). A region that exists already
is left as it is, so running the command twice makes nothing twice. (There is no reset: the audit
trail is append-only, enforced by a database trigger; for a clean slate use a fresh database, as the
bench does.)

The dialogue (themes, rounds, plenary and bilateral sessions, minutes with comments, agreements with
their versions and comments) and the contracts of the awarded parties (with five years of KPI reports)
are minimal valid rows for the pages that list them: no services run and no PDFs are made. Tenders are
not generated: the bench's deadline surge submits them through the portal itself (``bench/surge.py``)."""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils.translation import gettext

from accounts.models import Membership, Notification, Organisation, User
from accounts.roles import Role
from audit.actions import Action
from audit.models import AuditEntry
from common.timezone import server_now
from contracts.models import BudgetYear, Contract, ContractKpi, ContractParty, KpiReport
from dashboards.models import CouncilReport
from dialogue.models import (
    AgendaItem,
    Agreement,
    AgreementComment,
    AgreementVersion,
    DialogueParticipant,
    Minutes,
    MinutesComment,
    Round,
    Session,
    Theme,
)
from procurement.care_types import load_care_types
from procurement.models import (
    Answer,
    AnswerRound,
    CareType,
    DecisionMoment,
    DeclarationDocument,
    Document,
    DocumentVersion,
    ExclusionAnswer,
    Lot,
    Participant,
    Phase,
    Procurement,
    Question,
    Registration,
    RegistrationMember,
    SuitabilityAnswer,
    SuitabilityQuestion,
)
from procurement.models.registration import EXCLUSION_GROUNDS
from procurement.phases import sequence
from regions.models import Municipality, Region

SLUG_PREFIX = "load-"
EMAIL_DOMAIN = "load.dialoog.test"
REFERENCE_PREFIX = "LOAD-"
MAX_SCALE = 299  # municipality codes GM7000-GM9999, three per region
BATCH_SIZE = 2000
SEED = 20261125

CITIES = ["Haarlem", "Velsen", "Heemskerk", "Zandvoort", "Bloemendaal", "Beverwijk", "Uitgeest", "Heemstede"]
WORDS = ["Jeugd", "Gezin", "Zorg", "Kompas", "Horizon", "Samen", "Groei", "Anker", "Brug", "Kern", "Licht"]
FORMS = ["Stichting", "Coöperatie", "Praktijk", "Centrum", "Netwerk"]
AUDIT_ACTIONS = [
    (Action.DOCUMENT_DOWNLOAD, "procurement.documentversion"),
    (Action.REGISTRATION_SUBMIT, "procurement.registration"),
    (Action.REGISTRATION_ADD_MEMBER, "procurement.registrationmember"),
    (Action.REGISTRATION_DECLARATION, "procurement.registrationmember"),
    (Action.QUESTION_ASK, "procurement.question"),
    (Action.QUESTION_ANSWER, "procurement.question"),
    (Action.ANSWERS_PUBLISH, "procurement.answerround"),
    (Action.DOCUMENT_VERSION_PUBLISH, "procurement.documentversion"),
    (Action.ACCOUNTS_SECOND_FACTOR_VERIFIED, "accounts.user"),
]


@dataclass(frozen=True)
class Sizes:
    """The size of one region's world; ``factor`` shrinks it for tests."""

    organisations: int = 100
    members_per_organisation: int = 2
    specific_lots: int = 4
    documents: int = 40
    questions: int = 300
    audit_entries: int = 10_000
    notifications_per_user: int = 5
    themes: int = 14
    dialogue_participants_per_lot: int = 8
    rounds_per_lot: int = 3
    agenda_items_per_session: int = 3
    agreements: int = 1_200
    agreement_comments: int = 1_800
    minutes_comments: int = 2_000
    contracts: int = 10
    kpis_per_contract: int = 4
    kpi_report_years: int = 5

    def scaled(self, factor: float) -> "Sizes":
        def shrink(n: int) -> int:
            return max(2, round(n * factor))

        return Sizes(
            organisations=shrink(self.organisations),
            members_per_organisation=self.members_per_organisation,
            specific_lots=self.specific_lots,
            documents=shrink(self.documents),
            questions=shrink(self.questions),
            audit_entries=shrink(self.audit_entries),
            notifications_per_user=self.notifications_per_user,
            themes=self.themes,
            dialogue_participants_per_lot=shrink(self.dialogue_participants_per_lot),
            rounds_per_lot=self.rounds_per_lot,
            agenda_items_per_session=self.agenda_items_per_session,
            agreements=shrink(self.agreements),
            agreement_comments=shrink(self.agreement_comments),
            minutes_comments=shrink(self.minutes_comments),
            contracts=shrink(self.contracts),
            kpis_per_contract=self.kpis_per_contract,
            kpi_report_years=self.kpi_report_years,
        )


@dataclass
class GeneratedRegion:
    """The handles of one generated region that the bench uses."""

    number: int
    region: Region
    procurement: Procurement
    officer: User
    alderman: User
    provider: User
    lots: list[Lot]


@dataclass
class LoadResult:
    regions: list[GeneratedRegion] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)

    def add(self, model: type[models.Model], count: int) -> None:
        label = model._meta.label
        self.created[label] = self.created.get(label, 0) + count


@contextmanager
def explicit_timestamps(*model_fields: tuple[type[models.Model], str]) -> Iterator[None]:
    """Let bulk_create keep the times the generator chose for ``auto_now_add`` fields."""
    fields = [model._meta.get_field(name) for model, name in model_fields]
    saved = [f.auto_now_add for f in fields]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in zip(fields, saved, strict=True):
            f.auto_now_add = value


def _bulk(result: LoadResult, objects: list[models.Model]) -> list[models.Model]:
    if not objects:
        return objects
    model = type(objects[0])
    created = model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    result.add(model, len(created))
    return created


def _organisation_name(rng: random.Random, number: int) -> str:
    return f"{rng.choice(FORMS)} {rng.choice(WORDS)}{rng.choice(WORDS).lower()} {number}"


def _role_groups() -> dict[Role, Group]:
    return {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}


def _placeholder_file(name: str, content: bytes) -> str:
    """One small stored file that the generated document rows point to."""
    return default_storage.save(f"load/{name}", ContentFile(content))


def generate_region(
    number: int, sizes: Sizes, result: LoadResult, *, now: datetime, password: str
) -> GeneratedRegion:
    """One fictional region with its procurement in the registration phase and everything around it."""
    rng = random.Random(SEED + number)
    groups = _role_groups()
    care_types = list(CareType.objects.order_by("code"))
    region = Region.objects.create(name=f"Belastingregio {number:03d}", slug=f"{SLUG_PREFIX}{number:03d}")
    municipalities = _bulk(
        result,
        [
            Municipality(name=f"{city} {number:03d}", cbs_code=f"GM{7000 + number * 10 + k}", region=region)
            for k, city in enumerate(rng.sample(CITIES, 3))
        ],
    )
    result.add(Region, 1)

    def person(email: str, name: str, **fields) -> User:
        return User(email=f"{email}@{EMAIL_DOMAIN}", full_name=name, password=password, **fields)

    officer, alderman = _bulk(
        result,
        [
            person(f"inkoper-{number:03d}", f"Inkoper {number:03d}", region=region),
            person(f"wethouder-{number:03d}", f"Wethouder {number:03d}", municipality=municipalities[0]),
        ],
    )
    organisations = _bulk(
        result,
        [
            Organisation(
                name=_organisation_name(rng, n),
                kvk_number=f"9{number:03d}{n:04d}",
                city=rng.choice(CITIES),
                created_at=now,
            )
            for n in range(sizes.organisations)
        ],
    )
    providers = _bulk(
        result,
        [
            person(f"aanbieder-{number:03d}-{n:04d}-{k}", f"Medewerker {k} van {org.name}")
            for n, org in enumerate(organisations)
            for k in range(sizes.members_per_organisation)
        ],
    )
    members_of = {
        org.pk: providers[n * sizes.members_per_organisation : (n + 1) * sizes.members_per_organisation]
        for n, org in enumerate(organisations)
    }
    _bulk(
        result,
        [
            Membership(user=user, organisation_id=org_id, role=Membership.Role.ADMIN if k == 0 else "member")
            for org_id, users in members_of.items()
            for k, user in enumerate(users)
        ],
    )
    user_groups = User.groups.through
    _bulk(
        result,
        [
            user_groups(user_id=officer.pk, group_id=groups[Role.PROCUREMENT_OFFICER].pk),
            user_groups(user_id=alderman.pk, group_id=groups[Role.ALDERMAN].pk),
            *(user_groups(user_id=u.pk, group_id=groups[Role.PROVIDER_MEMBER].pk) for u in providers),
        ],
    )

    procurement = _generate_procurement(number, rng, result, region, municipalities, care_types, officer, now)
    lots = _generate_lots(procurement, sizes, rng, result, care_types)
    _bulk(
        result,
        [
            Participant(procurement=procurement, organisation=org, registered_by=members_of[org.pk][0])
            for org in organisations
        ],
    )
    questions = _bulk(
        result,
        [
            SuitabilityQuestion(
                procurement=procurement, text=text, requires_document=requires_document, order=order
            )
            for order, (text, requires_document) in enumerate(
                [
                    ("Aantoonbare ervaring met de gevraagde jeugdhulpvormen.", False),
                    ("Een geldig kwaliteitskeurmerk (HKZ of gelijkwaardig).", True),
                    ("Twee referenties van gemeenten of jeugdregio's.", True),
                ]
            )
        ],
    )
    document_file = _placeholder_file(f"{number:03d}-document.pdf", b"%PDF-1.4\n% load data\n")
    _generate_registrations(lots, organisations, members_of, questions, rng, result, now, document_file)
    documents = _generate_documents(procurement, lots, sizes, rng, result, officer, now, document_file)
    _generate_questions(procurement, documents, organisations, members_of, sizes, rng, result, officer, now)
    _generate_decisions_and_reports(procurement, result, officer, now, document_file)
    _generate_audit(procurement, sizes, rng, result, [officer, *providers], now)
    _generate_notifications(providers, sizes, procurement, result, now)
    _generate_dialogue(procurement, lots, organisations, members_of, sizes, rng, result, officer, now)
    _generate_contracts(procurement, lots, organisations, members_of, municipalities, sizes, rng, result, now)
    provider = members_of[organisations[0].pk][0]
    return GeneratedRegion(number, region, procurement, officer, alderman, provider, lots)


def _generate_procurement(
    number, rng, result, region, municipalities, care_types, officer, now
) -> Procurement:
    procurement = Procurement.objects.create(
        title=f"Jeugdhulp Belastingregio {number:03d}",
        reference=f"{REFERENCE_PREFIX}{number:03d}",
        summary="Fictieve aanbesteding voor de benchmarks.",
        status=Procurement.Status.PUBLISHED,
        current_phase="registration",
        estimated_value=rng.randrange(20_000_000, 90_000_000),
        created_by=officer,
    )
    result.add(Procurement, 1)
    procurement.regions.set([region])
    procurement.municipalities.set(municipalities)
    procurement.care_types.set(rng.sample(care_types, 5))
    keys = sequence(procurement)
    start = now - timedelta(days=150)
    plan = {
        "strategy": (start, now - timedelta(days=40)),
        "registration": (now - timedelta(days=39), now + timedelta(days=20)),
        "preselection": (now + timedelta(days=21), now + timedelta(days=60)),
        "dialogue": (now + timedelta(days=61), now + timedelta(days=180)),
    }
    phases = []
    for key in keys:
        planned_start, deadline = plan.get(key, (None, None))
        phases.append(
            Phase(
                procurement=procurement,
                key=key,
                planned_start=planned_start,
                deadline=deadline,
                question_deadline=now + timedelta(days=10) if key == "registration" else None,
                actual_start=planned_start if key in ("strategy", "registration") else None,
                actual_end=deadline if key == "strategy" else None,
            )
        )
    _bulk(result, phases)
    return procurement


def _generate_lots(procurement, sizes, rng, result, care_types) -> list[Lot]:
    specific = rng.sample(care_types, sizes.specific_lots)
    return _bulk(
        result,
        [
            Lot(procurement=procurement, number="1", title="Integraal perceel", kind=Lot.Kind.INTEGRAL),
            *(
                Lot(
                    procurement=procurement,
                    number=str(n),
                    title=care_type.name,
                    kind=Lot.Kind.SPECIFIC,
                    care_type=care_type,
                )
                for n, care_type in enumerate(specific, start=2)
            ),
        ],
    )


def _generate_registrations(lots, organisations, members_of, questions, rng, result, now, document_file):
    """Every organisation leads one registration per lot: alone, as a combination or as a main
    contractor; most submitted, some drafts, a few withdrawn."""
    required = {lot.pk: [lot.care_type_id] if lot.care_type_id else None for lot in lots}
    procurement_types = list(lots[0].procurement.care_types.values_list("pk", flat=True))
    registrations, member_orgs = [], []
    for lot in lots:
        for org in organisations:
            form = rng.choices(list(Registration.Form), weights=[60, 25, 15])[0]
            status = rng.choices(list(Registration.Status), weights=[25, 70, 5])[0]
            created = now - timedelta(days=rng.randint(1, 38), minutes=rng.randint(0, 1440))
            registrations.append(
                Registration(
                    lot=lot,
                    lead=org,
                    form=form,
                    status=status,
                    created_by=members_of[org.pk][0],
                    created_at=created,
                    submitted_at=created + timedelta(hours=2)
                    if status != Registration.Status.DRAFT
                    else None,
                    withdrawn_at=created + timedelta(days=1)
                    if status == Registration.Status.WITHDRAWN
                    else None,
                )
            )
            others = (
                []
                if form == Registration.Form.SINGLE
                else rng.sample(organisations, min(len(organisations), rng.randint(2, 4)))
            )
            member_orgs.append([org, *[o for o in others if o.pk != org.pk][:3]])
    with explicit_timestamps((Registration, "created_at")):
        registrations = _bulk(result, registrations)
    members = []
    for registration, orgs in zip(registrations, member_orgs, strict=True):
        for k, org in enumerate(orgs):
            role = RegistrationMember.Role.LEAD if k == 0 else registration.member_role
            members.append(RegistrationMember(registration=registration, organisation=org, role=role))
    members = _bulk(result, members)
    through = RegistrationMember.care_types.through
    exclusions, suitability, documents, care = [], [], [], []
    for member in members:
        lot_types = required[member.registration.lot_id] or rng.sample(procurement_types, rng.randint(1, 3))
        care += [through(registrationmember_id=member.pk, caretype_id=pk) for pk in lot_types]
        if rng.random() < 0.2:  # an incomplete self-declaration
            continue
        exclusions += [
            ExclusionAnswer(member=member, ground=ground, applies=False) for ground in EXCLUSION_GROUNDS
        ]
        for question in questions:
            suitability.append(SuitabilityAnswer(member=member, question=question, meets=True))
            if question.requires_document:
                documents.append(
                    DeclarationDocument(
                        member=member,
                        question=question,
                        number=1,
                        file=document_file,
                        original_name="keurmerk.pdf",
                        content_type="application/pdf",
                        size=24,
                        sha256="0" * 64,
                        uploaded_by=member.registration.created_by,
                    )
                )
    for rows in (care, exclusions, suitability, documents):
        _bulk(result, rows)


def _generate_documents(procurement, lots, sizes, rng, result, officer, now, document_file) -> list[Document]:
    kinds = [Document.Kind.PRESELECTION, Document.Kind.ANNEX, Document.Kind.OTHER]
    documents = _bulk(
        result,
        [
            Document(
                procurement=procurement,
                lot=rng.choice([None, *lots]),
                kind=rng.choice(kinds),
                title=f"Document {n:03d}",
                audience=Document.Audience.INTERNAL if n % 10 == 0 else Document.Audience.PROVIDERS,
            )
            for n in range(sizes.documents)
        ],
    )
    versions = []
    for n, document in enumerate(documents):
        count = 1 + n % 3
        for number in range(1, count + 1):
            published = number < count or n % 4 != 0  # every fourth document has an unpublished draft
            versions.append(
                DocumentVersion(
                    document=document,
                    number=number,
                    file=document_file,
                    original_name=f"document-{n:03d}-v{number}.pdf",
                    content_type="application/pdf",
                    size=24,
                    sha256="0" * 64,
                    uploaded_by=officer,
                    published_at=now - timedelta(days=30 - number) if published else None,
                )
            )
    _bulk(result, versions)
    return documents


def _generate_questions(procurement, documents, organisations, members_of, sizes, rng, result, officer, now):
    """Questions in three states: half published in two answer rounds, some answered, the rest waiting."""
    rounds = _bulk(
        result,
        [
            AnswerRound(procurement=procurement, number=n, published_at=now - timedelta(days=20 - 5 * n))
            for n in (1, 2)
        ],
    )
    published = sizes.questions // 2
    answered = sizes.questions // 6
    questions, answers = [], []
    for n in range(sizes.questions):
        org = rng.choice(organisations)
        document = rng.choice(documents)
        status = (
            Question.Status.PUBLISHED
            if n < published
            else Question.Status.ANSWERED
            if n < published + answered
            else Question.Status.SUBMITTED
        )
        topic = rng.choice(WORDS).lower()
        text = f"Vraag {n} over paragraaf {rng.randint(1, 12)}: hoe wordt de {topic} geregeld?"
        questions.append(
            Question(
                procurement=procurement,
                organisation=org,
                asked_by=members_of[org.pk][0],
                document=document,
                section=f"§ {rng.randint(1, 12)}",
                text=text,
                status=status,
                asked_at=now - timedelta(days=rng.randint(1, 35), minutes=n),
            )
        )
        if status != Question.Status.SUBMITTED:
            answer_round = rounds[n % 2] if status == Question.Status.PUBLISHED else None
            answers.append(
                Answer(
                    procurement=procurement,
                    round=answer_round,
                    number=n + 1 if answer_round else None,
                    document=document,
                    section=f"§ {rng.randint(1, 12)}",
                    question_text=text,
                    answer_text="Zie de aangepaste bijlage; de termijn blijft ongewijzigd. " * 3,
                    answered_by=officer,
                )
            )
    answers = _bulk(result, answers)
    answers_iter = iter(answers)
    for question in questions:
        if question.status != Question.Status.SUBMITTED:
            question.answer = next(answers_iter)
    with explicit_timestamps((Question, "asked_at")):
        _bulk(result, questions)


def _generate_decisions_and_reports(procurement, result, officer, now, document_file):
    _bulk(
        result,
        [
            DecisionMoment(
                procurement=procurement,
                kind=DecisionMoment.Kind.GO_NO_GO,
                title="Vaststelling verwervingsstrategie",
                body=DecisionMoment.Body.COLLEGE,
                planned_date=(now - timedelta(days=45)).date(),
                decided_on=(now - timedelta(days=45)).date(),
                outcome=DecisionMoment.Outcome.GO,
            ),
            DecisionMoment(
                procurement=procurement,
                kind=DecisionMoment.Kind.PRESELECTION,
                title="Besluit preselectie",
                body=DecisionMoment.Body.PORTFOLIO_HOLDERS,
                planned_date=(now + timedelta(days=60)).date(),
            ),
        ],
    )
    month = now.date().replace(day=1)
    periods = []
    for _ in range(3):
        month = (month - timedelta(days=1)).replace(day=1)
        periods.append(month)
    _bulk(
        result,
        [
            CouncilReport(procurement=procurement, period=period, file=document_file, requested_by=officer)
            for period in periods
        ],
    )


def _generate_audit(procurement, sizes, rng, result, actors, now):
    entries = []
    for n in range(sizes.audit_entries):
        action, object_type = rng.choice(AUDIT_ACTIONS)
        actor = rng.choice(actors)
        entries.append(
            AuditEntry(
                timestamp=now - timedelta(seconds=rng.randint(60, 365 * 86400)),
                actor_id=actor.pk,
                actor_label=actor.email,
                action=action,
                object_type=object_type,
                object_id=str(rng.randint(1, 100_000)),
                object_label=f"{object_type} {n}",
                procurement_id=procurement.pk,
                origin_ip=f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            )
        )
    with explicit_timestamps((AuditEntry, "timestamp")):
        _bulk(result, entries)


def _generate_notifications(providers, sizes, procurement, result, now):
    """Old, already e-mailed notifications (the outbox sweep has nothing to send for them)."""
    rows = []
    for user in providers:
        for n in range(sizes.notifications_per_user):
            created = now - timedelta(days=n * 3 + 1)
            rows.append(
                Notification(
                    user=user,
                    key=f"load:{procurement.reference}:{n}",
                    subject=f"Nieuw document voor {procurement.reference}",
                    body="Er is een nieuwe versie gepubliceerd.",
                    created_at=created,
                    emailed_at=created,
                    read_at=created if n % 2 else None,
                )
            )
    with explicit_timestamps((Notification, "created_at")):
        _bulk(result, rows)


KPIS = [
    ("Wachttijd tot start hulp", "dagen", Decimal("42"), ContractKpi.Direction.LOWER),
    ("Cliënttevredenheid", "procent", Decimal("80"), ContractKpi.Direction.HIGHER),
    ("Doelrealisatie", "procent", Decimal("75"), ContractKpi.Direction.HIGHER),
    ("Voortijdige uitval", "procent", Decimal("10"), ContractKpi.Direction.LOWER),
    ("Doorstroom naar lichtere hulp", "procent", Decimal("30"), ContractKpi.Direction.HIGHER),
]


def _generate_dialogue(procurement, lots, organisations, members_of, sizes, rng, result, officer, now):
    """Themes; per lot admitted participants and rounds (the last one ahead) of one plenary and one
    bilateral session per participant, with agenda items; minutes of the past sessions (fixed, or open
    for comments) with comments; agreements of every kind and status with their versions and comments."""
    themes = _bulk(
        result,
        [
            Theme(procurement=procurement, order=n, title=f"Thema {n}", owner=officer)
            for n in range(1, sizes.themes + 1)
        ],
    )
    participants = _bulk(
        result,
        [
            DialogueParticipant(lot=lot, organisation=org, admitted_at=now - timedelta(days=60))
            for lot in lots
            for org in rng.sample(organisations, min(len(organisations), sizes.dialogue_participants_per_lot))
        ],
    )
    participants_of = {lot.pk: [p for p in participants if p.lot_id == lot.pk] for lot in lots}
    rounds = _bulk(
        result,
        [
            Round(procurement=procurement, lot=lot, number=n, title=f"Ronde {n}")
            for lot in lots
            for n in range(1, sizes.rounds_per_lot + 1)
        ],
    )
    sessions = []
    for dialogue_round in rounds:
        starts = now + timedelta(days=14 * (dialogue_round.number - sizes.rounds_per_lot) + 7)
        sessions.append(
            Session(
                round=dialogue_round,
                lot_id=dialogue_round.lot_id,
                kind=Session.Kind.PLENARY,
                title=f"Plenaire sessie ronde {dialogue_round.number}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                place="Stadhuis",
                created_by=officer,
            )
        )
        for k, participant in enumerate(participants_of[dialogue_round.lot_id]):
            at = starts + timedelta(days=1 + k // 4, hours=k % 4)
            sessions.append(
                Session(
                    round=dialogue_round,
                    lot_id=dialogue_round.lot_id,
                    kind=Session.Kind.BILATERAL,
                    participant=participant,
                    title=f"Bilateraal overleg ronde {dialogue_round.number}, {k + 1}",
                    starts_at=at,
                    ends_at=at + timedelta(hours=1),
                    online_link="https://overleg.load.dialoog.test/",
                    created_by=officer,
                )
            )
    sessions = _bulk(result, sessions)
    session_themes = Session.themes.through
    _bulk(
        result,
        [
            session_themes(session_id=session.pk, theme_id=theme.pk)
            for session in sessions
            for theme in rng.sample(themes, 2)
        ],
    )
    items = _bulk(
        result,
        [
            AgendaItem(session=session, order=n, title=f"Agendapunt {n}", theme=rng.choice(themes))
            for session in sessions
            for n in range(1, sizes.agenda_items_per_session + 1)
        ],
    )
    items_of: dict[int, list[AgendaItem]] = {}
    for item in items:
        items_of.setdefault(item.session_id, []).append(item)
    minutes = []
    for session in sessions:
        if session.ends_at >= now:
            continue
        deadline = session.ends_at + timedelta(days=14)
        fixed = deadline < now
        minutes.append(
            Minutes(
                session=session,
                status=Minutes.Status.FIXED if fixed else Minutes.Status.IN_COMMENT,
                comment_deadline=deadline,
                sent_at=session.ends_at + timedelta(days=2),
                fixed_at=deadline + timedelta(days=1) if fixed else None,
                created_by=officer,
            )
        )
    minutes = _bulk(result, minutes)
    sessions_by_pk = {session.pk: session for session in sessions}

    def commenter(session: Session) -> int:
        participant = session.participant or rng.choice(participants_of[session.lot_id])
        return participant.organisation_id

    comments = []
    for n in range(sizes.minutes_comments):
        commented = rng.choice(minutes)
        session = sessions_by_pk[commented.session_id]
        org_id = commenter(session)
        fixed = commented.status == Minutes.Status.FIXED
        comments.append(
            MinutesComment(
                minutes=commented,
                agenda_item=rng.choice(items_of[session.pk]),
                author=members_of[org_id][0],
                organisation_id=org_id,
                text=f"Opmerking {n}: graag de {rng.choice(WORDS).lower()} nauwkeuriger weergeven.",
                created_at=commented.sent_at + timedelta(hours=rng.randint(1, 300)),
                response="Verwerkt in de vastgestelde versie." if fixed else "",
                processed_by=officer if fixed else None,
                processed_at=commented.fixed_at,
            )
        )
    with explicit_timestamps((MinutesComment, "created_at")):
        _bulk(result, comments)
    _generate_agreements(
        procurement, lots, themes, participants, members_of, sizes, rng, result, officer, now
    )


def _generate_agreements(
    procurement, lots, themes, participants, members_of, sizes, rng, result, officer, now
):
    agreements, lot_choices = [], []
    for n in range(sizes.agreements):
        kind = rng.choices(list(Agreement.Kind), weights=[70, 15, 15])[0]
        status = rng.choices(list(Agreement.Status), weights=[15, 20, 45, 10, 10])[0]
        with_kpi = kind == Agreement.Kind.CONTENT and n % 5 == 0
        financial = kind == Agreement.Kind.FINANCIAL
        agreements.append(
            Agreement(
                procurement=procurement,
                theme=rng.choice(themes),
                kind=kind,
                title=f"Afspraak {n + 1} over {rng.choice(WORDS).lower()}",
                text="Wat partijen over dit onderwerp afspreken, met de uitwerking in de praktijk. " * 3,
                status=status,
                version=1 if status == Agreement.Status.PROPOSED else rng.randint(2, 4),
                kpi_name=f"Indicator {n + 1}" if with_kpi else "",
                kpi_unit="procent" if with_kpi else "",
                kpi_target=Decimal("80.00") if with_kpi else None,
                kpi_frequency=Agreement.Frequency.QUARTERLY if with_kpi else "",
                budget_amount=Decimal(rng.randrange(50_000, 2_000_000)) if financial else None,
                budget_year=now.year + rng.randint(1, 5) if financial else None,
                created_by=officer,
                created_at=now - timedelta(days=rng.randint(1, 50), minutes=n),
            )
        )
        lot_choices.append(rng.sample(lots[1:], rng.randint(1, 2)))
    with explicit_timestamps((Agreement, "created_at")):
        agreements = _bulk(result, agreements)
    agreement_lots = Agreement.lots.through
    _bulk(
        result,
        [
            agreement_lots(agreement_id=agreement.pk, lot_id=lot.pk)
            for agreement, chosen in zip(agreements, lot_choices, strict=True)
            for lot in chosen
        ],
    )
    earlier = [Agreement.Status.PROPOSED, Agreement.Status.IN_DISCUSSION, Agreement.Status.IN_DISCUSSION]
    versions = [
        AgreementVersion(
            agreement=agreement,
            number=number,
            title=agreement.title,
            text=agreement.text,
            status=agreement.status if number == agreement.version else earlier[number - 1],
            changed_by=officer,
            changed_at=agreement.created_at + timedelta(days=number - 1),
            note="" if number == 1 else f"Aangepast na ronde {number - 1}.",
        )
        for agreement in agreements
        for number in range(1, agreement.version + 1)
    ]
    with explicit_timestamps((AgreementVersion, "changed_at")):
        _bulk(result, versions)
    comments = []
    for n in range(sizes.agreement_comments):
        agreement = rng.choice(agreements)
        org_id = rng.choice(participants).organisation_id
        comments.append(
            AgreementComment(
                agreement=agreement,
                author=members_of[org_id][0],
                organisation_id=org_id,
                text=f"Reactie {n}: kunnen we de {rng.choice(WORDS).lower()} hierin meenemen?",
                created_at=agreement.created_at + timedelta(hours=rng.randint(1, 500)),
            )
        )
    with explicit_timestamps((AgreementComment, "created_at")):
        _bulk(result, comments)


def _generate_contracts(
    procurement, lots, organisations, members_of, municipalities, sizes, rng, result, now
):
    """Contracts of awarded parties on the specific lots (the integral lot is left to the contract PDF
    bench), started ``kpi_report_years`` years ago: parties, yearly budgets, and KPIs reported quarterly."""
    specific = lots[1:]
    awarded = rng.sample(organisations, min(len(organisations), -(-sizes.contracts // len(specific))))
    start = date(now.year - sizes.kpi_report_years, 1, 1)
    end = date(start.year + procurement.contract_term_years, 1, 1) - timedelta(days=1)
    awards = [
        (specific[n % len(specific)], awarded[n // len(specific)], n // len(specific) + 1)
        for n in range(min(sizes.contracts, len(awarded) * len(specific)))
    ]
    contracts = _bulk(
        result,
        [
            Contract(
                procurement=procurement,
                lot=lot,
                organisation=organisation,
                number=f"{procurement.reference}-{lot.number}-{k}",
                status=Contract.Status.UNDER_EVALUATION if n % 7 == 3 else Contract.Status.ACTIVE,
                start=start,
                end=end,
                implementation_start=date(start.year - 1, 9, 1),
            )
            for n, (lot, organisation, k) in enumerate(awards)
        ],
    )
    _bulk(
        result,
        [
            party
            for contract in contracts
            for party in (
                *(
                    ContractParty(contract=contract, municipality=m, role=gettext("client"))
                    for m in municipalities
                ),
                ContractParty(
                    contract=contract, organisation=contract.organisation, role=gettext("lead provider")
                ),
            )
        ],
    )
    _bulk(
        result,
        [
            BudgetYear(
                contract=contract,
                year=year,
                maximum=maximum,
                spent=(maximum * Decimal(rng.randint(70, 105)) / 100).quantize(Decimal("0.01"))
                if year < now.year
                else Decimal("0"),
            )
            for contract in contracts
            for year in range(start.year, end.year + 1)
            for maximum in [Decimal(rng.randrange(200_000, 2_000_000))]
        ],
    )
    kpis = _bulk(
        result,
        [
            ContractKpi(
                contract=contract,
                name=name,
                unit=unit,
                target=target,
                direction=direction,
                frequency=Agreement.Frequency.QUARTERLY,
            )
            for contract in contracts
            for name, unit, target, direction in KPIS[: sizes.kpis_per_contract]
        ],
    )
    organisation_of = {contract.pk: contract.organisation_id for contract in contracts}
    _bulk(
        result,
        [
            KpiReport(
                kpi=kpi,
                period=f"{year}-Q{quarter}",
                value=(kpi.target * Decimal(rng.randint(60, 130)) / 100).quantize(Decimal("0.01")),
                reported_by=members_of[organisation_of[kpi.contract_id]][0],
                reported_at=now.replace(year=year, month=3 * quarter, day=1) + timedelta(days=45),
            )
            for kpi in kpis
            for year in range(start.year, start.year + sizes.kpi_report_years)
            for quarter in range(1, 5)
        ],
    )


def existing_region(number: int) -> GeneratedRegion | None:
    region = Region.objects.filter(slug=f"{SLUG_PREFIX}{number:03d}").first()
    if region is None:
        return None
    procurement = Procurement.objects.get(reference=f"{REFERENCE_PREFIX}{number:03d}")
    return GeneratedRegion(
        number,
        region,
        procurement,
        officer=User.objects.get(email=f"inkoper-{number:03d}@{EMAIL_DOMAIN}"),
        alderman=User.objects.get(email=f"wethouder-{number:03d}@{EMAIL_DOMAIN}"),
        provider=User.objects.get(email=f"aanbieder-{number:03d}-0000-0@{EMAIL_DOMAIN}"),
        lots=list(procurement.lots.order_by("number")),
    )


def generate(scale: int, *, factor: float = 1.0) -> LoadResult:
    """Regions 1..``scale``; the ones that exist already are kept, the others made (one transaction
    each)."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must lie between 1 and {MAX_SCALE}")
    load_care_types(CareType)
    sizes = Sizes().scaled(factor)
    now = server_now().replace(second=0, microsecond=0)
    password = make_password(None)  # unusable: nobody logs in with a password on generated accounts
    result = LoadResult()
    for number in range(1, scale + 1):
        found = existing_region(number)
        if found is None:
            with transaction.atomic():
                found = generate_region(number, sizes, result, now=now, password=password)
        result.regions.append(found)
    return result


SWEEP_REFERENCE = f"{REFERENCE_PREFIX}SWEEP"
SWEEP_MEMBERS_PER_ORGANISATION = 5


def generate_deadline_sweep(open_items: int, *, now: datetime) -> Procurement:
    """A procurement whose registration deadline lies 5 days ahead, with ``open_items`` provider members
    (5 per registered organisation) who still have to be reminded of it: the deadline task's heaviest
    minute. Made once; a second call returns the same procurement."""
    existing = Procurement.objects.filter(reference=SWEEP_REFERENCE).first()
    if existing is not None:
        return existing
    result = LoadResult()
    password = make_password(None)
    with transaction.atomic():
        region = Region.objects.create(name="Belastingregio deadline", slug=f"{SLUG_PREFIX}sweep")
        officer = User.objects.create(
            email=f"inkoper-sweep@{EMAIL_DOMAIN}", password=password, region=region, full_name="Inkoper sweep"
        )
        officer.add_role(Role.PROCUREMENT_OFFICER)
        procurement = Procurement.objects.create(
            title="Jeugdhulp deadline",
            reference=SWEEP_REFERENCE,
            status=Procurement.Status.PUBLISHED,
            current_phase="registration",
            created_by=officer,
        )
        procurement.regions.set([region])
        _bulk(
            result,
            [
                Phase(
                    procurement=procurement,
                    key=key,
                    planned_start=now - timedelta(days=30) if key == "registration" else None,
                    deadline=now + timedelta(days=5) if key == "registration" else None,
                )
                for key in sequence(procurement)
            ],
        )
        count = -(-open_items // SWEEP_MEMBERS_PER_ORGANISATION)
        organisations = _bulk(
            result,
            [Organisation(name=f"Deadline-aanbieder {n}", kvk_number=f"8{n:07d}") for n in range(count)],
        )
        users = _bulk(
            result,
            [
                User(email=f"sweep-{n:05d}@{EMAIL_DOMAIN}", password=password, full_name=f"Sweep {n}")
                for n in range(open_items)
            ],
        )
        _bulk(
            result,
            [
                Membership(user=user, organisation=organisations[n // SWEEP_MEMBERS_PER_ORGANISATION])
                for n, user in enumerate(users)
            ],
        )
        _bulk(
            result,
            [
                Participant(procurement=procurement, organisation=org, registered_by=officer)
                for org in organisations
            ],
        )
    return procurement
