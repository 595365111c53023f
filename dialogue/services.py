"""The verbs of the dialogue phase. Each takes ``actor=``, checks the rules, and writes the audit entry in
the same transaction. Everything of a lot is read-only once its dialogue is closed."""

import difflib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.services.notifications import notify
from audit.actions import Action
from audit.services import (
    changed_fields,
    each_in_own_transaction,
    record,
    records_refusals,
    refusals_recorded,
)
from common.tasks import hand_to_worker
from common.timezone import local, server_now
from common.uploads import check_upload
from dialogue.access import participation_of
from procurement.models import Lot, Procurement

from .models import (
    AgendaDocument,
    AgendaItem,
    Agreement,
    AgreementComment,
    AgreementSet,
    AgreementVersion,
    Consent,
    DialogueParticipant,
    FrozenAgreement,
    GuestInvitation,
    Minutes,
    MinutesComment,
    MinutesEntry,
    PositionPaper,
    Round,
    Rsvp,
    Session,
    Theme,
)

# The 14 themes of the council letter (DOMAIN.md, seed 002).
THEMES = [
    (
        "Jeugdhulp dichtbij in de leefwereld",
        "Jeugdhulp dichtbij huis, in de eigen leefomgeving van het kind.",
    ),
    ("Normaliseren en demedicaliseren", "Gewone opvoedvragen niet als zorgvraag behandelen."),
    ("Tijdigheid en wachttijd", "Op tijd de juiste hulp; wachttijden terugdringen."),
    ("Keuzevrijheid en klachtafhandeling", "Keuze voor cliënten en een goede klachtenregeling."),
    ("Lokale toegang", "CJG, huisarts en gecertificeerde instellingen als verwijzers."),
    ("Onderwijs en jeugdhulp", "Integrale samenwerking tussen onderwijs en jeugdhulp."),
    (
        "Eén integraal perceel en samenwerking met strategische partners",
        "Kwaliteitsborging en marges in de samenwerking.",
    ),
    ("Het aantal aanbieders", "Met hoeveel aanbieders de regio werkt."),
    (
        "Contractduur van 9 jaar en evaluatie",
        "Evaluatie na jaar 3 en 6; voorwaarden voor tussentijdse beëindiging.",
    ),
    ("Bekostiging", "De bekostigingsvorm, een jaarlijks maximumbudget en reële tarieven."),
    ("Monitoring", "Een monitoringsysteem en KPI's die met de partners zijn afgesproken."),
    ("Administratieve lasten", "Administratieve lasten beperken."),
    ("Vrijgevestigden en kleine aanbieders", "De plaats van vrijgevestigden en kleine aanbieders."),
    ("Rapporten en ervaringen van andere gemeenten", "Bijvoorbeeld het AEF-rapport 'Stelsel in groei'."),
]

# Allowed status changes of an agreement: the rule as data.
S = Agreement.Status
TRANSITIONS: dict[str, set[str]] = {
    S.PROPOSED: {S.IN_DISCUSSION, S.AGREED, S.WITHDRAWN},
    S.IN_DISCUSSION: {S.PROPOSED, S.AGREED, S.WITHDRAWN},
    S.AGREED: {S.IN_DISCUSSION, S.WITHDRAWN, S.INCLUDED},
    S.WITHDRAWN: {S.PROPOSED},
    S.INCLUDED: set(),
}
PAPER_TYPES = {"pdf", "docx", "odt"}
AGREEMENT_FIELDS = [
    "title",
    "text",
    "kind",
    "kpi_name",
    "kpi_definition",
    "kpi_unit",
    "kpi_target",
    "kpi_frequency",
    "budget_amount",
    "budget_year",
]


def ensure_open(lot: Lot) -> None:
    """Refuse any change once the dialogue of the lot is closed."""
    if Lot.objects.filter(pk=lot.pk, dialogue_closed_at__isnull=False).exists():
        raise ValidationError(_("The dialogue for this lot is closed; nothing can be changed any more."))


# --- themes -------------------------------------------------------------------------------------


@records_refusals(Action.DIALOGUE_THEMES_SEED, procurement_id=lambda procurement: procurement.pk)
def seed_themes(procurement: Procurement, *, actor: User) -> list[Theme]:
    """Give the procurement the 14 themes of the council letter (once)."""
    if procurement.themes.exists():
        return list(procurement.themes.all())
    themes = Theme.objects.bulk_create(
        [
            Theme(procurement=procurement, order=number, title=title, description=description)
            for number, (title, description) in enumerate(THEMES, start=1)
        ]
    )
    record(Action.DIALOGUE_THEMES_SEED, actor=actor, obj=procurement, procurement_id=procurement.pk)
    return themes


