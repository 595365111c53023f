"""The lists of tenders do not grow in queries with the number of tenders."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from procurement.models import TenderInvitation
from tests.factories import MembershipFactory
from tests.procurement.factories_tenders import submit


def test_the_vault_and_my_tenders_pages_keep_their_query_count(client, world, django_assert_max_num_queries):
    members = [MembershipFactory(organisation__name=f"Aanbieder {i}") for i in range(6)]
    TenderInvitation.objects.bulk_create(
        TenderInvitation(lot=world.lot, organisation=m.organisation) for m in members
    )
    for member in members:
        submit(world.lot, member.user, member.organisation)
    for _ in range(3):
        submit(world.lot, world.provider_a, world.organisation_a)
    client.force_login(world.provider_a)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("procurement:my_tenders")).status_code == 200
    with time_machine.travel(world.invitation.submission_deadline + timedelta(seconds=1), tick=False):
        client.force_login(world.officer)
        with django_assert_max_num_queries(20):
            page = client.get(reverse("procurement:tender_vault", args=[world.procurement.pk, world.lot.pk]))
    assert page.content.decode().count("Aanbieder ") >= 7
