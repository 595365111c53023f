"""Data for the dashboard tests: a scheduled procurement with decisions, providers, questions and
audit entries, made in bulk where the tests need many."""

from datetime import date, datetime
from decimal import Decimal

from accounts.models import Organisation
from audit.models import AuditEntry
from common.timezone import AMSTERDAM
from procurement.models import DecisionMoment, Participant, Phase, Procurement, Question
from procurement.services.phases import schedule_phase
from tests.factories import MembershipFactory, make_procurement

CONFIDENTIAL_QUESTION = "GEHEIM-VRAAG-7c1e: wat is uw tarief voor verblijf?"
CONFIDENTIAL_ORGANISATION = "GEHEIME-AANBIEDER-4b2d"


def amsterdam(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


NOW = amsterdam(2026, 11, 25, 10)  # the dashboards' tests look at the procurement at this moment


def scheduled_procurement(officer, **fields):
    """A ZK/IJ procurement in its registration phase, its first phases planned from November 2026,
    the strategy done, one decision taken and one coming."""
    procurement = make_procurement(officer, phase="registration", **fields)
    plan = {
        "strategy": (amsterdam(2026, 6, 1), amsterdam(2026, 10, 1)),
        "registration": (amsterdam(2026, 10, 1), amsterdam(2026, 12, 10)),
        "preselection": (amsterdam(2026, 12, 11), amsterdam(2027, 2, 1)),
        "dialogue": (amsterdam(2027, 2, 2), amsterdam(2027, 6, 30)),
    }
    for phase in procurement.phases.filter(key__in=plan):
        start, deadline = plan[phase.key]
        question_deadline = amsterdam(2026, 12, 1) if phase.key == "registration" else None
        schedule_phase(
            phase, actor=officer, planned_start=start, deadline=deadline, question_deadline=question_deadline
        )
    Phase.objects.filter(procurement=procurement, key="strategy").update(
        actual_start=amsterdam(2026, 6, 3), actual_end=amsterdam(2026, 10, 5)
    )
    Phase.objects.filter(procurement=procurement, key="registration").update(
        actual_start=amsterdam(2026, 10, 5)
    )
    DecisionMoment.objects.create(
        procurement=procurement,
        kind=DecisionMoment.Kind.GO_NO_GO,
        title="Vaststelling verwervingsstrategie",
        body=DecisionMoment.Body.COLLEGE,
        planned_date=date(2026, 9, 15),
        decided_on=date(2026, 9, 15),
        outcome=DecisionMoment.Outcome.GO,
    )
    DecisionMoment.objects.create(
        procurement=procurement,
        kind=DecisionMoment.Kind.PRESELECTION,
        title="Besluit preselectie",
        body=DecisionMoment.Body.PORTFOLIO_HOLDERS,
        planned_date=date(2027, 2, 1),
    )
    return procurement


def register_providers(procurement, count: int) -> list[Organisation]:
    """``count`` registered provider organisations, made in bulk."""
    registrar = MembershipFactory().user
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Aanbieder {start + n}", kvk_number=f"{70000000 + start + n:08d}")
        for n in range(count)
    )
    Participant.objects.bulk_create(
        Participant(procurement=procurement, organisation=org, registered_by=registrar)
        for org in organisations
    )
    return organisations


def ask_questions(procurement, count: int, *, status: str = Question.Status.SUBMITTED, text: str = "Vraag"):
    """``count`` questions of one provider organisation, made in bulk."""
    member = MembershipFactory()
    Participant.objects.get_or_create(
        procurement=procurement, organisation=member.organisation, defaults={"registered_by": member.user}
    )
    return Question.objects.bulk_create(
        Question(
            procurement=procurement,
            organisation=member.organisation,
            asked_by=member.user,
            text=text,
            status=status,
        )
        for _ in range(count)
    )


def plant_confidential_question(procurement):
    """A question whose text and asking organisation must never reach an alderman's page or PDF."""
    member = MembershipFactory(organisation__name=CONFIDENTIAL_ORGANISATION)
    Participant.objects.create(
        procurement=procurement, organisation=member.organisation, registered_by=member.user
    )
    return Question.objects.create(
        procurement=procurement,
        organisation=member.organisation,
        asked_by=member.user,
        text=CONFIDENTIAL_QUESTION,
    )


