"""A world with a real object behind every URL argument, for the permission matrix, the fuzzing and the
accessibility walk: a ZK/IJ procurement in its registration phase with documents (published and draft,
for providers and internal), questions and a published answer round, provider A's submitted registration
(with a partner, a self-declaration, a document and its receipt), provider A's organisation with a member
and an invitation, a notification of A, and a council report; a procurement in its dialogue phase with a
draft contract with A (a partner of A's as a party, one evaluation closed); one whose preselection is
published; one in its submission phase with A's sealed tender, an awarded lot and A's contract.

Unique markers are planted in provider A's confidential data (its registrations, its tender and its
contract); only A and the owning officer may ever receive them."""

from datetime import date, timedelta
from types import SimpleNamespace

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Membership
from accounts.services.notifications import notify
from contracts.jobs import make_contract_version
from contracts.services import create_contract, request_version
from dashboards.jobs import make_council_report
from procurement.jobs.preselection import make_decision_letter
from procurement.jobs.questions import make_nota_van_inlichtingen
from procurement.jobs.registration import make_registration_receipt
from procurement.jobs.tenders import make_opening_report, make_tender_receipt
from procurement.models import EXCLUSION_GROUNDS, AnswerRound, AwardLetter, DecisionMoment, Document
from procurement.services.award import prepare_award, publish_award, send_letters
from procurement.services.documents import create_document, publish_version, upload_version
from procurement.services.preselection import add_criterion, publish_decisions
from procurement.services.questions import publish_round
from procurement.services.registration import (
    Declaration,
    add_member,
    create_registration,
    save_declaration,
    set_care_types,
    submit_registration,
)
from procurement.services.tenders import TenderForm, publish_invitation, submit_tender
from tests.accounts.factories_organisation import make_invitation
from tests.factories import MembershipFactory
from tests.procurement.factories_docsqa import (
    answer,
    ask,
    open_question_window,
    pdf_upload,
    published_document,
    register,
)
from tests.procurement.factories_preselection import decide, end_registration
from tests.procurement.factories_registration import make_admin, registration_procurement
from tests.procurement.factories_tenders import CRITERIA, assess_fully, open_vault, submit, tender_procurement

# what provider A wrote or uploaded in confidence: nobody but A and the owning officer may see it
MARKERS = {
    "question": "MARKER-QUESTION-5e0c9a",
    "partner": "MARKER-PARTNER-31b7d2",
    "explanation": "MARKER-EXPLANATION-8f42aa",
    "file_name": "marker-file-c09e71",
    "file_content": "MARKER-CONTENT-74d1be",
    "address": "MARKER-ADDRESS-2a6f03",
}
INVITATION_TOKEN = "matrix-invitation-token"
PUBLISHED_QUESTION = "Hoe lang duurt de dialoogfase?"


def _marker_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        f"{MARKERS['file_name']}.pdf",
        b"%PDF-1.4\n% " + MARKERS["file_content"].encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        content_type="application/pdf",
    )


def _declaration(procurement) -> Declaration:
    questions = list(procurement.suitability_questions.all())
    upload = _marker_pdf()
    return Declaration(
        exclusions={ground: (False, MARKERS["explanation"]) for ground in EXCLUSION_GROUNDS},
        suitability={q.pk: (True, MARKERS["explanation"]) for q in questions},
        uploads={q.pk: upload for q in questions if q.requires_document},
    )


def _declare(member, user, care_codes: list[str]) -> None:
    """The member states its care types and its self-declaration, with A's markers."""
    procurement = member.registration.lot.procurement
    set_care_types(member, care_types=procurement.care_types.filter(code__in=care_codes), actor=user)
    save_declaration(member, _declaration(procurement), actor=user)


def _submitted_registration(p, procurement, lot):
    registration = create_registration(lot, lead=p.organisation_a, form="combination", actor=p.provider_a)
    partner = MembershipFactory(
        organisation__name=MARKERS["partner"], organisation__kvk_number="79000001", role=Membership.Role.ADMIN
    )
    member = add_member(registration, kvk_number="79000001", actor=p.provider_a)
    lead = registration.members.get(role="lead")
    _declare(lead, p.provider_a, ["ambulant", "jeugd-ggz"])
    _declare(member, partner.user, ["verblijf"])
    submit_registration(registration, actor=p.provider_a, confirmed=True)
    make_registration_receipt(registration.pk)
    registration.refresh_from_db()
    return registration, lead


