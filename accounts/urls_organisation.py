"""Organisation self-service (included by accounts/urls.py, in the ``accounts`` namespace)."""

from django.urls import path

from . import views_organisation as views

urlpatterns = [
    path("aanmelden/", views.sign_up, name="sign_up"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="organisation"),
    path("organisaties/<int:pk>/uitnodigen/", views.invite, name="organisation_invite"),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/",
        views.membership_edit,
        name="organisation_membership",
    ),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.membership_remove,
        name="organisation_membership_remove",
    ),
    path(
        "organisaties/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        views.invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("uitnodigingen/", views.my_invitations, name="my_invitations"),
    path(
        "uitnodigingen/<int:invitation_pk>/accepteren/",
        views.invitation_accept_mine,
        name="invitation_accept_mine",
    ),
]
