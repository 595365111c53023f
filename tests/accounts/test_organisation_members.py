import pytest
from django.urls import reverse

from accounts.models import Invitation, Membership
from audit.models import AuditEntry
from tests.accounts.factories_organisation import admin_of, make_invitation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def detail_url(organisation):
    return reverse("accounts:organisation", args=[organisation.pk])


def edit_url(membership):
    return reverse("accounts:organisation_membership", args=[membership.organisation_id, membership.pk])


def remove_url(membership):
    return reverse(
        "accounts:organisation_membership_remove", args=[membership.organisation_id, membership.pk]
    )


def revoke_url(invitation):
    return reverse(
        "accounts:organisation_invitation_revoke", args=[invitation.organisation_id, invitation.pk]
    )


@pytest.fixture
def team(personas):
    """Organisation A with an admin, the persona provider A as plain member, and a pending invitation."""
    admin = admin_of(personas.organisation_a, user__email="beheer@provider-a.test")
    return {
        "admin": admin,
        "admin_membership": Membership.objects.get(user=admin),
        "member_membership": Membership.objects.get(user=personas.provider_a),
        "invitation": make_invitation(personas.organisation_a, invited_by=admin),
    }


def test_admin_sees_members_and_pending_invitations(client, personas, team, django_assert_max_num_queries):
    for _ in range(5):
        MembershipFactory(organisation=personas.organisation_a)
        make_invitation(personas.organisation_a, email=f"extra{_}@test.test", token=f"t{_}")
    client.force_login(team["admin"])
    # 8 for the page plus the unread-notifications count of the navigation
    with django_assert_max_num_queries(9):
        response = client.get(detail_url(personas.organisation_a))
    page = response.content.decode()
    assert personas.provider_a.email in page and "nieuw@collega.test" in page
    assert "Uitnodiging aan nieuw@collega.test intrekken" in page


def test_plain_member_sees_members_but_no_invitations_or_controls(client, personas, team):
    client.force_login(personas.provider_a)
    page = client.get(detail_url(personas.organisation_a)).content.decode()
    assert "beheer@provider-a.test" in page
    assert "nieuw@collega.test" not in page and "intrekken" not in page and "wijzigen" not in page


def test_admin_changes_role_and_signatory_flag(client, team):
    client.force_login(team["admin"])
    membership = team["member_membership"]
    response = client.post(edit_url(membership), {"role": "admin", "is_signatory": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin" and membership.is_signatory
    entry = AuditEntry.objects.get(action="accounts.membership_change")
    assert entry.changes == {"is_signatory": [False, True], "role": ["member", "admin"]}


def test_the_last_admin_cannot_be_demoted_or_removed(client, team):
    client.force_login(team["admin"])
    own = team["admin_membership"]
    response = client.post(edit_url(own), {"role": "member"})
    assert "Een organisatie heeft minstens één beheerder nodig." in response.content.decode()
    response = client.post(remove_url(own))
    assert response.status_code == 400
    assert "Een organisatie heeft minstens één beheerder nodig." in response.content.decode()
    own.refresh_from_db()
    assert own.role == "admin"


def test_bad_role_is_refused(client, team):
    client.force_login(team["admin"])
    response = client.post(edit_url(team["member_membership"]), {"role": "eigenaar"})
    assert response.context["form"].errors["role"]
    team["member_membership"].refresh_from_db()
    assert team["member_membership"].role == "member"


def test_admin_removes_a_member(client, personas, team):
    client.force_login(team["admin"])
    assert client.post(remove_url(team["member_membership"])).status_code == 302
    assert not Membership.objects.filter(user=personas.provider_a).exists()
    assert AuditEntry.objects.filter(action="accounts.membership_remove").exists()


def test_admin_revokes_a_pending_invitation_once(client, team):
    client.force_login(team["admin"])
    invitation = team["invitation"]
    client.post(revoke_url(invitation))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    response = client.post(revoke_url(invitation), follow=True)
    assert "Deze uitnodiging staat niet meer open." in response.content.decode()
    assert list(
        AuditEntry.objects.filter(action="accounts.invitation_revoke")
        .order_by("pk")
        .values_list("result", "message")
    ) == [("success", ""), ("refused", "Deze uitnodiging staat niet meer open.")]


def test_plain_member_cannot_manage(client, personas, team):
    client.force_login(personas.provider_a)
    assert client.get(edit_url(team["admin_membership"])).status_code == 404
    assert client.post(edit_url(team["admin_membership"]), {"role": "member"}).status_code == 404
    assert client.post(remove_url(team["admin_membership"])).status_code == 404
    assert client.post(revoke_url(team["invitation"])).status_code == 404
    assert Membership.objects.filter(organisation=personas.organisation_a).count() == 2
    assert Invitation.objects.get().revoked_at is None


def test_provider_b_cannot_see_or_manage_a(client, personas, team):
    admin_b = admin_of(personas.organisation_b)
    for user in (personas.provider_b, admin_b):
        client.force_login(user)
        assert client.get(detail_url(personas.organisation_a)).status_code == 404
        assert client.get(edit_url(team["member_membership"])).status_code == 404
        assert client.post(remove_url(team["member_membership"])).status_code == 404
        assert client.post(revoke_url(team["invitation"])).status_code == 404
    assert Membership.objects.filter(user=personas.provider_a).exists()
    assert Invitation.objects.get().revoked_at is None


def test_a_membership_of_another_organisation_is_not_found_through_my_organisation(client, personas, team):
    """Admin of A uses A's URL with B's membership id: 404, B's member stays."""
    membership_b = Membership.objects.get(user=personas.provider_b)
    client.force_login(team["admin"])
    url = reverse(
        "accounts:organisation_membership_remove", args=[personas.organisation_a.pk, membership_b.pk]
    )
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=membership_b.pk).exists()


def test_anonymous_is_sent_to_the_login_page(client, personas, team):
    for url in (detail_url(personas.organisation_a), edit_url(team["member_membership"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_dashboard_links_to_my_organisations_only(client, personas):
    client.force_login(personas.provider_a)
    page = client.get(reverse("dashboards:provider")).content.decode()
    assert detail_url(personas.organisation_a) in page
    assert detail_url(personas.organisation_b) not in page and "Aanbieder B" not in page


def test_services_refuse_a_non_admin_and_keep_the_refusal_in_the_audit_trail(personas, team):
    from django.core.exceptions import ValidationError

    from accounts.services.organisations import invite_member, remove_member

    with pytest.raises(ValidationError, match="Alleen een beheerder van de organisatie mag dit doen."):
        invite_member(personas.organisation_a, actor=personas.provider_a, email="x@y.test", role="admin")
    with pytest.raises(ValidationError):
        remove_member(team["admin_membership"], actor=personas.provider_b)
    assert (
        Invitation.objects.count() == 1 and Membership.objects.filter(pk=team["admin_membership"].pk).exists()
    )
    refusals = AuditEntry.objects.filter(result=AuditEntry.Result.REFUSED)
    assert set(refusals.values_list("action", flat=True)) == {
        "accounts.invitation_send",
        "accounts.membership_remove",
    }


def test_my_invitations_is_for_logged_in_people(client, personas):
    make_invitation(personas.organisation_a, email=personas.provider_b.email)
    response = client.get(reverse("accounts:my_invitations"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    client.force_login(personas.provider_b)
    assert (
        "Aanbieder A nodigt u uit als lid." in client.get(reverse("accounts:my_invitations")).content.decode()
    )
    client.force_login(personas.provider_a)
    assert (
        "Er staan geen uitnodigingen open." in client.get(reverse("accounts:my_invitations")).content.decode()
    )