def add_theme(
    procurement: Procurement, *, actor: User, title: str, description: str = "", owner=None
) -> Theme:
    with refusals_recorded(
        Action.DIALOGUE_THEME_ADD, actor=actor, obj=procurement, procurement_id=procurement.pk
    ):
        last = procurement.themes.aggregate(last=Max("order"))["last"] or 0
        theme = Theme(
            procurement=procurement, order=last + 1, title=title, description=description, owner=owner
        )
        theme.full_clean()
        theme.save()
        record(Action.DIALOGUE_THEME_ADD, actor=actor, obj=theme, procurement_id=procurement.pk)
        return theme


def update_theme(theme: Theme, *, actor: User, title: str, description: str, owner=None) -> Theme:
    with refusals_recorded(
        Action.DIALOGUE_THEME_UPDATE, actor=actor, obj=theme, procurement_id=theme.procurement_id
    ):
        before = {"title": theme.title, "description": theme.description, "owner": theme.owner_id}
        theme.title, theme.description, theme.owner = title, description, owner
        theme.full_clean()
        theme.save()
        after = {"title": theme.title, "description": theme.description, "owner": theme.owner_id}
        changes = changed_fields(before, after)
        record(
            Action.DIALOGUE_THEME_UPDATE,
            actor=actor,
            obj=theme,
            procurement_id=theme.procurement_id,
            changes=changes,
        )
        return theme


