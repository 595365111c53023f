import factory
from django.conf import settings

from accounts.models import Membership, Organisation, User
from accounts.roles import Role
from regions.models import Municipality, Region


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", settings.DEMO_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        for role in extracted or []:
            self.add_role(role)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Jeugdhulp Organisatie {n}")
    kvk_number = factory.Sequence(lambda n: f"{60000000 + n:08d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, roles=[Role.PROVIDER_MEMBER])
    organisation = factory.SubFactory(OrganisationFactory)


def region(slug: str) -> Region:
    return Region.objects.get(slug=slug)


def municipality(cbs_code: str) -> Municipality:
    return Municipality.objects.get(cbs_code=cbs_code)


def care_type(code: str):
    from procurement.models import CareType

    return CareType.objects.get(code=code)


def make_procurement(officer, *, published: bool = True, phase: str = "strategy", **fields):
    """A ZK/IJ-like procurement with an integral lot (1) and a specific-care lot (2: jeugd-GGZ), made
    through the services, so that it has its phase rows and audit entries."""
    from procurement.care_types import load_care_types
    from procurement.models import CareType, Procurement
    from procurement.services.procurements import add_lot, create_procurement, publish_procurement

    load_care_types(CareType)  # a transactional test empties the tables the migrations filled
    defaults = {
        "title": "Jeugdhulp Zuid-Kennemerland en IJmond",
        "reference": f"ZKIJ-{Procurement.objects.count() + 1:03d}",
        "summary": "Dialooggerichte aanbesteding van jeugdhulp.",
    }
    zk, ijmond = region("zuid-kennemerland"), region("ijmond")
    procurement = create_procurement(
        actor=officer,
        regions=[zk, ijmond],
        municipalities=[*zk.municipalities.all(), *ijmond.municipalities.all()],
        care_types=CareType.objects.filter(code__in=["ambulant", "jeugd-ggz", "verblijf"]),
        **{**defaults, **fields},
    )
    add_lot(procurement, actor=officer, number="1", title="Integraal perceel", kind="integral")
    add_lot(
        procurement,
        actor=officer,
        number="2",
        title="Jeugd-GGZ",
        kind="specific",
        care_type=care_type("jeugd-ggz"),
    )
    if published:
        publish_procurement(procurement, actor=officer)
    if phase != procurement.current_phase:
        Procurement.objects.filter(pk=procurement.pk).update(current_phase=phase)
        procurement.refresh_from_db()
    return procurement
