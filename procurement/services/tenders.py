"""The invitation to tender, the sealed submission of tenders and the two-person opening of the vault.

The moment of receipt is the server's, taken inside the transaction that accepts the tender, under a
row lock on the lot's invitation (the row that holds the submission deadline). Tender content is stored
encrypted (``procurement.vault``) and nobody reads it before the vault has been opened by two officers
after the deadline; every refused attempt is recorded as ``tender.read`` refused."""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.access import may_act_for, organisations_of
from accounts.models import Organisation, User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import record, refusals_recorded, refused
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from common.uploads import check_upload
from procurement.access import may_manage, may_read_tenders
from procurement.models import (
    AwardCriterion,
    Document,
    InvitationToTender,
    Lot,
    Phase,
    TenderFile,
    TenderInvitation,
    TenderSubmission,
)
from procurement.phases import sequence
from procurement.queries import current_tenders
from procurement.vault import seal, unseal

TENDER_SWEEP = "the tender PDF sweep"  # procurement.tasks.tenders.make_missing_tender_pdfs

SUBMISSION_PHASE = "submission"

# Where the invitees of a lot come from. The dialogue app (a higher layer) appends a source that yields
# the lot's dialogue participants; procurement never imports it.
tender_eligibility_sources: list[Callable[[Lot], Iterable[Organisation]]] = []


def _moment(value: datetime) -> str:
    return formats.date_format(local(value), "j F Y H:i:s")


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------- invitation


def proposed_invitees(lot: Lot) -> list[Organisation]:
    """The organisations the officer is proposed to invite: those of the connected eligibility sources
    (the lot's dialogue participants), or, for a procedure without a dialogue, the registered providers."""
    if "dialogue" in sequence(lot.procurement):
        found = {org.pk: org for source in tender_eligibility_sources for org in source(lot)}
        return sorted(found.values(), key=lambda org: org.name)
    return list(
        Organisation.objects.filter(participations__procurement=lot.procurement_id)
        .order_by("name")
        .distinct()
    )


def default_deadline(lot: Lot) -> datetime | None:
    phase = Phase.objects.filter(procurement=lot.procurement_id, key=SUBMISSION_PHASE).first()
    return phase.deadline if phase else None


def invitation_documents(lot: Lot) -> QuerySet[Document]:
    return Document.objects.filter(lot=lot, kind=Document.Kind.INVITATION).order_by("title")


def _clean_labels(labels: Iterable[str]) -> list[str]:
    cleaned = [label.strip() for label in labels if label.strip()]
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError(_("Every required document and price question needs a different name."))
    return cleaned


