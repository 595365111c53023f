"""Who may see or do what with a procurement, its registrations, documents, answers, tenders and scores:
the one place for it.

In the access style of every app (README, "Every app has the same shape").

Here: officers manage the procurements of their region (and those granted to them); aldermen follow the
public ones of their region; providers read what is published to the registered providers; the lead
organisation's people compose a registration; assessors appointed for a lot score its tenders.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from accounts.access import may_act_for, may_administer, organisations_of
from accounts.models import User
from accounts.roles import Role
from procurement.models import (
    AssessorAppointment,
    AwardLetter,
    DeclarationDocument,
    Document,
    DocumentVersion,
    IndividualScore,
    InvitationToTender,
    Lot,
    Procurement,
    Registration,
    RegistrationMember,
    TenderSubmission,
)

# ---------------------------------------------------------------------------------------------- procurements


def managed_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements an officer runs: those of the officer's region, plus explicit guardian grants."""
    if not user.is_authenticated or not user.has_role(Role.PROCUREMENT_OFFICER):
        return Procurement.objects.none()
    granted = get_objects_for_user(
        user, "procurement.manage_procurement", klass=Procurement, accept_global_perms=False
    )
    return Procurement.objects.filter(Q(regions__in=user.home_region_ids) | Q(pk__in=granted)).distinct()


def followed_procurements(user: User) -> QuerySet[Procurement]:
    """Procurements an alderman follows: the public ones of the alderman's region."""
    if not user.is_authenticated or not user.has_role(Role.ALDERMAN):
        return Procurement.objects.none()
    return Procurement.objects.visible_to_public().filter(regions__in=user.home_region_ids).distinct()


def visible_procurements(user: User) -> QuerySet[Procurement]:
    """Every procurement this person may open."""
    if not user.is_authenticated:
        return Procurement.objects.none()
    ids = set(managed_procurements(user).values_list("pk", flat=True))
    ids |= set(followed_procurements(user).values_list("pk", flat=True))
    if user.has_role(Role.PROVIDER_MEMBER) or user.has_role(Role.ASSESSOR):
        ids |= set(Procurement.objects.visible_to_public().values_list("pk", flat=True))
    return Procurement.objects.filter(pk__in=ids)


def get_procurement_for(user: User, pk: int, *, manage: bool = False) -> Procurement:
    """The procurement, if this person may open it (``manage``: runs it); otherwise 404."""
    queryset = managed_procurements(user) if manage else visible_procurements(user)
    try:
        return queryset.get(pk=pk)
    except Procurement.DoesNotExist as missing:
        raise Http404 from missing


def may_manage(user: User, procurement: Procurement) -> bool:
    """Whether the person is an officer running the procurement."""
    return managed_procurements(user).filter(pk=procurement.pk).exists()


def may_follow(user: User, procurement: Procurement) -> bool:
    """Whether the person follows the procurement as an alderman of its region."""
    return followed_procurements(user).filter(pk=procurement.pk).exists()


def may_read_as_provider(user: User, procurement: Procurement) -> bool:
    """Whether one of the person's organisations is a registered provider of the procurement: it reads
    what is published to the providers (documents, answers) and asks questions."""
    return procurement.participants.filter(organisation__in=organisations_of(user)).exists()


# ---------------------------------------------------------------------------------------------- registration


def registrations_of(user: User) -> QuerySet[Registration]:
    """The registrations in which one of the user's organisations is a member."""
    return Registration.objects.filter(
        pk__in=RegistrationMember.objects.filter(organisation__in=organisations_of(user)).values(
            "registration_id"
        )
    )


def managed_registrations(user: User) -> QuerySet[Registration]:
    """The registrations the person composes: those led by one of their organisations."""
    return Registration.objects.filter(lead__in=organisations_of(user))


def get_registration_for(user: User, pk: int, *, manage: bool = False) -> Registration:
    """The registration, if one of the user's organisations is in it (``manage``: leads it); otherwise
    404."""
    queryset = managed_registrations(user) if manage else registrations_of(user)
    try:
        return queryset.select_related("lot__procurement", "lead").get(pk=pk)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing


def may_edit_registration(user: User, registration: Registration) -> bool:
    """The lead organisation's people compose, submit and withdraw the registration."""
    return may_act_for(user, registration.lead_id)


def may_state_care_types(user: User, member: RegistrationMember) -> bool:
    """A member's care types are stated by the member itself or by the lead."""
    return may_act_for(user, member.registration.lead_id) or may_act_for(user, member.organisation_id)


def may_declare(user: User, member: RegistrationMember) -> bool:
    """A member's self-declaration is filled in by an administrator of the member organisation."""
    return may_administer(user, member.organisation_id)