@records_refusals(Action.DIALOGUE_THEME_MOVE, procurement_id=lambda theme: theme.procurement_id)
def move_theme(theme: Theme, *, actor: User, up: bool) -> Theme:
    """Swap the theme with its neighbour above (``up``) or below."""
    siblings = list(Theme.objects.select_for_update().filter(procurement=theme.procurement_id))
    index = next(i for i, t in enumerate(siblings) if t.pk == theme.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for number, item in enumerate(siblings, start=1):
            Theme.objects.filter(pk=item.pk).update(order=number)
        record(Action.DIALOGUE_THEME_MOVE, actor=actor, obj=theme, procurement_id=theme.procurement_id)
    theme.refresh_from_db()
    return theme


def retire_theme(theme: Theme, *, actor: User) -> Theme:
    with refusals_recorded(
        Action.DIALOGUE_THEME_RETIRE, actor=actor, obj=theme, procurement_id=theme.procurement_id
    ):
        if Theme.objects.filter(pk=theme.pk, retired_at__isnull=True).update(retired_at=server_now()) != 1:
            raise ValidationError(_("The theme has already been retired."))
        theme.refresh_from_db()
        record(Action.DIALOGUE_THEME_RETIRE, actor=actor, obj=theme, procurement_id=theme.procurement_id)
        return theme


# --- participants -------------------------------------------------------------------------------


def admit_participant(lot: Lot, organisation: Organisation, *, actor: User) -> DialogueParticipant:
    """Admit an organisation (the lead of a partnership) to the dialogue of the lot; preselection calls
    this for every admitted registration."""
    with refusals_recorded(
        Action.DIALOGUE_PARTICIPANT_ADMIT, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        ensure_open(lot)
        participant, created = DialogueParticipant.objects.get_or_create(
            lot=lot, organisation=organisation, defaults={"admitted_at": server_now()}
        )
        if created:
            record(
                Action.DIALOGUE_PARTICIPANT_ADMIT,
                actor=actor,
                obj=participant,
                procurement_id=lot.procurement_id,
            )
        return participant


# --- rounds and sessions ------------------------------------------------------------------------


def create_round(lot: Lot, *, actor: User, title: str) -> Round:
    with refusals_recorded(
        Action.DIALOGUE_ROUND_CREATE, actor=actor, obj=lot, procurement_id=lot.procurement_id
    ):
        ensure_open(lot)
        number = (Round.objects.filter(lot=lot).aggregate(last=Max("number"))["last"] or 0) + 1
        dialogue_round = Round(procurement_id=lot.procurement_id, lot=lot, number=number, title=title)
        dialogue_round.full_clean()
        dialogue_round.save()
        record(
            Action.DIALOGUE_ROUND_CREATE, actor=actor, obj=dialogue_round, procurement_id=lot.procurement_id
        )
        return dialogue_round


def invitees(session: Session) -> list[User]:
    """Everyone invited: the members of the participant(s) and, in plenary, the guests."""
    if session.is_bilateral:
        participants = DialogueParticipant.objects.filter(pk=session.participant_id)
    else:
        participants = session.lot.dialogue_participants.filter(left_at__isnull=True)
    users = list(
        User.objects.filter(memberships__organisation__dialogue_participations__in=participants).distinct()
    )
    users += [g.user for g in session.guests.select_related("user") if g.user not in users]
    return users


def _session_url(session: Session) -> str:
    return reverse("dialogue:session", args=[session.pk])


def _invite(session: Session, users: Iterable[User]) -> None:
    when = local(session.starts_at).strftime("%d-%m-%Y %H:%M")
    notify(
        users,
        key=f"dialogue.session.{session.pk}.invitation",
        subject=_("Invitation: %(title)s") % {"title": session.title},
        body=_(
            "You are invited to the dialogue session %(title)s on %(when)s. Please let us know who attends."
        )
        % {"title": session.title, "when": when},
        url=_session_url(session),
    )


def plan_session(
    dialogue_round: Round,
    *,
    actor: User,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    online_link: str = "",
    themes: Iterable[Theme] = (),
    participant: DialogueParticipant | None = None,
    papers_due_at: datetime | None = None,
) -> Session:
    """Plan a session in the future and invite everyone it is for."""
    with refusals_recorded(
        Action.DIALOGUE_SESSION_PLAN,
        actor=actor,
        obj=dialogue_round,
        procurement_id=dialogue_round.procurement_id,
    ):
        lot = dialogue_round.lot
        ensure_open(lot)
        errors = {}
        if starts_at <= server_now():
            errors["starts_at"] = _("The session lies in the past; choose a moment in the future.")
        if ends_at <= starts_at:
            errors["ends_at"] = _("The session ends before it starts.")
        if papers_due_at and papers_due_at > starts_at:
            errors["papers_due_at"] = _(
                "The deadline for position papers lies after the start of the session."
            )
        if kind == Session.Kind.BILATERAL and (participant is None or participant.lot_id != lot.pk):
            errors["participant"] = _("A bilateral session is with one participant of this lot.")
        if not place and not online_link:
            errors["place"] = _("Give a place or an online link.")
        if errors:
            raise ValidationError(errors)
        session = Session.objects.create(
            round=dialogue_round,
            lot=lot,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            online_link=online_link,
            participant=participant if kind == Session.Kind.BILATERAL else None,
            papers_due_at=papers_due_at,
            created_by=actor,
        )
        session.themes.set(themes)
        for order, theme in enumerate(themes, start=1):
            AgendaItem.objects.create(session=session, order=order, title=theme.title, theme=theme)
        record(Action.DIALOGUE_SESSION_PLAN, actor=actor, obj=session, procurement_id=lot.procurement_id)
        _invite(session, invitees(session))
        return session


def invite_guest(session: Session, email: str, *, actor: User) -> GuestInvitation:
    """Invite a person with an account as a guest of a plenary session."""
    with refusals_recorded(
        Action.DIALOGUE_SESSION_INVITE_GUEST,
        actor=actor,
        obj=session,
        procurement_id=session.lot.procurement_id,
    ):
        ensure_open(session.lot)
        if session.is_bilateral:
            raise ValidationError(_("A bilateral session is confidential; guests cannot be invited."))
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise ValidationError({"email": _("There is no account with this e-mail address.")})
        invitation, _created = GuestInvitation.objects.get_or_create(
            session=session, user=user, defaults={"invited_by": actor}
        )
        record(
            Action.DIALOGUE_SESSION_INVITE_GUEST,
            actor=actor,
            obj=session,
            procurement_id=session.lot.procurement_id,
            message=user.email,
        )
        _invite(session, [user])
        return invitation


def add_agenda_item(session: Session, *, actor: User, title: str, theme: Theme | None = None) -> AgendaItem:
    with refusals_recorded(
        Action.DIALOGUE_AGENDA_ADD, actor=actor, obj=session, procurement_id=session.lot.procurement_id
    ):
        ensure_open(session.lot)
        order = (session.agenda_items.aggregate(last=Max("order"))["last"] or 0) + 1
        item = AgendaItem(session=session, order=order, title=title, theme=theme)
        item.full_clean()
        item.save()
        record(Action.DIALOGUE_AGENDA_ADD, actor=actor, obj=item, procurement_id=session.lot.procurement_id)
        return item


def _stored(model, upload: UploadedFile, *, actor: User, allowed: set[str] | None = None, **fields):
    try:
        checked = check_upload(upload, allowed=allowed)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return model.objects.create(
        file=upload,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
        **fields,
    )


def attach_document(item: AgendaItem, upload: UploadedFile, *, actor: User) -> AgendaDocument:
    with refusals_recorded(
        Action.DIALOGUE_AGENDA_DOCUMENT, actor=actor, obj=item, procurement_id=item.session.lot.procurement_id
    ):
        ensure_open(item.session.lot)
        document = _stored(AgendaDocument, upload, actor=actor, item=item)
        record(
            Action.DIALOGUE_AGENDA_DOCUMENT,
            actor=actor,
            obj=document.item,
            procurement_id=item.session.lot.procurement_id,
            message=document.original_name,
        )
        return document


def answer_invitation(session: Session, *, actor: User, attending: bool, attendees: str = "") -> Rsvp:
    """RSVP for the actor's organisation (or, for a guest, for themselves) until the session starts."""
    with refusals_recorded(
        Action.DIALOGUE_RSVP, actor=actor, obj=session, procurement_id=session.lot.procurement_id
    ):
        ensure_open(session.lot)
        session = Session.objects.select_for_update().get(pk=session.pk)
        now = server_now()
        if now >= session.starts_at:
            raise ValidationError(_("The session has already started; you can no longer reply."))
        participation = participation_of(actor, session.lot)
        if session.is_bilateral and (participation is None or participation.pk != session.participant_id):
            participation = None
        if participation is not None:
            target = {"organisation": participation.organisation, "guest": None}
        elif session.guests.filter(user=actor).exists():
            target = {"organisation": None, "guest": actor}
        else:
            raise ValidationError(_("You are not invited to this session."))
        rsvp, _created = Rsvp.objects.update_or_create(
            session=session,
            **target,
            defaults={
                "attending": attending,
                "attendees": attendees.strip(),
                "answered_by": actor,
                "answered_at": now,
            },
        )
        record(
            Action.DIALOGUE_RSVP,
            actor=actor,
            obj=session,
            procurement_id=session.lot.procurement_id,
            changes={"attending": [None, attending]},
        )
    return rsvp


def upload_position_paper(
    session: Session, *, actor: User, theme: Theme, upload: UploadedFile
) -> PositionPaper:
    """A participant delivers a position paper on a theme before the session's paper deadline."""
    with refusals_recorded(
        Action.DIALOGUE_PAPER_UPLOAD, actor=actor, obj=session, procurement_id=session.lot.procurement_id
    ):
        ensure_open(session.lot)
        participation = participation_of(actor, session.lot)
        if participation is None or (session.is_bilateral and participation.pk != session.participant_id):
            raise ValidationError(_("Only a participant of this session can deliver a position paper."))
        if server_now() > session.paper_deadline:
            raise ValidationError(_("The deadline for position papers has passed."))
        if theme.procurement_id != session.lot.procurement_id or theme.retired_at:
            raise ValidationError({"theme": _("Choose a theme of this dialogue.")})
        paper = _stored(
            PositionPaper,
            upload,
            actor=actor,
            allowed=PAPER_TYPES,
            session=session,
            participant=participation,
            theme=theme,
        )
        record(
            Action.DIALOGUE_PAPER_UPLOAD,
            actor=actor,
            obj=session,
            procurement_id=session.lot.procurement_id,
            message=paper.original_name,
        )
    return paper


# --- minutes ------------------------------------------------------------------------------------


def current_minutes(session: Session) -> Minutes | None:
    return session.minutes.order_by("-version").first()


def start_minutes(session: Session, *, actor: User) -> Minutes:
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_START, actor=actor, obj=session, procurement_id=session.lot.procurement_id
    ):
        ensure_open(session.lot)
        minutes = current_minutes(session)
        if minutes is not None:
            return minutes
        minutes = Minutes.objects.create(session=session, created_by=actor)
        MinutesEntry.objects.bulk_create(
            MinutesEntry(minutes=minutes, agenda_item=i) for i in session.agenda_items.all()
        )
        record(
            Action.DIALOGUE_MINUTES_START, actor=actor, obj=minutes, procurement_id=session.lot.procurement_id
        )
        return minutes


def write_minutes(minutes: Minutes, *, actor: User, texts: dict[int, str]) -> Minutes:
    """Write the minutes per agenda item (only while they are a draft)."""
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_WRITE,
        actor=actor,
        obj=minutes,
        procurement_id=minutes.session.lot.procurement_id,
    ):
        ensure_open(minutes.session.lot)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.status != Minutes.Status.DRAFT:
            raise ValidationError(_("These minutes are no longer a draft and cannot be changed."))
        for item in minutes.session.agenda_items.all():
            if item.pk in texts:
                MinutesEntry.objects.update_or_create(
                    minutes=minutes, agenda_item=item, defaults={"text": texts[item.pk]}
                )
        record(
            Action.DIALOGUE_MINUTES_WRITE,
            actor=actor,
            obj=minutes,
            procurement_id=minutes.session.lot.procurement_id,
        )
        return minutes


