"""Data for the dashboard tests: a scheduled procurement with decisions, providers, questions and
audit entries, made in bulk where the tests need many."""

from datetime import date, datetime

from accounts.models import Organisation
from audit.models import AuditEntry
from common.timezone import AMSTERDAM
from procurement.models import DecisionMoment, Participant, Phase, Question
from procurement.services.phases import schedule_phase
from tests.factories import MembershipFactory, make_procurement

CONFIDENTIAL_QUESTION = "GEHEIM-VRAAG-7c1e: wat is uw tarief voor verblijf?"
CONFIDENTIAL_ORGANISATION = "GEHEIME-AANBIEDER-4b2d"


def amsterdam(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


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