def publish_invitation(
    lot: Lot,
    *,
    organisations: Iterable[Organisation],
    agreement_set: str,
    criteria: list[tuple[str, int]],
    required_documents: Iterable[str],
    price_questions: Iterable[str],
    deadline: datetime | None = None,
    actor: User,
) -> InvitationToTender:
    """Publish the invitation to tender of a lot to the given organisations: its award criteria with
    weights summing to 100, the documents and price questions of the tender form, and the deadline
    (the submission phase's deadline unless the lot has its own)."""
    with refusals_recorded(
        Action.TENDER_INVITATION_PUBLISH, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        lot = Lot.objects.select_for_update().select_related("procurement").get(pk=lot.pk)
        if not may_manage(actor, lot.procurement):
            raise ValidationError(
                _("Only an officer of this procurement can publish the invitation to tender.")
            )
        if lot.status != Lot.Status.OPEN:
            raise ValidationError(_("This lot is not open."))
        if InvitationToTender.objects.filter(lot=lot).exists():
            raise ValidationError(_("The invitation to tender of this lot has already been published."))
        organisations = list({org.pk: org for org in organisations}.values())
        if not organisations:
            raise ValidationError(_("Invite at least one organisation."))
        if not agreement_set.strip():
            raise ValidationError(_("Name the agreement set that applies."))
        criteria = [(name.strip(), weight) for name, weight in criteria if name.strip()]
        if not criteria or any(weight <= 0 for _name, weight in criteria):
            raise ValidationError(_("Give at least one award criterion, each with a weight above zero."))
        if sum(weight for _name, weight in criteria) != 100:
            raise ValidationError(_("The weights of the award criteria must add up to 100."))
        documents = _clean_labels(required_documents)
        questions = _clean_labels(price_questions)
        if set(documents) & set(questions):
            raise ValidationError(_("Every required document and price question needs a different name."))
        if not documents:
            raise ValidationError(_("Name at least one document the tender must contain."))
        if not invitation_documents(lot).filter(versions__published_at__isnull=False).exists():
            raise ValidationError(_("Publish the invitation document of this lot first."))
        phase_deadline = default_deadline(lot)
        deadline = deadline or phase_deadline
        now = server_now()
        if deadline is None:
            raise ValidationError(_("Set the submission deadline first."))
        if deadline <= now:
            raise ValidationError(_("The submission deadline must lie in the future."))
        if phase_deadline and deadline > phase_deadline:
            raise ValidationError(
                _("The deadline of a lot cannot lie after the deadline of the submission phase.")
            )
        invitation = InvitationToTender.objects.create(
            lot=lot,
            agreement_set=agreement_set.strip(),
            required_documents=documents,
            price_questions=questions,
            submission_deadline=deadline,
            published_by=actor,
            published_at=now,
        )
        AwardCriterion.objects.bulk_create(
            AwardCriterion(invitation=invitation, name=name, weight=weight, order=index)
            for index, (name, weight) in enumerate(criteria)
        )
        TenderInvitation.objects.bulk_create(
            TenderInvitation(lot=lot, organisation=org) for org in organisations
        )
        record(
            Action.TENDER_INVITATION_PUBLISH,
            actor=actor,
            obj=invitation,
            procurement_id=lot.procurement_id,
            changes={
                "invited": sorted(org.kvk_number for org in organisations),
                "deadline": deadline.isoformat(),
            },
        )
        transaction.on_commit(lambda: _notify_invited(invitation.pk))
    return invitation


def _notify_invited(invitation_id: int) -> None:
    invitation = InvitationToTender.objects.select_related("lot__procurement").get(pk=invitation_id)
    users = User.objects.filter(
        memberships__organisation__tender_invitations__lot=invitation.lot_id, is_active=True
    ).distinct()
    notify(
        users,
        key=f"tender-invitation-{invitation.pk}",
        subject=_("Invitation to tender: %(lot)s") % {"lot": invitation.lot},
        body=_("You are invited to submit a tender before %(deadline)s.")
        % {"deadline": _moment(invitation.submission_deadline)},
        url=reverse("procurement:tender_form", args=[invitation.lot_id]),
    )


def invited_organisations(user: User, lot: Lot) -> QuerySet[Organisation]:
    return organisations_of(user).filter(tender_invitations__lot=lot)


def window_open(invitation: InvitationToTender) -> bool:
    """For pages; ``submit_tender`` decides again under the lock."""
    return server_now() < invitation.submission_deadline


# ---------------------------------------------------------------------------------------------- submission


@dataclass
class TenderForm:
    """What a participant submits: a file per required document, an amount per price question."""

    documents: dict[str, UploadedFile | None]
    answers: dict[str, str | Decimal | None]


def _checked_answers(invitation: InvitationToTender, answers: dict) -> dict[str, str]:
    cleaned = {}
    for question in invitation.price_questions:
        raw = answers.get(question)
        if raw is None or str(raw).strip() == "":
            raise ValidationError(_("Fill in '%(question)s'.") % {"question": question})
        try:
            amount = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation as error:
            raise ValidationError(_("'%(question)s' must be an amount.") % {"question": question}) from error
        if not amount.is_finite() or amount < 0:
            raise ValidationError(_("'%(question)s' cannot be negative.") % {"question": question})
        cleaned[question] = str(amount.quantize(Decimal("0.01")))
    return cleaned


def _checked_documents(invitation: InvitationToTender, documents: dict) -> dict:
    checked = {}
    for requirement in invitation.required_documents:
        upload = documents.get(requirement)
        if upload is None:
            raise ValidationError(_("The document '%(document)s' is missing.") % {"document": requirement})
        checked[requirement] = (upload, check_upload(upload))
    return checked


def _lock_invitation(lot: Lot) -> tuple[InvitationToTender, datetime]:
    """Lock the row holding the lot's deadline; return it with the server time if the window is open."""
    invitation = InvitationToTender.objects.select_for_update().filter(lot=lot).first()
    now = server_now()
    if invitation is None:
        raise ValidationError(_("There is no invitation to tender for this lot."))
    closed = Phase.objects.filter(
        procurement=lot.procurement_id, key=SUBMISSION_PHASE, window_closed_at__isnull=False
    ).exists()
    if closed or now >= invitation.submission_deadline:
        raise ValidationError(
            _("The submission deadline (%(deadline)s) has passed: tenders are no longer accepted.")
            % {"deadline": _moment(invitation.submission_deadline)}
        )
    return invitation, now


def submit_tender(
    lot: Lot, *, organisation: Organisation, form: TenderForm, actor: User, confirmed: bool
) -> TenderSubmission:
    """Accept a complete tender of an invited organisation before the deadline. A resubmission
    supersedes the current tender, which stays as history. The receipt PDF follows after commit."""
    with refusals_recorded(Action.TENDER_SUBMIT, actor=actor, obj=lot, procurement_id=lot.procurement_id):
        invitation, now = _lock_invitation(lot)
        if not may_act_for(actor, organisation.pk):
            raise ValidationError(_("You do not act for this organisation."))
        if not TenderInvitation.objects.filter(lot=lot, organisation=organisation).exists():
            raise ValidationError(_("This organisation has not been invited to tender for this lot."))
        if not confirmed:
            raise ValidationError(_("Confirm that you want to submit the tender."))
        answers = _checked_answers(invitation, form.answers)
        documents = _checked_documents(invitation, form.documents)
        return _store_submission(invitation, organisation, answers, documents, now, actor)


def _store_submission(
    invitation: InvitationToTender,
    organisation: Organisation,
    answers: dict[str, str],
    documents: dict,
    now: datetime,
    actor: User,
) -> TenderSubmission:
    lot = invitation.lot
    current = (
        TenderSubmission.objects.select_for_update()
        .filter(lot=lot, organisation=organisation, superseded_at__isnull=True)
        .first()
    )
    number = (current.number + 1) if current else 1
    if (
        current
        and TenderSubmission.objects.filter(pk=current.pk, superseded_at__isnull=True).update(
            superseded_at=now
        )
        != 1
    ):
        raise ValidationError(
            _("Another submission of this tender was accepted at the same moment; try again.")
        )
    content = {
        "procurement": lot.procurement.reference,
        "lot": lot.number,
        "organisation": organisation.kvk_number,
        "number": number,
        "submitted_at": now.isoformat(),
        "answers": answers,
        "documents": {requirement: checked.sha256 for requirement, (_upload, checked) in documents.items()},
    }
    submission = TenderSubmission.objects.create(
        lot=lot,
        organisation=organisation,
        number=number,
        submitted_by=actor,
        submitted_at=now,
        answers_ciphertext=seal(json.dumps(answers, sort_keys=True).encode()),
        content_sha256=content_hash(content),
    )
    for requirement, (upload, checked) in documents.items():
        upload.seek(0)
        tender_file = TenderFile(
            submission=submission,
            requirement=requirement,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        tender_file.encrypted.save("tender.bin", ContentFile(seal(upload.read())), save=False)
        tender_file.save()
    record(
        Action.TENDER_SUBMIT,
        actor=actor,
        obj=submission,
        procurement_id=lot.procurement_id,
        changes={"number": number, "superseded": current.pk if current else None},
        message=submission.content_sha256,
    )
    transaction.on_commit(
        lambda: hand_to_worker(
            "procurement.tasks.tenders.make_tender_receipt", submission.pk, left_to=TENDER_SWEEP
        )
    )
    return submission


# ---------------------------------------------------------------------------------------------- the vault


def _opening_window() -> timedelta:
    return timedelta(hours=settings.TENDER_OPENING_WINDOW_HOURS)


def opening_pending(invitation: InvitationToTender, now: datetime) -> bool:
    """Whether a first officer started the opening and the window for the second has not lapsed."""
    return (
        invitation.opened_at is None
        and invitation.opening_started_at is not None
        and now < invitation.opening_started_at + _opening_window()
    )


def start_opening(invitation: InvitationToTender, *, actor: User) -> InvitationToTender:
    """The first officer starts the opening of the vault, after the deadline."""
    pid = invitation.lot.procurement_id
    with refusals_recorded(Action.TENDER_OPENING_START, actor=actor, obj=invitation, procurement_id=pid):
        locked = (
            InvitationToTender.objects.select_for_update()
            .select_related("lot__procurement")
            .get(pk=invitation.pk)
        )
        now = server_now()
        if not may_manage(actor, locked.lot.procurement):
            raise ValidationError(_("Only an officer of this procurement can open the tenders."))
        if now < locked.submission_deadline:
            raise ValidationError(_("The tenders cannot be opened before the submission deadline."))
        if locked.opened_at is not None:
            raise ValidationError(_("The tenders have already been opened."))
        if opening_pending(locked, now):
            raise ValidationError(
                _("The opening has already been started; a second, different officer must confirm it.")
            )
        updated = InvitationToTender.objects.filter(
            pk=locked.pk, opened_at__isnull=True, opening_started_at=locked.opening_started_at
        ).update(opening_started_by=actor, opening_started_at=now)
        if updated != 1:
            raise ValidationError(
                _("The opening has already been started; a second, different officer must confirm it.")
            )
        record(Action.TENDER_OPENING_START, actor=actor, obj=locked, procurement_id=pid)
    invitation.refresh_from_db()
    return invitation


def confirm_opening(invitation: InvitationToTender, *, actor: User) -> InvitationToTender:
    """A second, different officer confirms the opening within the window; then the tenders are open."""
    pid = invitation.lot.procurement_id
    with refusals_recorded(Action.TENDER_OPENING_CONFIRM, actor=actor, obj=invitation, procurement_id=pid):
        locked = (
            InvitationToTender.objects.select_for_update()
            .select_related("lot__procurement")
            .get(pk=invitation.pk)
        )
        now = server_now()
        if not may_manage(actor, locked.lot.procurement):
            raise ValidationError(_("Only an officer of this procurement can open the tenders."))
        if locked.opened_at is not None:
            raise ValidationError(_("The tenders have already been opened."))
        if not opening_pending(locked, now):
            raise ValidationError(_("No opening is waiting for confirmation; start the opening first."))
        if locked.opening_started_by_id == actor.pk:
            raise ValidationError(_("A second, different officer must confirm the opening."))
        updated = InvitationToTender.objects.filter(pk=locked.pk, opened_at__isnull=True).update(
            opened_by=actor, opened_at=now
        )
        if updated != 1:
            raise ValidationError(_("The tenders have already been opened."))
        tenders = current_tenders(locked.lot)
        record(
            Action.TENDER_OPENING_CONFIRM,
            actor=actor,
            obj=locked,
            procurement_id=pid,
            changes={"tenders": {t.organisation.kvk_number: t.content_sha256 for t in tenders}},
        )
        transaction.on_commit(
            lambda: hand_to_worker(
                "procurement.tasks.tenders.make_opening_report", locked.pk, left_to=TENDER_SWEEP
            )
        )
    invitation.refresh_from_db()
    return invitation


@dataclass
class TenderContent:
    submission: TenderSubmission
    answers: dict[str, Decimal]
    files: list[TenderFile]


def _guard_read(submission: TenderSubmission, actor: User, what: str) -> None:
    invitation = InvitationToTender.objects.select_related("lot__procurement").get(lot=submission.lot_id)
    if not may_read_tenders(actor, invitation):
        reason = (
            "sealed: the vault has not been opened"
            if invitation.opened_at is None
            else "no officer of the procurement or appointed assessor"
        )
        refused(
            Action.TENDER_READ,
            actor=actor,
            obj=submission,
            procurement_id=invitation.lot.procurement_id,
            message=f"{what}: {reason}",
        )
        raise PermissionDenied(_("Tender content cannot be read: the tenders have not been opened for you."))
    record(
        Action.TENDER_READ,
        actor=actor,
        obj=submission,
        procurement_id=invitation.lot.procurement_id,
        message=what,
    )


def read_tender(submission: TenderSubmission, *, actor: User) -> TenderContent:
    """The decrypted answers and the file list of a tender, for an authorised reader of an opened vault."""
    _guard_read(submission, actor, "answers")
    answers = json.loads(unseal(submission.answers_ciphertext))
    return TenderContent(
        submission=submission,
        answers={key: Decimal(value) for key, value in answers.items()},
        files=list(submission.files.all()),
    )


def read_tender_file(tender_file: TenderFile, *, actor: User) -> bytes:
    """The decrypted content of a tender file, for an authorised reader of an opened vault."""
    _guard_read(tender_file.submission, actor, f"file {tender_file.pk}")
    with tender_file.encrypted.open("rb") as handle:
        return unseal(handle.read())