def _dialogue(p) -> SimpleNamespace:
    """A second procurement, in its dialogue phase (A and B admitted to lot 1), with A's bilateral
    session, its agenda item, document, position paper, minutes sent for comment and A's comment, and an
    agreement proposed for lot 2."""
    from dialogue import services as dialogue_services
    from tests.dialogue.factories_dialogue import dialogue_world
    from tests.dialogue.factories_dialogue import pdf_upload as paper_upload

    world = dialogue_world(p)
    session = world.bilateral_a
    item = session.agenda_items.first()
    minutes = dialogue_services.start_minutes(session, actor=p.officer)
    dialogue_services.send_minutes_for_comment(minutes, actor=p.officer, comment_deadline=session.ends_at)
    other_lot = world.procurement.lots.get(number="2")
    return SimpleNamespace(
        procurement=world.procurement,
        theme=world.themes[0],
        round=world.round,
        session=session,
        item=item,
        document=dialogue_services.attach_document(item, paper_upload(), actor=p.officer),
        paper=dialogue_services.upload_position_paper(
            session, actor=p.provider_a, theme=world.themes[0], upload=paper_upload()
        ),
        minutes=minutes,
        comment=dialogue_services.comment_on_minutes(minutes, actor=p.provider_a, text="Opmerking van A"),
        agreement=dialogue_services.propose_agreement(
            world.procurement,
            actor=p.officer,
            theme=world.themes[0],
            lots=[other_lot],
            kind="content",
            title="Afspraak",
            text="Afspraak over perceel 2",
        ),
        other_lot=other_lot,
    )


