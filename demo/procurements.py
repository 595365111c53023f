"""The procurements of the demo world: ZK/IJ with its real timeline (DOMAIN.md), a Zaanstreek-Waterland
open procedure in its submission phase and an MVS negotiated procedure in its dialogue. Organisations and
people stay fictional. Made through the services; where a guard needs a milestone that later features
set (a published preselection), the demo sets it directly, and it backdates the actual dates."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from accounts.models import User
from common.timezone import AMSTERDAM, local, server_now
from demo.people import DemoPeople
from procurement.care_types import load_care_types
from procurement.models import CareType, DecisionMoment, Lot, Phase, PhaseTransition, Procurement
from procurement.services.decisions import add_decision_moment
from procurement.services.phases import advance_phase, schedule_phase
from procurement.services.procurements import (
    add_lot,
    create_procurement,
    publish_procurement,
    register_participant,
    split_lot,
    suspend_lot,
)
from regions.models import Municipality, Region

# (planned start, deadline, question deadline, actual start, actual end) per phase key
Dates = tuple[datetime | None, datetime | None, datetime | None, datetime | None, datetime | None]

ZKIJ_REFERENCE = "ZKIJ-2021-001"
ZW_REFERENCE = "ZW-SJH-001"
MVS_REFERENCE = "MVS-JM-001"


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def _days(offset: int, hour: int = 12) -> datetime:
    """Noon (Dutch time) ``offset`` days from today: the other demo procurements stay current."""
    return datetime.combine(local(server_now()).date() + timedelta(days=offset), time(hour), tzinfo=AMSTERDAM)


def _region_municipalities(*slugs: str) -> tuple[list[Region], list[Municipality]]:
    regions = list(Region.objects.filter(slug__in=slugs))
    return regions, list(Municipality.objects.filter(region__in=regions, merged_into__isnull=True))


def _walk(procurement: Procurement, actor: User, dates: dict[str, Dates], reasons: dict[str, str]) -> None:
    """Plan every phase, move through the phases named in ``reasons`` (in order) with ``advance_phase``,
    then give the phases and transitions their historical dates."""
    for key, (planned_start, deadline, question_deadline, _start, _end) in dates.items():
        phase = Phase.objects.get(procurement=procurement, key=key)
        schedule_phase(
            phase,
            actor=actor,
            planned_start=planned_start,
            deadline=deadline,
            question_deadline=question_deadline,
        )
    for to_key, reason in reasons.items():
        advance_phase(procurement, to_key, actor=actor, reason=reason)
    for key, (*_planned, actual_start, actual_end) in dates.items():
        Phase.objects.filter(procurement=procurement, key=key).update(
            actual_start=actual_start, actual_end=actual_end
        )
        if actual_start:
            PhaseTransition.objects.filter(procurement=procurement, to_phase=key).update(
                happened_at=actual_start
            )


def seed_procurements(people: DemoPeople) -> dict[str, Procurement]:
    """Create the three demo procurements (idempotent: one that exists is left as it is)."""
    load_care_types(CareType)
    return {
        "zkij": Procurement.objects.filter(reference=ZKIJ_REFERENCE).first() or _zkij(people),
        "zaanstreek": Procurement.objects.filter(reference=ZW_REFERENCE).first() or _zaanstreek(people),
        "mvs": Procurement.objects.filter(reference=MVS_REFERENCE).first() or _mvs(people),
    }


def _zkij(people: DemoPeople) -> Procurement:
    officer = people.users["inkoper@zkij.example"]
    regions, municipalities = _region_municipalities("zuid-kennemerland", "ijmond")
    procurement = create_procurement(
        actor=officer,
        regions=regions,
        municipalities=municipalities,
        care_types=CareType.objects.all(),
        title="Jeugdhulp Zuid-Kennemerland en IJmond",
        reference=ZKIJ_REFERENCE,
        summary=(
            "De zeven gemeenten van Zuid-Kennemerland en IJmond kopen samen jeugdhulp in, in een "
            "dialooggerichte aanbesteding. Perceel 1 (complexe jeugdhulp) wordt gegund aan enkele "
            "strategische partners die in samenwerking integraal leveren; perceel 2 betreft enkelvoudige "
            "jeugdhulp. De contracten lopen negen jaar vanaf 1 januari 2023, met evaluaties na jaar 3 en 6."
        ),
        procedure=Procurement.Procedure.DIALOGUE,
        estimated_value=Decimal("900000000.00"),
        contract_term_years=9,
        evaluation_years=[3, 6],
        planned_contract_start=date(2023, 1, 1),
        tenderned_reference="TN-DEMO-2021-0415",
        tenderned_url="https://www.tenderned.nl/aankondigingen/overzicht",
        dialogue_cost_compensation=Decimal("25000.00"),
    )
    lot_1 = add_lot(
        procurement,
        actor=officer,
        number="1",
        title="Complexe jeugdhulp (integraal perceel)",
        kind=Lot.Kind.INTEGRAL,
        description="Integraal te leveren door strategische partners, in een combinatie of als "
        "hoofdaannemer met onderaannemers.",
    )
    lot_2 = add_lot(
        procurement,
        actor=officer,
        number="2",
        title="Enkelvoudige jeugdhulp",
        kind=Lot.Kind.SPECIFIC,
        care_type=CareType.objects.get(code="ambulant"),
    )
    for kind, title, body, planned, decided in [
        (DecisionMoment.Kind.GO_NO_GO, "Go/no-go verwervingsstrategie", "college", date(2021, 3, 16), True),
        (
            DecisionMoment.Kind.GO_NO_GO,
            "Go/no-go start aanbesteding",
            "steering_group",
            date(2021, 6, 22),
            True,
        ),
        (DecisionMoment.Kind.AWARD, "Voorlopige gunning perceel 1", "college", date(2022, 9, 27), False),
    ]:
        add_decision_moment(
            procurement,
            actor=officer,
            kind=kind,
            title=title,
            body=body,
            planned_date=planned,
            decided_on=planned if decided else None,
            outcome=DecisionMoment.Outcome.GO if decided else DecisionMoment.Outcome.PENDING,
            notes="Besloten na de zienswijzen van de gemeenteraden." if decided else "",
        )
    publish_procurement(procurement, actor=officer)
    for organisation in people.organisations.values():
        register_participant(procurement, organisation, actor=organisation.memberships.first().user)
    Lot.objects.filter(pk__in=[lot_1.pk, lot_2.pk]).update(preselection_published_at=_at(2021, 12, 20, 10))
    _walk(
        procurement,
        officer,
        {
            "strategy": (_at(2021, 1, 4), _at(2021, 3, 31, 17), None, _at(2021, 1, 4), _at(2021, 10, 15)),
            "registration": (
                _at(2021, 10, 15),
                _at(2021, 11, 15, 12),
                _at(2021, 11, 1, 12),
                _at(2021, 10, 15),
                _at(2021, 11, 15, 12),
            ),
            "preselection": (
                _at(2021, 11, 15, 12),
                _at(2021, 12, 31, 17),
                None,
                _at(2021, 11, 15, 12),
                _at(2022, 1, 19),
            ),
            "dialogue": (
                _at(2022, 1, 19),
                _at(2022, 5, 31, 17),
                _at(2022, 5, 13, 12),
                _at(2022, 1, 19),
                None,
            ),
            "submission": (_at(2022, 6, 13), _at(2022, 7, 15, 12), _at(2022, 7, 1, 12), None, None),
            "assessment": (_at(2022, 7, 15, 12), _at(2022, 9, 16, 17), None, None, None),
            "award": (_at(2022, 9, 26), _at(2022, 10, 21, 17), None, None, None),
            "contracting": (_at(2022, 10, 24), _at(2022, 12, 31, 17), None, None, None),
            "term": (_at(2023, 1, 1, 0), _at(2031, 12, 31, 23, 59), None, None, None),
        },
        {
            "registration": "Go-besluit juni 2021; de aankondiging staat op TenderNed.",
            "preselection": "De aanmeldtermijn is verstreken.",
            "dialogue": "Preselectiebesluiten gepubliceerd; aftrap dialoog perceel 1 op 19 januari 2022.",
        },
    )
    suspend_lot(lot_2, actor=officer, reason="Uitgesteld na een klacht van een aanbieder over het tarief.")
    split_lot(
        lot_2,
        actor=officer,
        reason="Na het kostprijsonderzoek gesplitst in instellingen (2a) en vrijgevestigden (2b).",
        new_lots=[
            {"number": "2a", "title": "Enkelvoudige jeugdhulp: instellingen"},
            {"number": "2b", "title": "Enkelvoudige jeugdhulp: vrijgevestigden"},
        ],
    )
    return procurement


def _zaanstreek(people: DemoPeople) -> Procurement:
    officer = people.users["inkoper@zaanstreek.example"]
    regions, municipalities = _region_municipalities("zaanstreek-waterland")
    procurement = create_procurement(
        actor=officer,
        regions=regions,
        municipalities=municipalities,
        care_types=CareType.objects.filter(code__in=["verblijf", "jeugd-ggz"]),
        title="Specialistische jeugdhulp Zaanstreek-Waterland",
        reference=ZW_REFERENCE,
        summary=(
            "De gemeenten van Zaanstreek-Waterland kopen specialistische jeugdhulp in met een openbare "
            "procedure, met een nieuw tarieftype voor verblijfskosten."
        ),
        procedure=Procurement.Procedure.OPEN,
        estimated_value=Decimal("120000000.00"),
        planned_contract_start=_days(200).date(),
        tenderned_reference="TN-DEMO-ZW-0007",
        tenderned_url="https://www.tenderned.nl/aankondigingen/overzicht",
    )
    for number, title, code in [
        ("1", "Jeugdhulp met verblijf", "verblijf"),
        ("2", "Specialistische jeugd-GGZ", "jeugd-ggz"),
    ]:
        add_lot(
            procurement,
            actor=officer,
            number=number,
            title=title,
            kind=Lot.Kind.SPECIFIC,
            care_type=CareType.objects.get(code=code),
        )
    publish_procurement(procurement, actor=officer)
    _walk(
        procurement,
        officer,
        {
            "strategy": (_days(-150), _days(-40), None, _days(-150), _days(-21)),
            "submission": (_days(-21), _days(21), _days(7), _days(-21), None),
            "assessment": (_days(21), _days(60), None, None, None),
            "award": (_days(61), _days(95), None, None, None),
            "contracting": (_days(96), _days(199), None, None, None),
            "term": (_days(200, 0), None, None, None, None),
        },
        {"submission": "Aankondiging gepubliceerd; de inschrijvingstermijn is geopend."},
    )
    return procurement


def _mvs(people: DemoPeople) -> Procurement:
    actor = people.users["beheer@dialoog.example"]
    regions, municipalities = _region_municipalities("mvs")
    procurement = create_procurement(
        actor=actor,
        regions=regions,
        municipalities=municipalities,
        care_types=CareType.objects.all(),
        title="Jeugdmodel MVS: één integrale opdracht",
        reference=MVS_REFERENCE,
        summary=(
            "Maassluis, Vlaardingen en Schiedam zoeken één integrale partner, die ook een "
            "samenwerkingsverband van meerdere aanbieders mag zijn. Na een aanbesteding zonder "
            "passende inschrijving volgt de onderhandelingsprocedure zonder voorafgaande bekendmaking."
        ),
        procedure=Procurement.Procedure.NEGOTIATED,
        estimated_value=Decimal("300000000.00"),
        planned_contract_start=_days(270).date(),
    )
    add_lot(
        procurement,
        actor=actor,
        number="1",
        title="Integrale jeugdhulp (Jeugdmodel)",
        kind=Lot.Kind.INTEGRAL,
    )
    publish_procurement(procurement, actor=actor)
    _walk(
        procurement,
        actor,
        {
            "strategy": (_days(-200), _days(-60), None, _days(-200), _days(-45)),
            "dialogue": (_days(-45), _days(45), _days(30), _days(-45), None),
            "submission": (_days(60), _days(90), _days(75), None, None),
        },
        {"dialogue": "Geen passende inschrijving; onderhandelingen met één samenwerkingsverband gestart."},
    )
    return procurement
