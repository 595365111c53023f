"""Registrations of interest and preselection for the ZK/IJ demo procurement (all organisations are
fictional): partnerships for the integral lot, among them Combinatie Kustlicht and Combinatie Duinroos,
and a dozen single providers for the specific-care lot(s); reviewed by the two demo officers, some
admitted, some not, one still awaiting confirmation; the integral lot's decisions published.

Idempotent: a ZK/IJ procurement that already has registrations is left as it is. Registrations are made
directly (the registration period of the demo lies in the past); the reviews and the publication go
through the services, so the audit trail and the letters are real."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from accounts.models import Organisation
from common.timezone import server_now
from demo.people import DemoPeople
from procurement.care_types import load_care_types
from procurement.models import (
    EXCLUSION_GROUNDS,
    CareType,
    ExclusionAnswer,
    Lot,
    Phase,
    Procurement,
    Registration,
    RegistrationMember,
    Review,
    SuitabilityAnswer,
)
from procurement.services.preselection import (
    Verdict,
    add_criterion,
    confirm_decision,
    objection_deadline,
    propose_decision,
    publish_decisions,
)
from procurement.services.procurements import add_lot, create_procurement, publish_procurement
from procurement.services.registration import content_hash, registration_content
from regions.models import Municipality, Region

ZKIJ_PREFIX = "ZKIJ"

# (lead key or (name, KvK), form, members [(name, KvK, role)], admitted)
PARTNERSHIPS = [
    (
        "kustlicht",
        Registration.Form.COMBINATION,
        [("Stichting Branding Jeugd-GGZ", "72000011"), ("Zorgboerderij De Vlasakker", "72000012")],
        True,
    ),
    (
        "duinroos",
        Registration.Form.COMBINATION,
        [("Jeugdhulp Spaarnestad", "72000021"), ("Gezinshuizen Kennemerland", "72000022")],
        True,
    ),
    (
        ("Zeestroom Jeugdzorg", "72000031"),
        Registration.Form.MAIN_CONTRACTOR,
        [("Pleegzorg IJmond", "72000032"), ("Crisisdienst Kennemerland", "72000033")],
        False,
    ),
    (
        ("Helmgras Jeugd en Gezin", "72000041"),
        Registration.Form.COMBINATION,
        [("Ambulant Team Velsen", "72000042"), ("De Wending Behandelgroepen", "72000043")],
        True,
    ),
]

SINGLE_PROVIDERS = [
    ("Praktijk De Kleine Duin", "72000101"),
    ("Orthopedagogenpraktijk Spaarne", "72000102"),
    ("Jeugdpraktijk Bloemendaal", "72000103"),
    ("Kindertherapie Heemstede", "72000104"),
    ("Gezinscoaching Beverwijk", "72000105"),
    ("Praktijk Zandvoort Jong", "72000106"),
    ("Dyslexiecentrum Kennemerland", "72000107"),
    ("Jeugdzorg Uitgeest", "72000108"),
    ("Praktijk Het Kompas", "72000109"),
    ("Speltherapie IJmuiden", "72000110"),
    ("Ouder en Kind Praktijk Haarlem", "72000111"),
    ("Jeugdhulp Heemskerk", "72000112"),
]

INTEGRAL_CRITERIA = [
    "Geen uitsluitingsgronden van toepassing",
    "Integraal aanbod: samen leveren de leden alle zorgvormen",
    "Aantoonbare ervaring met complexe jeugdhulp",
]
SPECIFIC_CRITERIA = ["Geen uitsluitingsgronden van toepassing", "Kwaliteitskeurmerk (HKZ of gelijkwaardig)"]


def seed_registrations(people: DemoPeople) -> Procurement:
    load_care_types(CareType)
    procurement = Procurement.objects.filter(reference__startswith=ZKIJ_PREFIX).order_by(
        "pk"
    ).first() or _minimal_zkij(people)
    if Registration.objects.filter(lot__procurement=procurement).exists():
        return procurement
    officer, second = people.users["inkoper@zkij.example"], people.users["inkoper2@zkij.example"]
    lots = list(procurement.lots.filter(status=Lot.Status.OPEN))
    integral = next((lot for lot in lots if lot.kind == Lot.Kind.INTEGRAL), None)
    specifics = [lot for lot in lots if lot.kind == Lot.Kind.SPECIFIC and lot.care_type_id]
    submitted_at = _submitted_at(procurement)
    if integral is not None:
        _seed_integral(integral, people, officer, second, submitted_at)
    if specifics:
        _seed_specific(specifics, officer, second, submitted_at)
    return procurement


def _minimal_zkij(people: DemoPeople) -> Procurement:
    """A ZK/IJ-like procurement in its preselection phase, when the procurement pages' demo made none."""
    officer = people.users["inkoper@zkij.example"]
    regions = list(Region.objects.filter(slug__in=["zuid-kennemerland", "ijmond"]))
    procurement = create_procurement(
        actor=officer,
        regions=regions,
        municipalities=list(Municipality.objects.filter(region__in=regions, merged_into__isnull=True)),
        care_types=CareType.objects.filter(
            code__in=["ambulant", "jeugd-ggz", "verblijf", "pleegzorg", "crisis"]
        ),
        title="Jeugdhulp Zuid-Kennemerland en IJmond",
        reference="ZKIJ-2021-001",
        summary="Dialooggerichte aanbesteding van jeugdhulp door de gemeenten van Zuid-Kennemerland en "
        "IJmond.",
    )
    add_lot(
        procurement,
        actor=officer,
        number="1",
        title="Complexe jeugdhulp (integraal perceel)",
        kind="integral",
    )
    add_lot(
        procurement,
        actor=officer,
        number="2",
        title="Enkelvoudige jeugdhulp",
        kind="specific",
        care_type=CareType.objects.get(code="ambulant"),
    )
    publish_procurement(procurement, actor=officer)
    now = server_now()
    Phase.objects.filter(procurement=procurement, key="registration").update(
        planned_start=now - timedelta(days=60), deadline=now - timedelta(days=14), window_closed_at=now
    )
    Procurement.objects.filter(pk=procurement.pk).update(current_phase="preselection")
    procurement.refresh_from_db()
    return procurement