def _draft_contract(p, dialogue) -> SimpleNamespace:
    """A draft contract with A for lot 1 of the dialogue procurement, with a partner of A's as a party and
    its evaluation after year 3 closed with an outcome and a report (the one after year 6 is planned)."""
    from django.core.files.base import ContentFile

    from contracts.models import Evaluation
    from tests.factories import OrganisationFactory

    partner = OrganisationFactory(name="Contractpartner van A")
    contract = create_contract(
        dialogue.procurement.lots.get(number="1"),
        p.organisation_a,
        actor=p.officer,
        members=[(partner, "combinant")],
    )
    evaluation = contract.evaluations.get(after_year=3)
    evaluation.state, evaluation.outcome, evaluation.motivation = "closed", "continue", "Doorgaan"
    evaluation.report_name = "evaluatie.pdf"
    evaluation.report.save("evaluatie.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    evaluation.save()
    return SimpleNamespace(
        contract=contract,
        closed_year=evaluation.after_year,
        planned_year=contract.evaluations.get(state=Evaluation.State.PLANNED).after_year,
        partner=contract.parties.get(organisation=partner),
    )


def _preselection(p) -> SimpleNamespace:
    """A third procurement, its registration period over: A's registration for lot 2 (with A's markers),
    judged on lot 2's knock-out criterion, admitted by the officer's proposal confirmed by a second
    officer, and published with its decision letter."""
    procurement = registration_procurement(p.officer)
    lot = procurement.lots.get(number="2")
    register(procurement, (p.provider_a, p.organisation_a))
    registration = create_registration(lot, lead=p.organisation_a, form="single", actor=p.provider_a)
    _declare(registration.members.get(), p.provider_a, ["jeugd-ggz"])
    submit_registration(registration, actor=p.provider_a, confirmed=True)
    end_registration(procurement)
    criterion = add_criterion(lot, actor=p.officer, kind="knockout", title="Aantoonbare ervaring")
    review = decide(registration, p.officer, p.second_officer)
    publish_decisions(lot, actor=p.officer)
    make_decision_letter(review.pk)
    return SimpleNamespace(procurement=procurement, lot=lot, registration=registration, criterion=criterion)


def _tenders(p) -> SimpleNamespace:
    """A fourth procurement, in its submission phase. Lot 2: the invitation to tender published to A only,
    and A's tender (with A's markers) sealed in the vault until next week's deadline. Lot 1: tendered by
    A and B last week, the vault opened by two officers, assessed, and awarded to A with a letter to
    each tenderer (the assessor persona assessed it)."""
    procurement, sealed, _invitation = tender_procurement(p.officer, [p.organisation_a])
    tender = submit_tender(
        sealed,
        organisation=p.organisation_a,
        form=TenderForm(documents={"Plan van aanpak": _marker_pdf()}, answers={"Totaalprijs": "125000.00"}),
        actor=p.provider_a,
        confirmed=True,
    )
    make_tender_receipt(tender.pk)
    awarded = procurement.lots.get(number="1")
    document = create_document(
        procurement,
        actor=p.officer,
        kind=Document.Kind.INVITATION,
        title="Uitnodiging tot inschrijving integraal perceel",
        lot=awarded,
    )
    publish_version(upload_version(document, pdf_upload("uitnodiging.pdf"), actor=p.officer), actor=p.officer)
    with time_machine.travel(timezone.now() - timedelta(days=10), tick=False):
        invitation = publish_invitation(
            awarded,
            organisations=[p.organisation_a, p.organisation_b],
            agreement_set="Afsprakenset integraal perceel v2",
            criteria=CRITERIA,
            required_documents=["Plan van aanpak"],
            price_questions=["Totaalprijs"],
            deadline=timezone.now() + timedelta(days=1),
            actor=p.officer,
        )
        tender_a = submit(awarded, p.provider_a, p.organisation_a)
        tender_b = submit(awarded, p.provider_b, p.organisation_b)
    opened = SimpleNamespace(**vars(p), lot=awarded, invitation=invitation)
    open_vault(opened)
    make_opening_report(invitation.pk)
    assess_fully(opened, {tender_a: ("8", "8"), tender_b: ("6", "6")}, [p.assessor])
    award = prepare_award(
        awarded,
        winners=[tender_a],
        grounds="Beste prijs-kwaliteitverhouding.",
        advantages="Het sterkste plan voor zorg dichtbij huis.",
        decided_on=timezone.localdate(),
        actor=p.officer,
    )
    publish_award(award, actor=p.officer)
    send_letters(award.pk)
    return SimpleNamespace(
        procurement=procurement,
        sealed=sealed,
        tender=tender,
        tender_file=tender.files.get(),
        awarded=awarded,
        awarded_tender=tender_a,
        letter=AwardLetter.objects.get(award=award, submission=tender_a),
    )


def _contract(p, lot, partner) -> SimpleNamespace:
    """A's contract for the awarded lot, with A's partner (its name a marker) as a party, and its first
    version made."""
    contract = create_contract(lot, p.organisation_a, actor=p.officer, members=[(partner, "onderaannemer")])
    version = request_version(contract, actor=p.officer)
    make_contract_version(version.pk)
    return SimpleNamespace(contract=contract, version=version)


def build_world(personas) -> SimpleNamespace:
    p = personas
    make_admin(p.provider_a, p.organisation_a)
    make_admin(p.provider_b, p.organisation_b)
    p.organisation_a.street_address = MARKERS["address"]
    p.organisation_a.save(update_fields=["street_address"])
    colleague = MembershipFactory(organisation=p.organisation_a, user__email="colleague@provider-a.test")

    procurement = registration_procurement(p.officer)
    integral, specific = procurement.lots.get(number="1"), procurement.lots.get(number="2")
    register(procurement, (p.provider_a, p.organisation_a), (p.provider_b, p.organisation_b))

    published, published_version = published_document(procurement, p.officer)
    internal = create_document(
        procurement,
        actor=p.officer,
        kind=Document.Kind.OTHER,
        title="Intern memo",
        audience=Document.Audience.INTERNAL,
    )
    internal_version = upload_version(internal, pdf_upload("intern.pdf"), actor=p.officer)
    draft_version = upload_version(published, pdf_upload("bestek-v2.pdf"), actor=p.officer)

    open_question_window(procurement)
    answered = ask(procurement, p.provider_a, p.organisation_a, MARKERS["question"])
    open_question = ask(procurement, p.provider_a, p.organisation_a, f"{MARKERS['question']} (open)")
    answer(procurement, p.officer, answered, published_text=PUBLISHED_QUESTION)
    published_round = publish_round(AnswerRound.objects.get(procurement=procurement), actor=p.officer)
    make_nota_van_inlichtingen(published_round.pk)
    question_of_b = ask(procurement, p.provider_b, p.organisation_b, "Vraag van B")
    answer(procurement, p.officer, question_of_b, published_text="Vraag van B", text="Antwoord aan B")
    draft_round = AnswerRound.objects.get(procurement=procurement, published_at__isnull=True)

    registration, lead = _submitted_registration(p, procurement, integral)
    declaration_document = lead.documents.first()

    invitation = make_invitation(p.organisation_a, "b@provider-b.test", token=INVITATION_TOKEN)
    notification = notify([p.provider_a], key="matrix", subject="Melding voor A", body="Voor A", url="/")[0]
    report = make_council_report(procurement, period=date(2026, 11, 1), actor=p.officer)
    decision = DecisionMoment.objects.create(
        procurement=procurement,
        kind=DecisionMoment.Kind.PRESELECTION,
        title="Besluit preselectie",
        body=DecisionMoment.Body.PORTFOLIO_HOLDERS,
        planned_date=date(2027, 2, 1),
    )
    dialogue = _dialogue(p)
    tenders = _tenders(p)
    return SimpleNamespace(
        **vars(p),
        procurement=procurement,
        decision=decision,
        phase_key="registration",
        dialogue=dialogue,
        draft_contract=_draft_contract(p, dialogue),
        preselection=_preselection(p),
        tenders=tenders,
        contract=_contract(p, tenders.awarded, registration.members.exclude(pk=lead.pk).get().organisation),
        integral=integral,
        specific=specific,
        colleague=colleague,
        published=published,
        published_version=published_version,
        draft_version=draft_version,
        internal=internal,
        internal_version=internal_version,
        open_question=open_question,
        answered=answered,
        published_round=published_round,
        draft_round=draft_round,
        registration=registration,
        lead=lead,
        partner_member=registration.members.exclude(pk=lead.pk).get(),
        declaration_document=declaration_document,
        invitation=invitation,
        notification=notification,
        report=report,
        invitation_token=INVITATION_TOKEN,
    )
