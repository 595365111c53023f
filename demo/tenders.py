"""The demo tender of ZK/IJ lot 2b (specific care, self-employed providers): its preselection decisions are
published, so that the admitted providers are the lot's dialogue participants; the invitation to tender is
published to them, three of them submit a tender, two officers open the vault (opening report), two
assessors score, the officer chairs the consensus, and the award is published with a letter to every
tenderer; the standstill period runs. Made through the services, in one transaction: a failure midway
leaves nothing of it behind, and the next run starts afresh; idempotent (a lot that already has an
invitation to tender is left as it is).

Two dates are set directly where a guard needs them: the submission phase of ZK/IJ lies in 2022, so its
deadline is lifted while the invitation is published (the service requires a deadline in the future, no
later than the phase's) and restored afterwards, also when publishing fails; and the lot's deadline is
moved to the moment right after the last tender, so that the vault can be opened at once."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import slugify

from accounts.models import Membership, Organisation, User
from accounts.roles import Role
from common.timezone import local, server_now
from demo.people import DemoPeople
from procurement.jobs.tenders import make_opening_report, make_tender_receipt
from procurement.models import Document, InvitationToTender, Lot, Phase, Procurement
from procurement.queries import ranking
from procurement.services import assessment, award, tenders
from procurement.services.documents import create_document, publish_version, upload_version
from procurement.services.preselection import publication_problems, publish_decisions
from procurement.services.tenders import TenderForm

LOT_NUMBER = "2b"
CRITERIA = [("Kwaliteit van de hulp", 60), ("Prijs", 40)]
PLAN = "Plan van aanpak"
PRICE = "Uurtarief (EUR)"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%% Plan van aanpak\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# (position among the lot's dialogue participants, hourly rate, consensus score per criterion)
TENDERS = [(0, "92.50", (8, 7)), (1, "88.00", (7, 9)), (2, "97.00", (6, 5))]
ASSESSOR_SCORES = [(0, 1), (1, 0)]  # each assessor's deviation from the consensus, quality and price
GROUNDS = (
    "De inschrijving heeft de hoogste gewogen score op de gunningscriteria kwaliteit (60) en prijs (40)."
)
ADVANTAGES = (
    "Een concreet plan voor hulp binnen vier weken, met vaste behandelaars per gezin, tegen een scherp "
    "uurtarief."
)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@contextmanager
def _submission_deadline_lifted(procurement: Procurement) -> Iterator[None]:
    """The submission phase's historic deadline is lifted while the lot's invitation is published."""
    phase = Phase.objects.get(procurement=procurement, key=tenders.SUBMISSION_PHASE)
    Phase.objects.filter(pk=phase.pk).update(deadline=None)
    try:
        yield
    finally:
        Phase.objects.filter(pk=phase.pk).update(deadline=phase.deadline)


def _contact(organisation: Organisation) -> User:
    """The organisation's administrator; a demo contact person if it has none."""
    membership = organisation.memberships.filter(role=Membership.Role.ADMIN).select_related("user").first()
    if membership:
        return membership.user
    email = f"aanbieder@{slugify(organisation.name)}.example"
    user = User.objects.create_user(
        email=email, password=settings.DEMO_PASSWORD, full_name=f"Contactpersoon {organisation.name}"
    )
    user.add_role(Role.PROVIDER_MEMBER)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


def _publish_invitation(lot: Lot, officer: User) -> InvitationToTender:
    document = create_document(
        lot.procurement,
        actor=officer,
        kind=Document.Kind.INVITATION,
        title="Uitnodiging tot inschrijving perceel 2b",
        lot=lot,
    )
    publish_version(upload_version(document, _pdf("uitnodiging-2b.pdf"), actor=officer), actor=officer)
    with _submission_deadline_lifted(lot.procurement):
        return tenders.publish_invitation(
            lot,
            organisations=tenders.proposed_invitees(lot),
            agreement_set="Afsprakenset enkelvoudige jeugdhulp 2022",
            criteria=CRITERIA,
            required_documents=[PLAN],
            price_questions=[PRICE],
            deadline=server_now() + timedelta(days=14),
            actor=officer,
        )


def seed_tenders(people: DemoPeople) -> None:
    """The tender of lot 2b, made once, all or nothing; its tenderers' contacts join the demo people."""
    lot = Lot.objects.filter(procurement__reference__startswith="ZKIJ", number=LOT_NUMBER).first()
    if lot is None:
        return
    if not InvitationToTender.objects.filter(lot=lot).exists():
        with transaction.atomic():
            _tender_round(lot, people)
    submitters = tenders.current_tenders(lot).select_related("submitted_by")
    people.users.update((t.submitted_by.email, t.submitted_by) for t in submitters)


def _tender_round(lot: Lot, people: DemoPeople) -> None:
    officer, second = people.users["inkoper@zkij.example"], people.users["inkoper2@zkij.example"]
    if not publication_problems(lot):
        publish_decisions(lot, actor=officer)
    invitation = _publish_invitation(lot, officer)
    invitees = tenders.proposed_invitees(lot)
    submissions = []
    for position, price, _scores in TENDERS:
        organisation = invitees[position]
        form = TenderForm(documents={PLAN: _pdf("plan-van-aanpak.pdf")}, answers={PRICE: Decimal(price)})
        submissions.append(
            tenders.submit_tender(
                lot,
                organisation=organisation,
                form=form,
                actor=_contact(organisation),
                confirmed=True,
            )
        )
    InvitationToTender.objects.filter(pk=invitation.pk).update(submission_deadline=server_now())
    for submission in submissions:
        make_tender_receipt(submission.pk)
    tenders.start_opening(invitation, actor=officer)
    tenders.confirm_opening(invitation, actor=second)
    make_opening_report(invitation.pk)
    criteria = list(invitation.criteria.order_by("order"))
    assessors = [people.users["beoordelaar@zkij.example"], people.users["beoordelaar2@zkij.example"]]
    for assessor, deviation in zip(assessors, ASSESSOR_SCORES, strict=True):
        appointment = assessment.appoint_assessor(lot, user=assessor, actor=officer)
        for submission, (_position, _price, consensus) in zip(submissions, TENDERS, strict=True):
            assessment.declare_conflict(
                appointment, submission, has_conflict=False, explanation="", actor=assessor
            )
            scores = {
                c.pk: (Decimal(min(10, s + d)), "Beoordeeld aan de hand van het plan van aanpak.")
                for c, s, d in zip(criteria, consensus, deviation, strict=True)
            }
            assessment.score_tender(appointment, submission, scores=scores, actor=assessor)
        assessment.submit_scores(appointment, actor=assessor)
    for submission, (_position, _price, consensus) in zip(submissions, TENDERS, strict=True):
        scores = {
            c.pk: (Decimal(s), "Consensus van de beoordelingscommissie.")
            for c, s in zip(criteria, consensus, strict=True)
        }
        assessment.record_consensus(lot, submission, scores=scores, actor=officer)
    winner = ranking(lot)[0].submission
    decision = award.prepare_award(
        lot,
        winners=[winner],
        grounds=GROUNDS,
        advantages=ADVANTAGES,
        decided_on=local(server_now()).date(),
        actor=officer,
    )
    award.send_letters(award.publish_award(decision, actor=officer).pk)