def _submitted_at(procurement: Procurement):
    phase = procurement.phases.filter(key="registration").first()
    deadline = phase.deadline if phase and phase.deadline else server_now()
    return deadline - timedelta(days=2)


def _organisation(name: str, kvk: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(kvk_number=kvk, defaults={"name": name})
    return organisation


def _register(
    lot: Lot, lead: Organisation, form: str, members, care_types, actor, submitted_at
) -> Registration:
    """A submitted registration with its members, their care types (spread so that together they cover
    ``care_types``) and complete self-declarations."""
    registration = Registration.objects.create(
        lot=lot, lead=lead, form=form, status=Registration.Status.SUBMITTED, created_by=actor
    )
    role = registration.member_role
    organisations = [(lead, RegistrationMember.Role.LEAD), *((m, role) for m in members)]
    questions = list(lot.procurement.suitability_questions.all())
    for index, (organisation, member_role) in enumerate(organisations):
        member = RegistrationMember.objects.create(
            registration=registration, organisation=organisation, role=member_role
        )
        member.care_types.set(care_types[index :: len(organisations)] or care_types[:1])
        ExclusionAnswer.objects.bulk_create(
            ExclusionAnswer(member=member, ground=ground, applies=False) for ground in EXCLUSION_GROUNDS
        )
        SuitabilityAnswer.objects.bulk_create(
            SuitabilityAnswer(member=member, question=q, meets=True, explanation="Zie bijlage.")
            for q in questions
        )
    digest = content_hash(registration_content(registration, submitted_at))
    Registration.objects.filter(pk=registration.pk).update(submitted_at=submitted_at, content_sha256=digest)
    registration.refresh_from_db()
    return registration


@contextmanager
def _reviewable(lot: Lot) -> Iterator[None]:
    """The procurement pages' demo may have stamped the lot's preselection as published (a historic date)
    without decisions; the reviews happen with the stamp lifted, and the stamp comes back afterwards,
    on the lot and on the decisions published meanwhile."""
    historic = lot.preselection_published_at
    Lot.objects.filter(pk=lot.pk).update(preselection_published_at=None)
    lot.refresh_from_db()
    yield
    if historic is not None:
        Lot.objects.filter(pk=lot.pk).update(preselection_published_at=historic)
        Review.objects.filter(registration__lot=lot, published_at__isnull=False).update(
            published_at=historic, objection_until=objection_deadline(lot.procurement, historic)
        )
        lot.refresh_from_db()


def _criteria(lot: Lot, titles: list[str], officer) -> None:
    if not lot.criteria.exists():
        for title in titles:
            add_criterion(lot, actor=officer, kind="knockout", title=title)


def _review(registration: Registration, first, second, *, admitted: bool, confirm: bool = True) -> None:
    criteria = list(registration.lot.criteria.all())
    verdicts = {
        c.pk: Verdict(
            passed=admitted or index < len(criteria) - 1,
            reason=(
                "Uit de eigen verklaringen en de bijlagen blijkt dat aan dit criterium is voldaan."
                if admitted or index < len(criteria) - 1
                else "Het overgelegde bewijs toont niet aan dat aan dit criterium is voldaan."
            ),
        )
        for index, c in enumerate(criteria)
    }
    review = propose_decision(
        registration,
        actor=first,
        verdicts=verdicts,
        outcome="admitted" if admitted else "not_admitted",
        motivation=(
            "De aanmelding voldoet aan alle knock-outcriteria en wordt toegelaten tot de dialoog."
            if admitted
            else "De aanmelding voldoet niet aan alle knock-outcriteria en wordt niet toegelaten."
        ),
    )
    if confirm:
        confirm_decision(review, actor=second)


def _seed_integral(lot: Lot, people: DemoPeople, officer, second, submitted_at) -> None:
    care_types = list(lot.required_care_types())
    registrations = []
    for lead, form, members, admitted in PARTNERSHIPS:
        lead_org = people.organisations[lead] if isinstance(lead, str) else _organisation(*lead)
        registration = _register(
            lot,
            lead_org,
            form,
            [_organisation(name, kvk) for name, kvk in members],
            care_types,
            lead_org.memberships.first().user if lead_org.memberships.exists() else officer,
            submitted_at,
        )
        registrations.append((registration, admitted))
    with _reviewable(lot):
        _criteria(lot, INTEGRAL_CRITERIA, officer)
        for registration, admitted in registrations:
            _review(registration, officer, second, admitted=admitted)
        publish_decisions(lot, actor=officer)


def _seed_specific(lots: list[Lot], officer, second, submitted_at) -> None:
    registrations = []
    for index, (name, kvk) in enumerate(SINGLE_PROVIDERS):
        lot = lots[index % len(lots)]
        registration = _register(
            lot,
            _organisation(name, kvk),
            Registration.Form.SINGLE,
            [],
            [lot.care_type],
            officer,
            submitted_at,
        )
        registrations.append(registration)
    for lot in lots:
        with _reviewable(lot):
            _criteria(lot, SPECIFIC_CRITERIA, officer)
            for index, registration in enumerate(r for r in registrations if r.lot_id == lot.pk):
                if lot == lots[0] and index == 0:
                    _review(registration, officer, second, admitted=True, confirm=False)  # still in review
                elif index % 4 == 3:
                    _review(registration, second, officer, admitted=False)
                else:
                    _review(registration, officer, second, admitted=True)