def audit_entries(procurement_id: int | None, count: int, *, action: str = "test.bulk") -> list[AuditEntry]:
    """``count`` audit entries of one procurement, made in bulk (stamped with the current time)."""
    return AuditEntry.objects.bulk_create(
        AuditEntry(action=action, actor_label="bulk@test", procurement_id=procurement_id)
        for _ in range(count)
    )


# Confidential material of the later steps: none of it may reach an alderman's page or PDF.
CONFIDENTIAL_TENDER = "GEHEIM-INSCHRIJVING-91aa: tarief 123,45 per uur"
CONFIDENTIAL_SCORE_MOTIVATION = "GEHEIME-SCORE-5e0c: kwaliteit matig"
CONFIDENTIAL_REVIEW = "GEHEIME-BEOORDELING-2d7f: referentie onvoldoende"
CONFIDENTIAL_BILATERAL = "GEHEIM-BILATERAAL-88b3: eigen werkwijze van de aanbieder"
CONFIDENTIAL_GROUNDS = "GEHEIME-GRONDEN-0f4e: rangorde van de inschrijvingen"
CONFIDENTIAL_MARKERS = [
    CONFIDENTIAL_TENDER,
    CONFIDENTIAL_SCORE_MOTIVATION,
    CONFIDENTIAL_REVIEW,
    CONFIDENTIAL_BILATERAL,
    CONFIDENTIAL_GROUNDS,
    "GEHEIM",
]