def send_minutes_for_comment(minutes: Minutes, *, actor: User, comment_deadline: datetime) -> Minutes:
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_SEND,
        actor=actor,
        obj=minutes,
        procurement_id=minutes.session.lot.procurement_id,
    ):
        session = minutes.session
        ensure_open(session.lot)
        if comment_deadline <= server_now():
            raise ValidationError(
                {"comment_deadline": _("The deadline for comments must lie in the future.")}
            )
        updated = Minutes.objects.filter(pk=minutes.pk, status=Minutes.Status.DRAFT).update(
            status=Minutes.Status.IN_COMMENT, comment_deadline=comment_deadline, sent_at=server_now()
        )
        if updated != 1:
            raise ValidationError(_("These minutes have already been sent."))
        minutes.refresh_from_db()
        record(
            Action.DIALOGUE_MINUTES_SEND, actor=actor, obj=minutes, procurement_id=session.lot.procurement_id
        )
        notify(
            invitees(session),
            key=f"dialogue.minutes.{minutes.pk}.comment",
            subject=_("Minutes for your comments: %(title)s") % {"title": session.title},
            body=_("Please comment on the minutes before %(deadline)s.")
            % {"deadline": local(comment_deadline).strftime("%d-%m-%Y %H:%M")},
            url=_session_url(session),
        )
        return minutes


