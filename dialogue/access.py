"""Who may see what of the dialogue: the one place for it.

In the access style of every app (README, "Every app has the same shape").

Here:
- officers managing the procurement (``procurement.access.may_manage``) see everything of it;
- a bilateral session and its material (papers, documents, minutes, comments) only that participant's
  members;
- a plenary session and its material all participants of the lot and the invited guests;
- agreements the participants of their lot; an agreement comment only its organisation and the officers.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import organisations_of
from accounts.models import User
from dialogue.models import Agreement, AgreementComment, DialogueParticipant, Minutes, Session
from procurement.access import managed_procurements, may_manage
from procurement.models import Lot


def participations_of(user: User) -> QuerySet[DialogueParticipant]:
    """The dialogue participants this user acts for (still in the dialogue)."""
    if not user.is_authenticated:
        return DialogueParticipant.objects.none()
    return DialogueParticipant.objects.filter(organisation__in=organisations_of(user), left_at__isnull=True)


def participation_of(user: User, lot: Lot) -> DialogueParticipant | None:
    """The person's organisation's participation in the dialogue of the lot, if any."""
    return participations_of(user).filter(lot=lot).select_related("organisation").first()


def managed_lots(user: User) -> QuerySet[Lot]:
    return Lot.objects.filter(procurement__in=managed_procurements(user))


def visible_sessions(user: User) -> QuerySet[Session]:
    if not user.is_authenticated:
        return Session.objects.none()
    mine = participations_of(user)
    return Session.objects.filter(
        Q(lot__procurement__in=managed_procurements(user))
        | Q(kind=Session.Kind.PLENARY, lot__dialogue_participants__in=mine)
        | Q(kind=Session.Kind.BILATERAL, participant__in=mine)
        | Q(kind=Session.Kind.PLENARY, guests__user=user)
    ).distinct()


def get_session_for(user: User, pk: int, *, manage: bool = False) -> Session:
    queryset = visible_sessions(user).select_related("round", "lot__procurement", "participant__organisation")
    try:
        session = queryset.get(pk=pk)
    except Session.DoesNotExist as missing:
        raise Http404 from missing
    if manage and not may_manage(user, session.lot.procurement):
        raise Http404
    return session


def get_minutes_for(user: User, pk: int, *, manage: bool = False) -> Minutes:
    minutes = Minutes.objects.filter(pk=pk).values_list("session_id", flat=True).first()
    if minutes is None:
        raise Http404
    session = get_session_for(user, minutes, manage=manage)
    return Minutes.objects.select_related("session").get(pk=pk, session=session)


def may_comment_on_minutes(user: User, session: Session) -> bool:
    """Those invited to the session (not the officers: they process the comments)."""
    if session.is_bilateral:
        return participations_of(user).filter(pk=session.participant_id).exists()
    return (
        participations_of(user).filter(lot=session.lot_id).exists()
        or session.guests.filter(user=user).exists()
    )


def visible_agreements(user: User) -> QuerySet[Agreement]:
    if not user.is_authenticated:
        return Agreement.objects.none()
    return Agreement.objects.filter(
        Q(procurement__in=managed_procurements(user))
        | Q(lots__dialogue_participants__in=participations_of(user))
    ).distinct()


def get_agreement_for(user: User, pk: int, *, manage: bool = False) -> Agreement:
    try:
        agreement = visible_agreements(user).select_related("theme", "procurement").get(pk=pk)
    except Agreement.DoesNotExist as missing:
        raise Http404 from missing
    if manage and not may_manage(user, agreement.procurement):
        raise Http404
    return agreement


def visible_agreement_comments(user: User, agreement: Agreement) -> QuerySet[AgreementComment]:
    comments = agreement.comments.select_related("author", "organisation")
    if may_manage(user, agreement.procurement):
        return comments
    return comments.filter(organisation__in=organisations_of(user))


def get_lot_for(user: User, pk: int, *, manage: bool = False) -> Lot:
    """A lot whose dialogue this user manages, or (not manage) takes part in."""
    lots = managed_lots(user)
    if not manage:
        lots = Lot.objects.filter(
            Q(pk__in=lots) | Q(dialogue_participants__in=participations_of(user))
        ).distinct()
    try:
        return lots.select_related("procurement").get(pk=pk)
    except Lot.DoesNotExist as missing:
        raise Http404 from missing
