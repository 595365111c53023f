"""The people and provider organisations of the demo world (all fictional)."""

import secrets
from dataclasses import dataclass, field

from django.conf import settings

from accounts.models import Invitation, Membership, Organisation, User, default_invitation_expiry
from accounts.roles import Role
from accounts.services.organisations import hash_token
from regions.models import Municipality, Region


@dataclass
class DemoPeople:
    users: dict[str, User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)


# (e-mail, full name, function, role, region slug, municipality CBS code)
PEOPLE = [
    (
        "inkoper@zkij.example",
        "Sanne de Vries",
        "Projectleider inkoop jeugdhulp",
        Role.PROCUREMENT_OFFICER,
        "zuid-kennemerland",
        None,
    ),
    (
        "inkoper2@zkij.example",
        "Joost Bakker",
        "Inkoopadviseur",
        Role.PROCUREMENT_OFFICER,
        "zuid-kennemerland",
        None,
    ),
    ("wethouder@haarlem.example", "Marit Jansen", "Wethouder Jeugd", Role.ALDERMAN, None, "GM0392"),
    (
        "ervaringsdeskundige@zkij.example",
        "Noor Visser",
        "Ervaringsdeskundige",
        Role.EXPERT_BY_EXPERIENCE,
        None,
        None,
    ),
    ("beoordelaar@zkij.example", "Pieter Smit", "Beoordelaar", Role.ASSESSOR, "zuid-kennemerland", None),
    (
        "beoordelaar2@zkij.example",
        "Fatima El Amrani",
        "Beoordelaar",
        Role.ASSESSOR,
        "zuid-kennemerland",
        None,
    ),
    (
        "inkoper@zaanstreek.example",
        "Kees Mulder",
        "Inkoper jeugdhulp",
        Role.PROCUREMENT_OFFICER,
        "zaanstreek-waterland",
        None,
    ),
    ("beheer@dialoog.example", "Functioneel Beheer", "Beheerder", Role.ADMINISTRATOR, None, None),
]

# (key, name, KvK, AGB, city, lead e-mail)
ORGANISATIONS = [
    (
        "kustlicht",
        "Stichting Kustlicht Jeugdhulp",
        "70000001",
        "98000001",
        "Haarlem",
        "aanbieder@kustlicht.example",
    ),
    ("duinroos", "Duinroos Jeugd & Gezin", "70000002", "98000002", "Velsen", "aanbieder@duinroos.example"),
]


# (organisation key, colleague e-mail, colleague name, e-mail of a pending invitation)
COLLEAGUES = [
    ("kustlicht", "collega@kustlicht.example", "Lotte Hendriks", "nieuw@kustlicht.example"),
    ("duinroos", "collega@duinroos.example", "Daan Verbeek", "nieuw@duinroos.example"),
]


def seed_people() -> DemoPeople:
    """Create (or bring back to their demo state) the demo accounts and organisations."""
    people = DemoPeople()
    for email, name, function, role, region_slug, cbs in PEOPLE:
        user = _user(email, name, function)
        user.region = Region.objects.get(slug=region_slug) if region_slug else None
        user.municipality = Municipality.objects.get(cbs_code=cbs) if cbs else None
        if role == Role.ADMINISTRATOR:
            user.is_staff = user.is_superuser = True
        user.save()
        user.add_role(role)
        people.users[email] = user
    for key, name, kvk, agb, city, lead_email in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            kvk_number=kvk, defaults={"name": name, "agb_code": agb, "city": city}
        )
        lead = _user(lead_email, f"Contactpersoon {name}", "Bestuurder")
        lead.save()
        lead.add_role(Role.PROVIDER_MEMBER)
        Membership.objects.update_or_create(
            user=lead,
            organisation=organisation,
            defaults={"role": Membership.Role.ADMIN, "is_signatory": True},
        )
        people.users[lead_email] = lead
        people.organisations[key] = organisation
    for key, email, name, invited_email in COLLEAGUES:
        _seed_colleague(people, people.organisations[key], email, name, invited_email)
    return people


def _seed_colleague(
    people: DemoPeople, organisation: Organisation, email: str, name: str, invited: str
) -> None:
    """A second colleague (plain member) and one pending invitation (its link is unknown: a fresh token)."""
    colleague = _user(email, name, "Zorgcoördinator")
    colleague.save()
    colleague.add_role(Role.PROVIDER_MEMBER)
    Membership.objects.update_or_create(
        user=colleague,
        organisation=organisation,
        defaults={"role": Membership.Role.MEMBER, "is_signatory": False},
    )
    people.users[email] = colleague
    Invitation.objects.update_or_create(
        organisation=organisation,
        email=invited,
        defaults={
            "role": Membership.Role.MEMBER,
            "token_hash": hash_token(secrets.token_urlsafe(32)),
            "invited_by": organisation.memberships.filter(role=Membership.Role.ADMIN).first().user,
            "expires_at": default_invitation_expiry(),
            "accepted_at": None,
            "accepted_by": None,
            "revoked_at": None,
        },
    )


def _user(email: str, name: str, function: str) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.full_name = name
    user.function = function
    user.is_active = True
    user.set_password(settings.DEMO_PASSWORD)
    return user