def comment_on_minutes(
    minutes: Minutes, *, actor: User, text: str, agenda_item: AgendaItem | None = None
) -> MinutesComment:
    """An attendee comments, until the comment deadline (the server's clock decides, under a row lock)."""
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_COMMENT,
        actor=actor,
        obj=minutes,
        procurement_id=minutes.session.lot.procurement_id,
    ):
        session = minutes.session
        ensure_open(session.lot)
        minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if minutes.status != Minutes.Status.IN_COMMENT:
            raise ValidationError(_("These minutes are not open for comments."))
        if server_now() > minutes.comment_deadline:
            raise ValidationError(_("The deadline for comments has passed; your comment was not accepted."))
        if not text.strip():
            raise ValidationError({"text": _("Write your comment.")})
        if agenda_item is not None and agenda_item.session_id != session.pk:
            raise ValidationError({"agenda_item": _("Choose an item of these minutes.")})
        participation = participation_of(actor, session.lot)
        comment = MinutesComment.objects.create(
            minutes=minutes,
            agenda_item=agenda_item,
            author=actor,
            organisation=participation.organisation if participation else None,
            text=text.strip(),
        )
        record(
            Action.DIALOGUE_MINUTES_COMMENT,
            actor=actor,
            obj=minutes,
            procurement_id=session.lot.procurement_id,
        )
    return comment


def process_comment(comment: MinutesComment, *, actor: User, response: str) -> MinutesComment:
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_PROCESS_COMMENT,
        actor=actor,
        obj=comment.minutes,
        procurement_id=comment.minutes.session.lot.procurement_id,
    ):
        ensure_open(comment.minutes.session.lot)
        if comment.minutes.status == Minutes.Status.FIXED:
            raise ValidationError(_("These minutes are fixed and read-only."))
        if not response.strip():
            raise ValidationError({"response": _("Say how the comment was processed.")})
        comment.response, comment.processed_by, comment.processed_at = response.strip(), actor, server_now()
        comment.save(update_fields=["response", "processed_by", "processed_at"])
        record(
            Action.DIALOGUE_MINUTES_PROCESS_COMMENT,
            actor=actor,
            obj=comment.minutes,
            procurement_id=comment.minutes.session.lot.procurement_id,
        )
        return comment


