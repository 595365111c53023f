"""Registration of interest for a lot, and the self-declaration of each member.

Every change to a registration happens inside the registration window: the verb locks the procurement's
registration phase row (select_for_update) and compares the server's clock with its deadline inside the
same transaction, so a change one moment after the deadline, or racing the deadline task, is refused."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from accounts.access import may_act_for
from accounts.models import Invitation, Membership, Organisation, User, kvk_validator
from accounts.services.organisations import (
    InvitationState,
    invitation_states,
    invite_organisation,
    not_pending_error,
    on_portal_error,
    reinvite_organisation,
    withdraw_invitation,
)
from audit.actions import Action
from audit.services import changed_fields, record, refusals_recorded
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from common.uploads import check_upload
from procurement.access import may_declare, may_edit_registration, may_state_care_types
from procurement.models import (
    EXCLUSION_GROUNDS,
    CareType,
    DeclarationDocument,
    ExclusionAnswer,
    Lot,
    Phase,
    Procurement,
    Registration,
    RegistrationMember,
    SuitabilityAnswer,
    SuitabilityQuestion,
)
from procurement.services.procurements import register_participant, split_carriers

REGISTRATION_PHASE = "registration"
LEADING_ROLES = (RegistrationMember.Role.LEAD, RegistrationMember.Role.PARTNER)
ACTIVE = ~Q(status=Registration.Status.WITHDRAWN)


# ---------------------------------------------------------------------------------------------- window


def _deadline_text(deadline: datetime) -> str:
    return formats.date_format(local(deadline), "j F Y H:i")


def window_state(procurement: Procurement, phase: Phase | None, now: datetime) -> str:
    """Why the registration window is closed, or '' when it is open."""
    if procurement.status != Procurement.Status.PUBLISHED or procurement.current_phase != REGISTRATION_PHASE:
        return _("Registration of interest for this procurement is not open.")
    if phase is None or phase.deadline is None:
        return _("The registration deadline has not been set yet; registration is not open.")
    if phase.window_closed_at is not None or now >= phase.deadline:
        return _(
            "The registration deadline (%(deadline)s) has passed: nothing can be changed, submitted or "
            "withdrawn any more."
        ) % {"deadline": _deadline_text(phase.deadline)}
    return ""


def registration_phase(procurement: Procurement) -> Phase | None:
    return procurement.phases.filter(key=REGISTRATION_PHASE).first()


def window_open(procurement: Procurement) -> bool:
    """For pages: whether registration is open now (the services decide again under the lock)."""
    return not window_state(procurement, registration_phase(procurement), server_now())


def _lock_window(procurement_id: int) -> datetime:
    """Lock the registration phase row and return the server time, if the window is open; else refuse."""
    procurement = Procurement.objects.get(pk=procurement_id)
    phase = Phase.objects.select_for_update().filter(procurement=procurement, key=REGISTRATION_PHASE).first()
    now = server_now()
    reason = window_state(procurement, phase, now)
    if reason:
        raise ValidationError(reason)
    return now


def _locked_draft(registration: Registration, actor: User) -> Registration:
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("lot__procurement")
        .get(pk=registration.pk)
    )
    if not may_edit_registration(actor, locked):
        raise ValidationError(_("Only the lead organisation can change this registration."))
    if locked.status != Registration.Status.DRAFT:
        raise ValidationError(
            _("This registration is %(status)s and can no longer be changed.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _refuse_if_leading_elsewhere(lot: Lot, organisation: Organisation, registration_id: int | None) -> None:
    """A lead or combination partner may be in only one (not withdrawn) registration per lot."""
    taken = (
        RegistrationMember.objects.filter(
            registration__lot=lot, organisation=organisation, role__in=LEADING_ROLES
        )
        .exclude(registration__status=Registration.Status.WITHDRAWN)
        .exclude(registration_id=registration_id)
    )
    if taken.exists():
        raise ValidationError(
            _(
                "%(organisation)s is already lead or combination partner in another registration for this "
                "lot. It can take part in another registration only as a subcontractor."
            )
            % {"organisation": organisation.name}
        )


# ---------------------------------------------------------------------------------------------- drafts


def create_registration(lot: Lot, *, lead: Organisation, form: str, actor: User) -> Registration:
    """The lead organisation starts a draft registration of interest for an open lot."""
    with refusals_recorded(
        Action.REGISTRATION_CREATE, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        _lock_window(lot.procurement_id)
        lot = Lot.objects.get(pk=lot.pk)
        if not may_act_for(actor, lead.pk):
            raise ValidationError(_("You do not act for this organisation."))
        if lot.status != Lot.Status.OPEN:
            raise ValidationError(_("This lot is not open for registration."))
        if form not in Registration.Form.values:
            raise ValidationError(_("Choose how you register."))
        if form != Registration.Form.SINGLE and not lot.partnerships_allowed:
            raise ValidationError(_("This lot does not allow partnerships; register as a single provider."))
        _refuse_if_leading_elsewhere(lot, lead, None)
        registration = Registration.objects.create(lot=lot, lead=lead, form=form, created_by=actor)
        RegistrationMember.objects.create(
            registration=registration, organisation=lead, role=RegistrationMember.Role.LEAD
        )
        record(
            Action.REGISTRATION_CREATE,
            actor=actor,
            obj=registration,
            procurement_id=lot.procurement_id,
            changes={"form": [None, form], "lead": [None, lead.kvk_number]},
        )
    return registration


def change_form(registration: Registration, *, form: str, actor: User) -> Registration:
    """Change how the draft registers (single, combination, main contractor); the members' roles follow."""
    with refusals_recorded(
        Action.REGISTRATION_CHANGE_FORM, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        _lock_window(_pid(registration))
        locked = _locked_draft(registration, actor)
        if form not in Registration.Form.values:
            raise ValidationError(_("Choose how you register."))
        others = locked.members.exclude(role=RegistrationMember.Role.LEAD)
        if form == Registration.Form.SINGLE and others.exists():
            raise ValidationError(_("Remove the other members before registering as a single provider."))
        if form != Registration.Form.SINGLE and not locked.lot.partnerships_allowed:
            raise ValidationError(_("This lot does not allow partnerships; register as a single provider."))
        before = locked.form
        locked.form = form
        if form == Registration.Form.COMBINATION:
            for member in others.select_related("organisation"):
                _refuse_if_leading_elsewhere(locked.lot, member.organisation, locked.pk)
        others.update(role=locked.member_role)
        Registration.objects.filter(pk=locked.pk).update(form=form)
        record(
            Action.REGISTRATION_CHANGE_FORM,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={"form": [before, form]},
        )
    registration.refresh_from_db()
    return registration


def add_member(registration: Registration, *, kvk_number: str, actor: User) -> RegistrationMember:
    """The lead adds an organisation that is on the portal, found by its KvK number, as a combination
    partner or subcontractor (the role follows the form of the registration)."""
    kvk_number = (kvk_number or "").strip()
    with refusals_recorded(
        Action.REGISTRATION_ADD_MEMBER, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        kvk_validator(kvk_number)
        _lock_window(_pid(registration))
        locked = _locked_member_draft(registration, actor)
        organisation = Organisation.objects.filter(kvk_number=kvk_number).first()
        if organisation is None:
            raise ValidationError(
                _(
                    "No organisation with KvK number %(kvk)s is on the portal yet. "
                    "Invite it with the form 'Invite an organisation'."
                )
                % {"kvk": kvk_number}
            )
        member = _join(locked, organisation)
        record(
            Action.REGISTRATION_ADD_MEMBER,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={"member": [None, kvk_number], "role": [None, member.role]},
        )
    return member


def invite_member(
    registration: Registration, *, name: str, kvk_number: str, contact_email: str, actor: User
) -> tuple[RegistrationMember, Invitation | None]:
    """The lead invites an organisation that is not on the portal yet as a member: the organisation is
    registered by its KvK number and its contact person invited as its administrator, by an e-mail that
    links to this registration, where the member then fills in its own self-declaration.

    An organisation that turns out to be on the portal already is added as with ``add_member``, and its
    administrators are notified (no invitation: ``None``)."""
    kvk_number, contact_email = (kvk_number or "").strip(), (contact_email or "").strip()
    with refusals_recorded(
        Action.REGISTRATION_INVITE_MEMBER, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        kvk_validator(kvk_number)
        validate_email(contact_email)
        _lock_window(_pid(registration))
        locked = _locked_member_draft(registration, actor)
        organisation, invitation = invite_organisation(
            name=name,
            kvk_number=kvk_number,
            contact_email=contact_email,
            invited_by=actor,
            context=_invitation_context(locked),
        )
        member = _join(locked, organisation)
        record(
            Action.REGISTRATION_INVITE_MEMBER,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={
                "member": [None, kvk_number],
                "role": [None, member.role],
                "invited": [None, invitation.email if invitation else None],
            },
        )
    return member, invitation


def _locked_member_draft(registration: Registration, actor: User) -> Registration:
    """The draft, locked, if it is a partnership (a single provider has no members)."""
    locked = _locked_draft(registration, actor)
    if locked.form == Registration.Form.SINGLE:
        raise ValidationError(_("A single provider has no members; choose a partnership first."))
    return locked


def _join(registration: Registration, organisation: Organisation) -> RegistrationMember:
    """The organisation becomes a member of the (locked) draft, in the role its form gives members."""
    if registration.members.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s is already a member of this registration.") % {"organisation": organisation}
        )
    role = registration.member_role
    if role in LEADING_ROLES:
        _refuse_if_leading_elsewhere(registration.lot, organisation, registration.pk)
    return RegistrationMember.objects.create(registration=registration, organisation=organisation, role=role)


def _invitation_context(registration: Registration) -> str:
    """What the invitation e-mail says about the registration, with the link to it."""
    lot = registration.lot
    return _(
        "%(lead)s names your organisation as %(role)s in its registration of interest for %(lot)s of "
        "procurement %(procurement)s. After accepting the invitation, log in and fill in your organisation's "
        "part of the self-declaration before the registration deadline: %(url)s"
    ) % {
        "lead": registration.lead.name,
        "role": RegistrationMember.Role(registration.member_role).label,
        "lot": lot,
        "procurement": lot.procurement,
        "url": f"{settings.SITE_URL}{reverse('procurement:registration', args=[registration.pk])}",
    }


def member_invitations(registration: Registration) -> dict[int, InvitationState]:
    """The members' organisations that nobody acts for yet, by id, with where their invitation stands."""
    return invitation_states(Organisation.objects.filter(registration_memberships__registration=registration))


def reinvite_member(member: RegistrationMember, *, contact_email: str, actor: User) -> Invitation:
    """The lead invites a contact person once more for a member organisation that nobody acts for yet and
    that has no open invitation (it expired or was withdrawn, or the organisation was never invited): the
    member stays in the registration, with its care types."""
    registration = member.registration
    contact_email = (contact_email or "").strip()
    with refusals_recorded(
        Action.REGISTRATION_REINVITE_MEMBER, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        validate_email(contact_email)
        _lock_window(_pid(registration))
        locked = _locked_draft(registration, actor)
        member = locked.members.select_related("organisation").filter(pk=member.pk).first()
        if member is None:
            raise ValidationError(_("This organisation is no longer a member of this registration."))
        invitation = reinvite_organisation(
            member.organisation,
            contact_email=contact_email,
            invited_by=actor,
            context=_invitation_context(locked),
        )
        record(
            Action.REGISTRATION_REINVITE_MEMBER,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={"member": [member.organisation.kvk_number] * 2, "invited": [None, invitation.email]},
        )
    return invitation


def invitations_of_members(registration: Registration) -> QuerySet[Invitation]:
    """Every invitation, in any state, of the organisations in the registration."""
    return Invitation.objects.filter(organisation__registration_memberships__registration=registration)


def revocable_invitations(registration: Registration, user: User) -> QuerySet[Invitation]:
    """The open invitations of the registration's members that nobody acts for yet, that ``user`` may
    withdraw: those the user sent, and, for the lead organisation's people, those sent by anyone acting
    for the lead organisation. Once people act for an organisation, its administrators manage them."""
    sent = Q(invited_by=user)
    if may_edit_registration(user, registration):
        sent |= Q(invited_by__in=Membership.objects.filter(organisation=registration.lead_id).values("user"))
    return invitations_of_members(registration).pending().filter(sent, organisation__memberships__isnull=True)


def revoke_member_invitation(registration: Registration, invitation: Invitation, *, actor: User) -> None:
    """Whoever sent an open invitation for a member of the registration, or the lead organisation's
    people, withdraw it; whatever the state of the registration, the invitation is the portal's."""
    with refusals_recorded(
        Action.REGISTRATION_REVOKE_INVITATION,
        actor=actor,
        obj=registration,
        procurement_id=_pid(registration),
    ):
        organisation = invitation.organisation
        if organisation.memberships.exists():
            raise on_portal_error(organisation)
        if not invitations_of_members(registration).pending().filter(pk=invitation.pk).exists():
            raise not_pending_error()
        if not revocable_invitations(registration, actor).filter(pk=invitation.pk).exists():
            raise ValidationError(
                _("Only the person who sent this invitation, or the lead organisation, can withdraw it.")
            )
        withdraw_invitation(invitation, actor=actor)
        record(
            Action.REGISTRATION_REVOKE_INVITATION,
            actor=actor,
            obj=registration,
            procurement_id=_pid(registration),
            changes={"member": [organisation.kvk_number] * 2, "invited": [invitation.email, None]},
        )


def remove_member(member: RegistrationMember, *, actor: User) -> None:
    registration = member.registration
    with refusals_recorded(
        Action.REGISTRATION_REMOVE_MEMBER, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        _lock_window(_pid(registration))
        locked = _locked_draft(registration, actor)
        if member.role == RegistrationMember.Role.LEAD:
            raise ValidationError(_("The lead cannot be removed from its registration."))
        kvk = member.organisation.kvk_number
        locked.members.filter(pk=member.pk).delete()
        record(
            Action.REGISTRATION_REMOVE_MEMBER,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={"member": [kvk, None]},
        )


def offered_care_types(lot: Lot) -> QuerySet[CareType]:
    """The care types a member can state for this lot: those of the procurement and the lot's own."""
    return CareType.objects.filter(Q(procurements=lot.procurement_id) | Q(pk=lot.care_type_id)).distinct()


def set_care_types(member: RegistrationMember, *, care_types: Iterable[CareType], actor: User) -> None:
    """A member states which care types it delivers; the member itself or the lead may do so."""
    registration = member.registration
    with refusals_recorded(
        Action.REGISTRATION_CARE_TYPES, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        _lock_window(_pid(registration))
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if not may_state_care_types(actor, member):
            raise ValidationError(_("Only the lead or the member itself can state its care types."))
        if locked.status != Registration.Status.DRAFT:
            raise ValidationError(
                _("This registration is %(status)s and can no longer be changed.")
                % {"status": locked.get_status_display()}
            )
        chosen = {c.pk for c in care_types}
        allowed = set(offered_care_types(locked.lot).values_list("pk", flat=True))
        if chosen - allowed:
            raise ValidationError(_("Choose care types of this procurement."))
        before = sorted(member.care_types.values_list("code", flat=True))
        member.care_types.set(chosen)
        after = sorted(member.care_types.values_list("code", flat=True))
        record(
            Action.REGISTRATION_CARE_TYPES,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes=changed_fields({"care_types": before}, {"care_types": after})
            | {"member": [member.organisation.kvk_number] * 2},
        )


@dataclass
class Declaration:
    """What a member answers: per exclusion ground (applies, explanation), per suitability question
    (meets, explanation), and new documents per question. ``None`` as an answer: not answered yet."""

    exclusions: dict[str, tuple[bool | None, str]] = field(default_factory=dict)
    suitability: dict[int, tuple[bool | None, str]] = field(default_factory=dict)
    uploads: dict[int, UploadedFile] = field(default_factory=dict)


def save_declaration(member: RegistrationMember, declaration: Declaration, *, actor: User) -> None:
    """An administrator of the member organisation saves its own part of the self-declaration. Files are
    checked before anything is stored: a refused file saves nothing."""
    registration = member.registration
    with refusals_recorded(
        Action.REGISTRATION_DECLARATION, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        if not may_declare(actor, member):
            raise ValidationError(
                _("Only an administrator of %(organisation)s can fill in its self-declaration.")
                % {"organisation": member.organisation}
            )
        checked = {}
        for question_id, upload in declaration.uploads.items():
            try:
                checked[question_id] = check_upload(upload)
            except ValidationError as error:
                raise ValidationError({f"document_{question_id}": error.messages}) from error
        _lock_window(_pid(registration))
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status != Registration.Status.DRAFT:
            raise ValidationError(
                _("This registration is %(status)s and can no longer be changed.")
                % {"status": locked.get_status_display()}
            )
        questions = {q.pk: q for q in locked.lot.procurement.suitability_questions.all()}
        for ground, (applies, explanation) in declaration.exclusions.items():
            if ground not in EXCLUSION_GROUNDS:
                raise ValidationError(_("Unknown exclusion ground."))
            _store_answer(ExclusionAnswer, member, {"ground": ground}, "applies", applies, explanation)
        for question_id, (meets, explanation) in declaration.suitability.items():
            if question_id not in questions:
                raise ValidationError(_("Unknown suitability question."))
            _store_answer(
                SuitabilityAnswer, member, {"question_id": question_id}, "meets", meets, explanation
            )
        for question_id, upload in declaration.uploads.items():
            if question_id not in questions:
                raise ValidationError(_("Unknown suitability question."))
            _store_document(member, questions[question_id], upload, checked[question_id], actor)
        record(
            Action.REGISTRATION_DECLARATION,
            actor=actor,
            obj=locked,
            procurement_id=_pid(locked),
            changes={
                "member": [member.organisation.kvk_number] * 2,
                "documents": [None, [checked[q].sha256 for q in sorted(checked)]],
            },
        )


def _store_answer(model, member, key: dict, answer_field: str, answer: bool | None, explanation: str) -> None:
    if answer is None:
        model.objects.filter(member=member, **key).delete()
        return
    model.objects.update_or_create(
        member=member, **key, defaults={answer_field: answer, "explanation": explanation.strip()}
    )


def _store_document(member, question, upload, checked, actor) -> DeclarationDocument:
    latest = DeclarationDocument.objects.filter(member=member, question=question).order_by("-number").first()
    document = DeclarationDocument(
        member=member,
        question=question,
        number=(latest.number + 1) if latest else 1,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    document.file.save(checked.name, upload, save=False)
    document.save()
    return document


# ---------------------------------------------------------------------------------------------- completeness


@dataclass
class MemberProgress:
    member: RegistrationMember
    missing: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass
class Progress:
    """What a registration still lacks before it can be submitted."""

    members: list[MemberProgress]
    missing_care_types: list[CareType]
    problems: list[str]

    @property
    def complete(self) -> bool:
        return not self.problems and not self.missing_care_types and all(m.complete for m in self.members)

    def reasons(self) -> list[str]:
        reasons = list(self.problems)
        if self.missing_care_types:
            reasons.append(
                _("The partnership does not deliver these required care types yet: %(types)s.")
                % {"types": ", ".join(c.name for c in self.missing_care_types)}
            )
        for progress in self.members:
            if progress.missing:
                reasons.append(
                    _("The self-declaration of %(organisation)s is incomplete: %(missing)s.")
                    % {"organisation": progress.member.organisation, "missing": "; ".join(progress.missing)}
                )
        return reasons


def with_progress_data(queryset: QuerySet[Registration]) -> QuerySet[Registration]:
    """Prefetch everything ``progress`` reads, so that a list of registrations costs a fixed number of
    queries."""
    return queryset.select_related("lot__procurement", "lead").prefetch_related(
        Prefetch(
            "members",
            queryset=RegistrationMember.objects.select_related("organisation").prefetch_related(
                "care_types", "exclusion_answers", "suitability_answers", "documents"
            ),
        )
    )


def member_missing(member: RegistrationMember, questions: list[SuitabilityQuestion]) -> list[str]:
    missing = []
    if not member.care_types.all():
        missing.append(_("care types not stated"))
    exclusions = {a.ground: a for a in member.exclusion_answers.all()}
    unanswered = [g for g in EXCLUSION_GROUNDS if g not in exclusions]
    if unanswered:
        missing.append(_("%(count)d exclusion grounds not answered") % {"count": len(unanswered)})
    if any(a.applies and not a.explanation for a in exclusions.values()):
        missing.append(_("an explanation for an exclusion ground that applies"))
    answers = {a.question_id: a for a in member.suitability_answers.all()}
    documents = {d.question_id for d in member.documents.all()}
    for number, question in enumerate(questions, start=1):
        if question.pk not in answers:
            missing.append(_("suitability question %(number)d not answered") % {"number": number})
        if question.requires_document and question.pk not in documents:
            missing.append(_("document for suitability question %(number)d") % {"number": number})
    return missing


def progress(
    registration: Registration,
    *,
    questions: list[SuitabilityQuestion] | None = None,
    required: list[CareType] | None = None,
) -> Progress:
    """Completeness per member, the missing care types (integraliteitsvereiste) and other problems.
    Pass ``questions`` and ``required`` when computing it for many registrations of one lot."""
    lot = registration.lot
    if questions is None:
        questions = list(lot.procurement.suitability_questions.all())
    if required is None:
        required = list(lot.required_care_types())
    members = list(registration.members.all())
    delivered = {c.pk for m in members for c in m.care_types.all()}
    problems = []
    if registration.is_partnership and len(members) < 2:
        problems.append(_("A partnership needs at least one member besides the lead."))
    return Progress(
        members=[MemberProgress(m, member_missing(m, questions)) for m in members],
        missing_care_types=[c for c in required if c.pk not in delivered],
        problems=problems,
    )


def progress_of_many(registrations: Iterable[Registration]) -> list[tuple[Registration, Progress]]:
    """Each registration with its progress; the questions and required care types are read once per lot."""
    per_lot: dict[int, tuple[list, list]] = {}
    rows = []
    for registration in registrations:
        lot = registration.lot
        if lot.pk not in per_lot:
            per_lot[lot.pk] = (
                list(lot.procurement.suitability_questions.all()),
                list(lot.required_care_types()),
            )
        questions, required = per_lot[lot.pk]
        rows.append((registration, progress(registration, questions=questions, required=required)))
    return rows


def missing_care_types(registration: Registration) -> list[CareType]:
    return progress(registration).missing_care_types


# ---------------------------------------------------------------------------------------------- submission


def registration_content(registration: Registration, submitted_at: datetime) -> dict:
    """The content of a registration that its receipt's SHA-256 covers."""
    registration = with_progress_data(Registration.objects.filter(pk=registration.pk)).get()
    members = []
    for member in registration.members.all():
        members.append(
            {
                "kvk": member.organisation.kvk_number,
                "name": member.organisation.name,
                "role": member.role,
                "care_types": sorted(c.code for c in member.care_types.all()),
                "exclusions": {a.ground: [a.applies, a.explanation] for a in member.exclusion_answers.all()},
                "suitability": {
                    str(a.question_id): [a.meets, a.explanation] for a in member.suitability_answers.all()
                },
                "documents": sorted(d.sha256 for d in member.documents.all()),
            }
        )
    return {
        "registration": registration.pk,
        "procurement": registration.lot.procurement.reference,
        "lot": registration.lot.number,
        "form": registration.form,
        "lead": registration.lead.kvk_number,
        "submitted_at": submitted_at.isoformat(),
        "members": sorted(members, key=lambda m: m["kvk"]),
    }


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def submit_registration(registration: Registration, *, actor: User, confirmed: bool) -> Registration:
    """Submit a complete registration. The submission time is the server's, taken inside the transaction
    that accepts it, under the lock of the registration phase; the receipt PDF follows after commit."""
    with refusals_recorded(
        Action.REGISTRATION_SUBMIT, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        if not confirmed:
            raise ValidationError(_("Confirm that you want to submit the registration."))
        now = _lock_window(_pid(registration))
        locked = _locked_draft(registration, actor)
        state = progress(locked)
        if not state.complete:
            raise ValidationError(state.reasons())
        digest = content_hash(registration_content(locked, now))
        updated = Registration.objects.filter(pk=locked.pk, status=Registration.Status.DRAFT).update(
            status=Registration.Status.SUBMITTED, submitted_at=now, content_sha256=digest
        )
        if updated != 1:
            raise ValidationError(_("This registration has already been submitted."))
        procurement = locked.lot.procurement
        for member in locked.members.select_related("organisation"):
            register_participant(procurement, member.organisation, actor=actor)
        record(
            Action.REGISTRATION_SUBMIT,
            actor=actor,
            obj=locked,
            procurement_id=procurement.pk,
            changes={"status": [Registration.Status.DRAFT, Registration.Status.SUBMITTED]},
            message=digest,
        )
        transaction.on_commit(
            lambda: hand_to_worker(
                "procurement.tasks.registration.make_registration_receipt",
                locked.pk,
                left_to="the receipt sweep",
            )
        )
    registration.refresh_from_db()
    return registration


def withdraw_registration(registration: Registration, *, actor: User, reason: str = "") -> Registration:
    """The lead withdraws a draft or submitted registration, until the deadline."""
    with refusals_recorded(
        Action.REGISTRATION_WITHDRAW, actor=actor, obj=registration, procurement_id=_pid(registration)
    ):
        now = _lock_window(_pid(registration))
        if not may_edit_registration(actor, registration):
            raise ValidationError(_("Only the lead organisation can withdraw this registration."))
        before = Registration.objects.get(pk=registration.pk).status
        updated = (
            Registration.objects.filter(pk=registration.pk, status=before)
            .exclude(status=Registration.Status.WITHDRAWN)
            .update(status=Registration.Status.WITHDRAWN, withdrawn_at=now, withdrawal_reason=reason.strip())
        )
        if updated != 1:
            raise ValidationError(_("This registration has already been withdrawn."))
        record(
            Action.REGISTRATION_WITHDRAW,
            actor=actor,
            obj=registration,
            procurement_id=_pid(registration),
            changes={"status": [before, Registration.Status.WITHDRAWN]},
            message=reason,
        )
    registration.refresh_from_db()
    return registration


# ---------------------------------------------------------------------------------------------- officer


def _count_per(queryset: QuerySet, outer: str, counted: str = "pk") -> Coalesce:
    """A correlated COUNT(DISTINCT ``counted``) of ``queryset`` rows whose ``outer`` is the outer row."""
    return Coalesce(
        Subquery(
            queryset.filter(**{outer: OuterRef("pk")})
            .order_by()
            .values(outer)
            .annotate(n=Count(counted, distinct=True))
            .values("n")
        ),
        0,
    )


def incomplete_members(questions: list[SuitabilityQuestion]) -> QuerySet[RegistrationMember]:
    """The members whose self-declaration ``member_missing`` finds incomplete, decided in SQL."""
    question_ids = [q.pk for q in questions]
    document_ids = [q.pk for q in questions if q.requires_document]
    care_types = RegistrationMember.care_types.through.objects
    return RegistrationMember.objects.annotate(
        care_type_count=_count_per(care_types.all(), "registrationmember_id"),
        ground_count=_count_per(ExclusionAnswer.objects.filter(ground__in=list(EXCLUSION_GROUNDS)), "member"),
        answer_count=_count_per(SuitabilityAnswer.objects.filter(question_id__in=question_ids), "member"),
        document_count=_count_per(
            DeclarationDocument.objects.filter(question_id__in=document_ids), "member", "question"
        ),
    ).filter(
        Q(care_type_count=0)
        | Q(ground_count__lt=len(EXCLUSION_GROUNDS))
        | Q(answer_count__lt=len(question_ids))
        | Q(document_count__lt=len(document_ids))
        | Exists(ExclusionAnswer.objects.filter(member=OuterRef("pk"), applies=True, explanation=""))
    )


def with_completeness(registrations: QuerySet[Registration], lot: Lot) -> QuerySet[Registration]:
    """Annotate ``is_complete`` of registrations of ``lot``: ``progress(...).complete`` in SQL, so that a
    long list can be filtered on it and paginated without reading every self-declaration."""
    questions = list(lot.procurement.suitability_questions.all())
    required = [c.pk for c in lot.required_care_types()]
    delivered = RegistrationMember.care_types.through.objects.filter(caretype_id__in=required)
    return registrations.annotate(
        member_count=_count_per(RegistrationMember.objects.all(), "registration"),
        delivered_count=_count_per(delivered, "registrationmember__registration", "caretype_id"),
        is_complete=ExpressionWrapper(
            ~Exists(incomplete_members(questions).filter(registration=OuterRef("pk")))
            & Q(delivered_count__gte=len(required))
            & (Q(form=Registration.Form.SINGLE) | Q(member_count__gte=2)),
            output_field=BooleanField(),
        ),
    )


def lot_overview(lot: Lot) -> QuerySet[Registration]:
    """Every registration of a lot, for the officer, with its completeness (``is_complete``) and its
    members; the self-declarations themselves are not read."""
    return (
        with_completeness(lot.registrations.all(), lot)
        .select_related("lead")
        .prefetch_related(
            Prefetch("members", queryset=RegistrationMember.objects.select_related("organisation"))
        )
        .order_by("status", "lead__name", "pk")
    )


def organisations_in_several(lot: Lot) -> set[int]:
    """Organisations that take part in more than one (not withdrawn) registration of the lot: allowed
    for subcontractors, and shown to the officer."""
    return set(
        RegistrationMember.objects.filter(registration__lot=lot)
        .exclude(registration__status=Registration.Status.WITHDRAWN)
        .values("organisation_id")
        .annotate(n=Count("registration", distinct=True))
        .filter(n__gt=1)
        .values_list("organisation_id", flat=True)
    )


def add_suitability_question(
    procurement: Procurement, *, actor: User, text: str, requires_document: bool
) -> SuitabilityQuestion:
    """The officer adds a suitability question to the self-declaration of a procurement."""
    with refusals_recorded(
        Action.REGISTRATION_ADD_QUESTION, actor=actor, obj=procurement, procurement_id=procurement.pk
    ):
        if not text.strip():
            raise ValidationError({"text": _("Write the question.")})
        if Registration.objects.filter(lot__procurement=procurement, submitted_at__isnull=False).exists():
            raise ValidationError(_("Registrations have been submitted; the questions can no longer change."))
        last = procurement.suitability_questions.order_by("-order").first()
        question = SuitabilityQuestion.objects.create(
            procurement=procurement,
            text=text.strip(),
            requires_document=requires_document,
            order=(last.order + 1) if last else 1,
        )
        record(
            Action.REGISTRATION_ADD_QUESTION,
            actor=actor,
            obj=question,
            procurement_id=procurement.pk,
            changes={"text": [None, question.text], "requires_document": [None, requires_document]},
        )
    return question


# ---------------------------------------------------------------------------------------------- split


def carry_registrations(old_lot: Lot, new_lots: list[Lot], actor: User) -> None:
    """When a lot is split, each of its (not withdrawn) registrations is carried over to every new lot,
    with its members, care types, self-declarations and documents; the status and times stay."""
    for registration in with_progress_data(old_lot.registrations.filter(ACTIVE)):
        for lot in new_lots:
            copy = Registration.objects.create(
                lot=lot,
                lead=registration.lead,
                form=registration.form,
                status=registration.status,
                created_by=registration.created_by,
                submitted_at=registration.submitted_at,
                content_sha256=registration.content_sha256,
                receipt=registration.receipt.name,
                carried_from=registration,
            )
            for member in registration.members.all():
                _copy_member(member, copy)
            record(
                Action.REGISTRATION_CARRY,
                actor=actor,
                obj=copy,
                procurement_id=lot.procurement_id,
                changes={"lot": [old_lot.number, lot.number]},
            )


def _copy_member(member: RegistrationMember, registration: Registration) -> None:
    copy = RegistrationMember.objects.create(
        registration=registration, organisation=member.organisation, role=member.role
    )
    copy.care_types.set(member.care_types.all())
    ExclusionAnswer.objects.bulk_create(
        ExclusionAnswer(member=copy, ground=a.ground, applies=a.applies, explanation=a.explanation)
        for a in member.exclusion_answers.all()
    )
    SuitabilityAnswer.objects.bulk_create(
        SuitabilityAnswer(member=copy, question_id=a.question_id, meets=a.meets, explanation=a.explanation)
        for a in member.suitability_answers.all()
    )
    DeclarationDocument.objects.bulk_create(
        DeclarationDocument(
            member=copy,
            question_id=d.question_id,
            number=d.number,
            file=d.file.name,
            original_name=d.original_name,
            content_type=d.content_type,
            size=d.size,
            sha256=d.sha256,
            uploaded_by_id=d.uploaded_by_id,
        )
        for d in member.documents.all()
    )


split_carriers.append(carry_registrations)


def _pid(registration: Registration) -> int:
    return registration.lot.procurement_id
