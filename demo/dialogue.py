"""The demo dialogue: the integral lot of ZK/IJ in the middle of its dialogue. Kustlicht, Duinroos and two
more fictional partnerships take part; the kick-off plenary (19 January 2022) and the first round of
bilateral sessions lie behind, the second round lies ahead; minutes are fixed or open for comments;
agreements exist on most themes in every status. Idempotent: a lot that already has rounds is left."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Membership, Organisation, User
from accounts.roles import Role
from common.timezone import AMSTERDAM
from dialogue import services
from dialogue.models import AgendaItem, GuestInvitation, Round, Rsvp, Session
from procurement.models import CareType, Procurement
from regions.models import Region

PARTNERSHIPS = [
    (
        "spaarnestroom",
        "Samenwerkingsverband Spaarnestroom",
        "70000003",
        "Heemstede",
        "aanbieder@spaarnestroom.example",
    ),
    ("ijmondzorg", "Coöperatie IJmondzorg Jeugd", "70000004", "Beverwijk", "aanbieder@ijmondzorg.example"),
]
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# (theme number, kind, title, text, status)
AGREEMENTS = [
    (
        1,
        "content",
        "Hulp in de wijk",
        "Jeugdhulp wordt zoveel mogelijk geboden in de wijk en op school.",
        "agreed",
    ),
    (
        2,
        "content",
        "Normaliseren",
        "Lichte opvoedvragen worden door het lokale team opgepakt.",
        "in_discussion",
    ),
    (3, "content", "Wachttijd", "De hulp start binnen vier weken na aanmelding.", "agreed"),
    (
        4,
        "contractual",
        "Klachtenregeling",
        "Elke partner heeft één onafhankelijke klachtenregeling.",
        "proposed",
    ),
    (5, "content", "Verwijzers", "Partners werken met de verwijzing van CJG, huisarts en GI.", "included"),
    (6, "content", "Onderwijs", "Elke school heeft een vaste contactpersoon jeugdhulp.", "in_discussion"),
    (7, "contractual", "Marges", "De marge per partner is transparant en begrensd.", "withdrawn"),
    (
        8,
        "contractual",
        "Aantal partners",
        "De regio werkt met ten hoogste vier strategische partners.",
        "agreed",
    ),
    (
        9,
        "contractual",
        "Evaluatie",
        "Evaluatie na jaar 3 en jaar 6; opzegging bij onvoldoende resultaat.",
        "agreed",
    ),
    (10, "financial", "Maximumbudget", "Een jaarlijks maximumbudget met reële tarieven.", "agreed"),
    (11, "content", "Monitoring", "Partners leveren elk kwartaal de afgesproken KPI's aan.", "proposed"),
    (12, "content", "Administratieve lasten", "Eén declaratieprotocol voor alle gemeenten.", "in_discussion"),
]


def _organisation(key, name, kvk, city, email, people) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        kvk_number=kvk, defaults={"name": name, "city": city}
    )
    lead = User.objects.filter(email=email).first() or User(email=email)
    lead.full_name, lead.function, lead.is_active = f"Contactpersoon {name}", "Bestuurder", True
    lead.set_password(settings.DEMO_PASSWORD)
    lead.save()
    lead.add_role(Role.PROVIDER_MEMBER)
    Membership.objects.update_or_create(
        user=lead, organisation=organisation, defaults={"role": Membership.Role.ADMIN, "is_signatory": True}
    )
    people.users[email] = lead
    people.organisations[key] = organisation
    return organisation


def _procurement(officer: User) -> Procurement:
    existing = Procurement.objects.filter(reference__startswith="ZKIJ").order_by("pk").first()
    if existing:
        return existing
    from procurement.services.procurements import add_lot, create_procurement, publish_procurement

    zk, ijmond = Region.objects.get(slug="zuid-kennemerland"), Region.objects.get(slug="ijmond")
    procurement = create_procurement(
        actor=officer,
        regions=[zk, ijmond],
        municipalities=[*zk.municipalities.all(), *ijmond.municipalities.all()],
        care_types=CareType.objects.all(),
        title="Jeugdhulp Zuid-Kennemerland en IJmond",
        reference="ZKIJ-2021-JH",
        summary="Dialooggerichte aanbesteding van jeugdhulp.",
    )
    add_lot(procurement, actor=officer, number="1", title="Complexe jeugdhulp", kind="integral")
    publish_procurement(procurement, actor=officer)
    Procurement.objects.filter(pk=procurement.pk).update(current_phase="dialogue")
    return procurement


def _at(year, month, day, hour) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def _past_session(dialogue_round, officer, *, kind, title, starts_at, participant=None, themes=()) -> Session:
    """Sessions that lie in the past cannot be planned through the service (it refuses the past): the
    demo writes that history directly."""
    session = Session.objects.create(
        round=dialogue_round,
        lot=dialogue_round.lot,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        place="Stadhuis Haarlem, Grote Markt 2",
        participant=participant,
        created_by=officer,
    )
    session.themes.set(themes)
    for order, theme in enumerate(themes, start=1):
        AgendaItem.objects.create(session=session, order=order, title=theme.title, theme=theme)
    return session


def _minutes(session, officer, *, fixed: bool, commenter: User | None = None):
    minutes = services.start_minutes(session, actor=officer)
    services.write_minutes(
        minutes,
        actor=officer,
        texts={
            item.pk: f"Besproken: {item.title.lower()}. Vervolg in de volgende ronde."
            for item in session.agenda_items.all()
        },
    )
    services.send_minutes_for_comment(
        minutes, actor=officer, comment_deadline=timezone.now() + timedelta(days=5)
    )
    if commenter:
        comment = services.comment_on_minutes(
            minutes, actor=commenter, text="Graag onze toelichting over de wijkteams toevoegen."
        )
        if fixed:
            services.process_comment(comment, actor=officer, response="Toegevoegd aan het verslag.")
    if fixed:
        services.fix_minutes(minutes, actor=officer)


def seed_dialogue(people) -> None:
    officer = people.users["inkoper@zkij.example"]
    procurement = _procurement(officer)
    lot = procurement.lots.filter(kind="integral").order_by("number").first()
    for partnership in PARTNERSHIPS:
        _organisation(*partnership, people)
    if lot is None or Round.objects.filter(lot=lot).exists():
        return
    themes = services.seed_themes(procurement, actor=officer)
    for theme in themes[:7]:
        services.update_theme(
            theme, actor=officer, title=theme.title, description=theme.description, owner=officer
        )
    participants = [
        services.admit_participant(lot, people.organisations[key], actor=officer)
        for key in ("kustlicht", "duinroos", "spaarnestroom", "ijmondzorg")
    ]
    kustlicht_user = people.users["aanbieder@kustlicht.example"]
    expert = people.users["ervaringsdeskundige@zkij.example"]

    first = services.create_round(lot, actor=officer, title="Kick-off en verkenning")
    kickoff = _past_session(
        first,
        officer,
        kind="plenary",
        title="Kick-off dialoog perceel 1",
        starts_at=_at(2022, 1, 19, 10),
        themes=themes[:3],
    )
    GuestInvitation.objects.get_or_create(session=kickoff, user=expert, defaults={"invited_by": officer})
    for participant in participants:
        Rsvp.objects.get_or_create(
            session=kickoff,
            organisation=participant.organisation,
            defaults={
                "attending": True,
                "attendees": "Directeur en zorgmanager",
                "answered_by": officer,
                "answered_at": _at(2022, 1, 12, 9),
            },
        )
    _minutes(kickoff, officer, fixed=True, commenter=kustlicht_user)
    for day, participant in enumerate(participants):
        session = _past_session(
            first,
            officer,
            kind="bilateral",
            title=f"Bilateraal {participant.organisation.name} (ronde 1)",
            starts_at=_at(2022, 2, 1 + day, 14),
            participant=participant,
            themes=themes[2:5],
        )
        commenter = kustlicht_user if participant.organisation == people.organisations["kustlicht"] else None
        _minutes(session, officer, fixed=day != 0, commenter=commenter)

    second = services.create_round(lot, actor=officer, title="Uitwerking bekostiging en monitoring")
    start = timezone.now().astimezone(AMSTERDAM).replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + timedelta(days=7)
    for day, participant in enumerate(participants):
        session = services.plan_session(
            second,
            actor=officer,
            kind="bilateral",
            title=f"Bilateraal {participant.organisation.name} (ronde 2)",
            starts_at=start + timedelta(days=day),
            ends_at=start + timedelta(days=day, hours=2),
            place="Stadhuis Haarlem, Grote Markt 2",
            themes=themes[9:11],
            participant=participant,
        )
        if day == 0:
            services.upload_position_paper(
                session,
                actor=kustlicht_user,
                theme=themes[9],
                upload=SimpleUploadedFile(
                    "positiepaper-bekostiging.pdf", DEMO_PDF, content_type="application/pdf"
                ),
            )
    plenary = services.plan_session(
        second,
        actor=officer,
        kind="plenary",
        title="Plenaire sessie bekostiging en monitoring",
        starts_at=start + timedelta(days=7),
        ends_at=start + timedelta(days=7, hours=3),
        place="Stadsschouwburg Velsen",
        online_link="https://meet.example/dialoog-zkij",
        themes=themes[9:12],
    )
    services.invite_guest(plenary, expert.email, actor=officer)

    for number, kind, title, text, status in AGREEMENTS:
        extra = {}
        if number == 11:
            extra = {
                "kpi_name": "Wachttijd tot start hulp",
                "kpi_definition": "Mediaan aantal dagen tussen aanmelding en start",
                "kpi_unit": "dagen",
                "kpi_target": Decimal("28"),
                "kpi_frequency": "quarterly",
            }
        if number == 10:
            extra = {"budget_amount": Decimal("41500000.00"), "budget_year": 2023}
        agreement = services.propose_agreement(
            procurement,
            actor=officer,
            theme=themes[number - 1],
            lots=[lot],
            kind=kind,
            title=title,
            text=text,
            **extra,
        )
        if status in ("in_discussion", "agreed", "included"):
            services.change_agreement_status(agreement, actor=officer, status="in_discussion")
            services.edit_agreement(
                agreement, actor=officer, text=f"{text} Na bespreking aangescherpt.", note="Na ronde 1"
            )
        if status in ("agreed", "included"):
            services.change_agreement_status(agreement, actor=officer, status="agreed")
        if status in ("included", "withdrawn"):
            services.change_agreement_status(agreement, actor=officer, status=status)
        if number in (3, 6):
            services.comment_on_agreement(
                agreement, actor=kustlicht_user, text="Wij kunnen ons hierin vinden."
            )