def fix_minutes(minutes: Minutes, *, actor: User, texts: dict[int, str] | None = None) -> Minutes:
    """Fix the minutes after the comments are processed; they are read-only from then on."""
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_FIX,
        actor=actor,
        obj=minutes,
        procurement_id=minutes.session.lot.procurement_id,
    ):
        ensure_open(minutes.session.lot)
        if minutes.comments.filter(processed_at__isnull=True).exists():
            raise ValidationError(_("Process every comment before fixing the minutes."))
        locked = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if locked.status != Minutes.Status.IN_COMMENT:
            raise ValidationError(_("Only minutes that were sent for comments can be fixed."))
        for item_id, text in (texts or {}).items():
            MinutesEntry.objects.filter(minutes=locked, agenda_item_id=item_id).update(text=text)
        Minutes.objects.filter(pk=minutes.pk, status=Minutes.Status.IN_COMMENT).update(
            status=Minutes.Status.FIXED, fixed_at=server_now()
        )
        minutes.refresh_from_db()
        record(
            Action.DIALOGUE_MINUTES_FIX,
            actor=actor,
            obj=minutes,
            procurement_id=minutes.session.lot.procurement_id,
        )
        return minutes


def reopen_minutes(minutes: Minutes, *, actor: User) -> Minutes:
    """Re-open fixed minutes as a new version (the fixed version and its comments are kept)."""
    with refusals_recorded(
        Action.DIALOGUE_MINUTES_REOPEN,
        actor=actor,
        obj=minutes,
        procurement_id=minutes.session.lot.procurement_id,
    ):
        session = minutes.session
        ensure_open(session.lot)
        if minutes.status != Minutes.Status.FIXED or current_minutes(session).pk != minutes.pk:
            raise ValidationError(_("Only the latest fixed minutes can be re-opened."))
        new = Minutes.objects.create(session=session, version=minutes.version + 1, created_by=actor)
        MinutesEntry.objects.bulk_create(
            MinutesEntry(minutes=new, agenda_item_id=e.agenda_item_id, text=e.text)
            for e in minutes.entries.all()
        )
        record(
            Action.DIALOGUE_MINUTES_REOPEN, actor=actor, obj=new, procurement_id=session.lot.procurement_id
        )
        return new


# --- consent and reuse --------------------------------------------------------------------------


def record_consent(source_item: AgendaItem, *, actor: User, what: str, given_by: str) -> Consent:
    with refusals_recorded(
        Action.DIALOGUE_CONSENT_RECORD,
        actor=actor,
        obj=source_item,
        procurement_id=source_item.session.lot.procurement_id,
    ):
        session = source_item.session
        if not session.is_bilateral:
            raise ValidationError(_("Consent is needed only for material of a bilateral session."))
        if not what.strip() or not given_by.strip():
            raise ValidationError(_("Say what may be reused and who gave consent."))
        consent = Consent.objects.create(
            participant=session.participant,
            source_item=source_item,
            what=what.strip(),
            given_by=given_by.strip(),
            recorded_by=actor,
        )
        record(
            Action.DIALOGUE_CONSENT_RECORD,
            actor=actor,
            obj=source_item,
            procurement_id=session.lot.procurement_id,
            message=f"{given_by}: {what}",
        )
        return consent


def reuse_in_plenary(source_item: AgendaItem, plenary: Session, *, actor: User, title: str) -> AgendaItem:
    """Put an idea from a bilateral session on the agenda of a plenary, only with the participant's
    recorded consent."""
    with refusals_recorded(
        Action.DIALOGUE_REUSE,
        actor=actor,
        obj=source_item,
        procurement_id=source_item.session.lot.procurement_id,
    ):
        ensure_open(plenary.lot)
        source = source_item.session
        if plenary.is_bilateral or plenary.lot_id != source.lot_id:
            raise ValidationError(_("Choose a plenary session of the same lot."))
        if (
            source.is_bilateral
            and not Consent.objects.filter(
                source_item=source_item, participant=source.participant_id
            ).exists()
        ):
            raise ValidationError(_("Record the participant's consent before reusing this in plenary."))
        order = (plenary.agenda_items.aggregate(last=Max("order"))["last"] or 0) + 1
        item = AgendaItem.objects.create(
            session=plenary, order=order, title=title, theme=source_item.theme, reused_from=source_item
        )
        record(Action.DIALOGUE_REUSE, actor=actor, obj=item, procurement_id=plenary.lot.procurement_id)
    return item


# --- agreements ---------------------------------------------------------------------------------


def _ensure_agreement_open(agreement: Agreement) -> None:
    for lot in agreement.lots.all():
        ensure_open(lot)


