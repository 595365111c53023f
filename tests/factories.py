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
