"""Helpers for registration tests: a procurement in its registration phase with a deadline, provider
organisations with an administrator, and complete self-declarations."""

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Membership
from procurement.models import EXCLUSION_GROUNDS, CareType, Phase, SuitabilityQuestion
from procurement.services.registration import Declaration, save_declaration, set_care_types
from tests.factories import MembershipFactory, make_procurement

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def registration_procurement(officer, *, deadline=None, questions: bool = True):
    """A published procurement in its registration phase, deadline in a week unless given; with one
    suitability question that requires a document and one that does not."""
    procurement = make_procurement(officer, phase="registration")
    deadline = deadline or timezone.now() + timedelta(days=7)
    Phase.objects.filter(procurement=procurement, key="registration").update(
        planned_start=deadline - timedelta(days=30), deadline=deadline
    )
    if questions:
        SuitabilityQuestion.objects.create(
            procurement=procurement, text="Aantoonbare ervaring met de gevraagde zorgvormen?", order=1
        )
        SuitabilityQuestion.objects.create(
            procurement=procurement,
            text="Kwaliteitscertificaat (HKZ of gelijkwaardig)?",
            order=2,
            requires_document=True,
        )
    return procurement


def lots(procurement):
    return procurement.lots.get(number="1"), procurement.lots.get(number="2")


def provider_admin(organisation=None, **kwargs):
    """A provider member that administers its organisation (a new one unless given)."""
    extra = {"organisation": organisation} if organisation else {}
    return MembershipFactory(role=Membership.Role.ADMIN, **extra, **kwargs)


def make_admin(user, organisation) -> None:
    Membership.objects.filter(user=user, organisation=organisation).update(role=Membership.Role.ADMIN)


def pdf_upload(name: str = "certificaat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def full_declaration(procurement, *, with_documents: bool = True) -> Declaration:
    questions = list(procurement.suitability_questions.all())
    return Declaration(
        exclusions={ground: (False, "") for ground in EXCLUSION_GROUNDS},
        suitability={q.pk: (True, "Sinds 2010") for q in questions},
        uploads={q.pk: pdf_upload() for q in questions if q.requires_document and with_documents},
    )


def complete_member(member, user, care_codes) -> None:
    """The member states its care types and fills in its whole self-declaration."""
    set_care_types(member, care_types=CareType.objects.filter(code__in=care_codes), actor=user)
    save_declaration(member, full_declaration(member.registration.lot.procurement), actor=user)


def build_world(personas) -> SimpleNamespace:
    """Personas plus a procurement in its registration phase; provider A and B administer their
    organisations; C and D are further providers (admins) to add as members."""
    make_admin(personas.provider_a, personas.organisation_a)
    make_admin(personas.provider_b, personas.organisation_b)
    procurement = registration_procurement(personas.officer)
    integral, specific = lots(procurement)
    c = provider_admin(organisation__name="Aanbieder C", organisation__kvk_number="71000003")
    d = provider_admin(organisation__name="Aanbieder D", organisation__kvk_number="71000004")
    return SimpleNamespace(
        **vars(personas),
        procurement=procurement,
        integral=integral,
        specific=specific,
        provider_c=c.user,
        organisation_c=c.organisation,
        provider_d=d.user,
        organisation_d=d.organisation,
    )