def _version(agreement: Agreement, actor: User, note: str = "") -> AgreementVersion:
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=agreement.version,
        title=agreement.title,
        text=agreement.text,
        status=agreement.status,
        changed_by=actor,
        note=note,
    )


def propose_agreement(
    procurement: Procurement, *, actor: User, theme: Theme, lots: Iterable[Lot], **fields
) -> Agreement:
    with refusals_recorded(
        Action.DIALOGUE_AGREEMENT_PROPOSE, actor=actor, obj=procurement, procurement_id=procurement.pk
    ):
        lots = list(lots)
        if not lots:
            raise ValidationError({"lots": _("Choose the lot(s) the agreement applies to.")})
        for lot in lots:
            ensure_open(lot)
            if lot.procurement_id != procurement.pk:
                raise ValidationError({"lots": _("Choose lots of this procurement.")})
        if theme.procurement_id != procurement.pk:
            raise ValidationError({"theme": _("Choose a theme of this dialogue.")})
        agreement = Agreement(procurement=procurement, theme=theme, created_by=actor, **fields)
        agreement.full_clean()
        agreement.save()
        agreement.lots.set(lots)
        _version(agreement, actor, _("proposed"))
        record(Action.DIALOGUE_AGREEMENT_PROPOSE, actor=actor, obj=agreement, procurement_id=procurement.pk)
        return agreement


def edit_agreement(agreement: Agreement, *, actor: User, note: str = "", **fields) -> Agreement:
    """Change the text (or KPI, budget) of an agreement; a new version is kept."""
    with refusals_recorded(
        Action.DIALOGUE_AGREEMENT_EDIT, actor=actor, obj=agreement, procurement_id=agreement.procurement_id
    ):
        _ensure_agreement_open(agreement)
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.status in (S.INCLUDED, S.WITHDRAWN):
            raise ValidationError(_("This agreement can no longer be changed."))
        before = {key: getattr(locked, key) for key in AGREEMENT_FIELDS}
        for key, value in fields.items():
            setattr(locked, key, value)
        locked.full_clean()
        changes = {
            key: [str(before[key]), str(getattr(locked, key))]
            for key in AGREEMENT_FIELDS
            if before[key] != getattr(locked, key)
        }
        if not changes:
            return locked
        locked.version += 1
        locked.save()
        _version(locked, actor, note)
        record(
            Action.DIALOGUE_AGREEMENT_EDIT,
            actor=actor,
            obj=locked,
            procurement_id=locked.procurement_id,
            changes=changes,
        )
        return locked


def allowed_statuses(agreement: Agreement) -> list[str]:
    return [s for s in Agreement.Status if s in TRANSITIONS[agreement.status]]


def change_agreement_status(agreement: Agreement, *, actor: User, status: str, note: str = "") -> Agreement:
    with refusals_recorded(
        Action.DIALOGUE_AGREEMENT_STATUS, actor=actor, obj=agreement, procurement_id=agreement.procurement_id
    ):
        _ensure_agreement_open(agreement)
        current = Agreement.objects.get(pk=agreement.pk)
        if status not in TRANSITIONS.get(current.status, set()):
            raise ValidationError(
                _("An agreement that is %(old)s cannot become %(new)s.")
                % {"old": S(current.status).label, "new": S(status).label if status in S.values else status}
            )
        updated = Agreement.objects.filter(
            pk=current.pk, status=current.status, version=current.version
        ).update(status=status, version=current.version + 1)
        if updated != 1:
            raise ValidationError(_("Someone else changed this agreement just now; try again."))
        current.refresh_from_db()
        _version(current, actor, note)
        record(
            Action.DIALOGUE_AGREEMENT_STATUS,
            actor=actor,
            obj=current,
            procurement_id=current.procurement_id,
            changes={"status": [agreement.status, status]},
            message=note,
        )
        return current


def comment_on_agreement(agreement: Agreement, *, actor: User, text: str) -> AgreementComment:
    with refusals_recorded(
        Action.DIALOGUE_AGREEMENT_COMMENT, actor=actor, obj=agreement, procurement_id=agreement.procurement_id
    ):
        _ensure_agreement_open(agreement)
        if not text.strip():
            raise ValidationError({"text": _("Write your comment.")})
        participation = None
        for lot in agreement.lots.all():
            participation = participation or participation_of(actor, lot)
        if participation is None:
            raise ValidationError(_("Only participants of the lot can comment on this agreement."))
        comment = AgreementComment.objects.create(
            agreement=agreement, author=actor, organisation=participation.organisation, text=text.strip()
        )
        record(
            Action.DIALOGUE_AGREEMENT_COMMENT,
            actor=actor,
            obj=agreement,
            procurement_id=agreement.procurement_id,
        )
        return comment