def later_steps(procurement, officer, *, registrations: int, opened: bool = True):
    """The procurement in its preselection phase, and lot 1 through the later steps, made in bulk:
    ``registrations`` submitted registrations (half admitted by a published decision, one proposal
    awaiting confirmation, one sent back), three dialogue participants, agreements under two themes,
    two tenders (the vault opened or still sealed) with consensus scores, a prepared award, two
    contracts (one signed by the provider, one active with KPI reports on and below target and budget
    years), open bilateral minutes. Markers are planted in every confidential text."""
    from contracts.models import BudgetYear, Contract, ContractKpi, KpiReport
    from dialogue.models import (
        AgendaItem,
        Agreement,
        DialogueParticipant,
        Minutes,
        MinutesEntry,
        Round,
        Session,
        Theme,
    )
    from procurement.models import (
        AwardCriterion,
        AwardDecision,
        ConsensusScore,
        InvitationToTender,
        Registration,
        Review,
        TenderSubmission,
    )

    Procurement.objects.filter(pk=procurement.pk).update(current_phase="preselection")
    lot = procurement.lots.order_by("number").first()
    moment = amsterdam(2026, 11, 1)
    organisations = register_providers(procurement, registrations)
    made = Registration.objects.bulk_create(
        Registration(
            lot=lot, lead=org, status=Registration.Status.SUBMITTED, created_by=officer, submitted_at=moment
        )
        for org in organisations
    )
    admitted = made[: registrations // 2]
    review = {"motivation": CONFIDENTIAL_REVIEW, "proposed_by": officer, "proposed_at": moment}
    Review.objects.bulk_create(
        [
            *(
                Review(
                    registration=r,
                    status=Review.Status.CONFIRMED,
                    outcome=Review.Outcome.ADMITTED,
                    published_at=moment,
                    **review,
                )
                for r in admitted
            ),
            Review(
                registration=made[-1],
                status=Review.Status.PROPOSED,
                outcome=Review.Outcome.ADMITTED,
                **review,
            ),
            Review(
                registration=made[-2],
                status=Review.Status.SENT_BACK,
                outcome=Review.Outcome.NOT_ADMITTED,
                **review,
            ),
        ]
    )
    participants = DialogueParticipant.objects.bulk_create(
        DialogueParticipant(lot=lot, organisation=org, admitted_at=moment) for org in organisations[:3]
    )
    themes = [
        Theme.objects.create(procurement=procurement, order=n, title=title)
        for n, title in enumerate(["Toegang", "Bekostiging"], start=1)
    ]
    agreements = [
        (themes[0], Agreement.Kind.CONTENT, Agreement.Status.AGREED),
        (themes[0], Agreement.Kind.CONTENT, Agreement.Status.AGREED),
        (themes[0], Agreement.Kind.CONTENT, Agreement.Status.IN_DISCUSSION),
        (themes[1], Agreement.Kind.FINANCIAL, Agreement.Status.PROPOSED),
    ]
    for theme, kind, status in agreements:
        agreement = Agreement.objects.create(
            procurement=procurement,
            theme=theme,
            kind=kind,
            status=status,
            title=f"Afspraak {theme.title}",
            text="Tekst",
            created_by=officer,
        )
        agreement.lots.add(lot)
    round_ = Round.objects.create(procurement=procurement, lot=lot, number=1, title="Ronde 1")
    session = Session.objects.create(
        round=round_,
        lot=lot,
        kind=Session.Kind.BILATERAL,
        participant=participants[0],
        title="Bilateraal gesprek",
        starts_at=moment,
        ends_at=amsterdam(2026, 11, 1, 14),
        created_by=officer,
    )
    item = AgendaItem.objects.create(session=session, order=1, title="Werkwijze")
    minutes = Minutes.objects.create(
        session=session,
        status=Minutes.Status.IN_COMMENT,
        comment_deadline=amsterdam(2026, 12, 2),
        created_by=officer,
    )
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, text=CONFIDENTIAL_BILATERAL)
    invitation = InvitationToTender.objects.create(
        lot=lot,
        agreement_set="Afsprakenset v1",
        submission_deadline=moment,
        published_by=officer,
        published_at=moment,
        opened_by=officer if opened else None,
        opened_at=moment if opened else None,
    )
    criterion = AwardCriterion.objects.create(invitation=invitation, name="Kwaliteit", weight=100)
    # The answers are planted unencrypted: were they ever shown, the marker would be readable.
    tenders = TenderSubmission.objects.bulk_create(
        TenderSubmission(
            lot=lot,
            organisation=org,
            number=1,
            submitted_by=officer,
            submitted_at=moment,
            answers_ciphertext=CONFIDENTIAL_TENDER.encode(),
            content_sha256="0" * 64,
        )
        for org in organisations[:2]
    )
    ConsensusScore.objects.bulk_create(
        ConsensusScore(
            submission=t,
            criterion=criterion,
            score=7,
            motivation=CONFIDENTIAL_SCORE_MOTIVATION,
            recorded_by=officer,
        )
        for t in tenders
    )
    decision = procurement.decisions.create(
        kind="award", title="Gunningsbesluit", body="college", planned_date=date(2027, 3, 1)
    )
    AwardDecision.objects.create(
        lot=lot,
        decision=decision,
        grounds=CONFIDENTIAL_GROUNDS,
        advantages=CONFIDENTIAL_GROUNDS,
        prepared_by=officer,
    )
    contract_dates = {"start": date(2025, 1, 1), "end": date(2028, 12, 31), "created_by": officer}
    Contract.objects.create(
        procurement=procurement,
        lot=lot,
        organisation=organisations[1],
        number=f"{procurement.reference}-C2",
        status=Contract.Status.SIGNED_BY_PROVIDER,
        **contract_dates,
    )
    active = Contract.objects.create(
        procurement=procurement,
        lot=lot,
        organisation=organisations[0],
        number=f"{procurement.reference}-C1",
        status=Contract.Status.ACTIVE,
        **contract_dates,
    )
    lower = ContractKpi.Direction.LOWER
    satisfaction, start, waiting, reach = ContractKpi.objects.bulk_create(
        ContractKpi(contract=active, name=name, target=target, direction=direction)
        for name, target, direction in [
            ("Tevredenheid", Decimal("7.5"), ContractKpi.Direction.HIGHER),
            ("Start binnen 4 weken", Decimal("90"), ContractKpi.Direction.HIGHER),
            ("Wachttijd in weken", Decimal("4"), lower),
            ("Bereik", None, ContractKpi.Direction.HIGHER),
        ]
    )
    KpiReport.objects.bulk_create(
        KpiReport(kpi=kpi, period=period, value=Decimal(value), reported_by=officer, reported_at=moment)
        for kpi, period, value in [
            (satisfaction, "2025", "7.0"),  # below the target in 2025 ...
            (satisfaction, "2026-Q1", "7.9"),  # ... on target in its latest report
            (start, "2025", "80"),  # below target: off target
            (waiting, "2025", "3.5"),  # lower is better: under the target is on target
        ]
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(contract=active, year=year, maximum=Decimal(maximum), spent=Decimal(spent))
        for year, maximum, spent in [
            (2025, "1000000", "900000"),
            (2026, "1000000", "600000"),
            (2027, "1000000", "0"),
        ]
    )
    return lot