def may_download_declaration_document(user: User, document: DeclarationDocument) -> bool:
    """A self-declaration document: for the member that uploaded it and for the lead."""
    member = document.member
    return may_act_for(user, member.registration.lead_id) or may_act_for(user, member.organisation_id)


# ---------------------------------------------------------------------------------------------- documents


def visible_documents(user: User, procurement: Procurement) -> QuerySet[Document]:
    """The documents of the procurement this person may see: all for its officers; those with a published
    version for its aldermen; the providers' documents with a published version for its providers."""
    documents = procurement.documents.select_related("lot")
    if may_manage(user, procurement):
        return documents
    if may_follow(user, procurement):
        return documents.filter(versions__published_at__isnull=False).distinct()
    if may_read_as_provider(user, procurement):
        return documents.filter(
            audience=Document.Audience.PROVIDERS, versions__published_at__isnull=False
        ).distinct()
    return documents.none()


def visible_versions(user: User, procurement: Procurement) -> QuerySet[DocumentVersion]:
    """The versions of the procurement's documents this person may see: the officers every version,
    everyone else the published ones (of the documents they may see)."""
    versions = DocumentVersion.objects.filter(document__procurement=procurement)
    if may_manage(user, procurement):
        return versions
    return versions.filter(published_at__isnull=False)


def may_download_version(user: User, version: DocumentVersion) -> bool:
    document = version.document
    procurement = document.procurement
    if may_manage(user, procurement):
        return True
    if version.published_at is None:
        return False
    if may_follow(user, procurement):
        return True
    return document.audience == Document.Audience.PROVIDERS and may_read_as_provider(user, procurement)


# ---------------------------------------------------------------------------------------------- answers


def may_read_answers(user: User, procurement: Procurement) -> bool:
    """The published answers (Nota van Inlichtingen): for the officers, the aldermen and the providers."""
    return (
        may_manage(user, procurement)
        or may_read_as_provider(user, procurement)
        or may_follow(user, procurement)
    )


# ---------------------------------------------------------------------------------------------- tenders


def tender_invitations_of(user: User) -> QuerySet[InvitationToTender]:
    """The invitations to tender addressed to one of the user's organisations."""
    return InvitationToTender.objects.filter(
        lot__tender_invitations__organisation__in=organisations_of(user)
    ).distinct()


def tenders_of(user: User) -> QuerySet[TenderSubmission]:
    """The tenders (current and history) of the user's organisations: metadata only, never content."""
    return TenderSubmission.objects.filter(organisation__in=organisations_of(user))


def award_letters_of(user: User) -> QuerySet[AwardLetter]:
    """The award letters addressed to the user's organisations."""
    return AwardLetter.objects.filter(submission__organisation__in=organisations_of(user)).exclude(file="")


def appointment_of(user: User, lot: Lot) -> AssessorAppointment | None:
    """The person's appointment as an assessor of the lot, if any."""
    return AssessorAppointment.objects.filter(lot=lot, user=user).first()


def get_tender_for(user: User, pk: int) -> TenderSubmission:
    """A tender, for an officer of its procurement or an assessor appointed for its lot; 404 for anyone
    else. Whether its content may be read yet is ``may_read_tenders``."""
    submission = (
        TenderSubmission.objects.select_related("lot__procurement", "organisation").filter(pk=pk).first()
    )
    if submission is None or not (
        may_manage(user, submission.lot.procurement) or appointment_of(user, submission.lot)
    ):
        raise Http404
    return submission


def may_read_tenders(user: User, invitation: InvitationToTender) -> bool:
    """Tender content is readable only after the two-person opening, by the officers of the procurement
    and the assessors appointed for the lot."""
    if invitation.opened_at is None or not user.is_authenticated:
        return False
    if may_manage(user, invitation.lot.procurement):
        return True
    return AssessorAppointment.objects.filter(lot=invitation.lot_id, user=user).exists()


def visible_scores(user: User, lot: Lot) -> QuerySet[IndividualScore]:
    """The individual scores this user may see: an assessor their own, and the others' only after
    submitting their own; an officer of the procurement the submitted scores of every assessor."""
    submitted = IndividualScore.objects.filter(
        appointment__lot=lot, appointment__scores_submitted_at__isnull=False
    )
    if may_manage(user, lot.procurement):
        return submitted
    appointment = appointment_of(user, lot)
    if appointment is None:
        return IndividualScore.objects.none()
    if appointment.scores_submitted_at is None:
        return IndividualScore.objects.filter(appointment=appointment)
    return submitted