def readable_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The lines of a word-level-friendly diff: (kind, line), kind in added/removed/same."""
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        (kinds[line[0]], line[2:])
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line[:1] in kinds
    ]


# --- closing the dialogue -----------------------------------------------------------------------


def close_dialogue(lot: Lot, *, actor: User) -> AgreementSet:
    """Close the dialogue for the lot: freeze its agreed agreements as the lot's agreement set, have the
    PDF made by a worker, and notify the participants."""
    with refusals_recorded(Action.DIALOGUE_CLOSE, actor=actor, obj=lot, procurement_id=lot.procurement_id):
        now = server_now()
        if Lot.objects.filter(pk=lot.pk, dialogue_closed_at__isnull=True).update(dialogue_closed_at=now) != 1:
            raise ValidationError(_("The dialogue for this lot has already been closed."))
        lot.refresh_from_db()
        procurement = lot.procurement
        agreement_set = AgreementSet.objects.create(
            lot=lot,
            number=f"{procurement.reference}-P{lot.number}-AS",
            date=local(now).date(),
            created_by=actor,
        )
        agreed = Agreement.objects.filter(lots=lot, status=S.AGREED).select_related("theme")
        FrozenAgreement.objects.bulk_create(
            FrozenAgreement(
                agreement_set=agreement_set,
                agreement=a,
                version=a.version,
                theme_order=a.theme.order,
                theme_title=a.theme.title,
                kind=a.kind,
                title=a.title,
                text=a.text,
                kpi=a.kpi,
                budget_amount=a.budget_amount,
                budget_year=a.budget_year,
            )
            for a in agreed
        )
        record(
            Action.DIALOGUE_CLOSE,
            actor=actor,
            obj=lot,
            procurement_id=procurement.pk,
            changes={"dialogue_closed_at": [None, now.isoformat()]},
            message=agreement_set.number,
        )
        users = User.objects.filter(
            memberships__organisation__dialogue_participations__lot=lot,
            memberships__organisation__dialogue_participations__left_at__isnull=True,
        ).distinct()
        notify(
            users,
            key=f"dialogue.lot.{lot.pk}.closed",
            subject=_("The dialogue for %(lot)s is closed") % {"lot": lot},
            body=_("The agreed agreements are frozen as agreement set %(number)s.")
            % {"number": agreement_set.number},
            url=reverse("dialogue:participant"),
        )
        transaction.on_commit(
            lambda: hand_to_worker(
                "dialogue.tasks.make_agreement_set_pdf", agreement_set.pk, left_to="the agreement set sweep"
            )
        )
    return agreement_set


# --- reminders ----------------------------------------------------------------------------------

REMINDER_BEFORE = timedelta(hours=24)


def remind_upcoming_sessions(*, now: datetime | None = None) -> int:
    """Remind everyone invited to a session that starts within a day (once per session: the key; each
    session on its own: one that fails does not stop the others)."""
    now = now or server_now()
    sessions = Session.objects.filter(
        starts_at__gt=now, starts_at__lte=now + REMINDER_BEFORE, lot__dialogue_closed_at__isnull=True
    ).select_related("lot")
    return sum(
        each_in_own_transaction(
            sessions,
            _remind_session,
            action=Action.DIALOGUE_SESSION_REMIND,
            procurement_id=lambda session: session.lot.procurement_id,
        )
    )


def _remind_session(session: Session) -> int:
    """Remind the session's invitees that it starts soon; how many notifications were made."""
    created = notify(
        invitees(session),
        key=f"dialogue.session.{session.pk}.reminder",
        subject=_("Reminder: %(title)s") % {"title": session.title},
        body=_("The dialogue session %(title)s starts on %(when)s.")
        % {"title": session.title, "when": local(session.starts_at).strftime("%d-%m-%Y %H:%M")},
        url=_session_url(session),
    )
    return len(created)


def tender_invitees(lot: Lot) -> list[Organisation]:
    """The organisations invited to tender for a lot: its dialogue participants that did not leave."""
    return [
        participant.organisation
        for participant in DialogueParticipant.objects.filter(lot=lot, left_at__isnull=True).select_related(
            "organisation"
        )
    ]
