from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.views import login, notifications, organisations, two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-factor/", two_factor.verify, name="two_factor_verify"),
    path("tweede-factor/instellen/", two_factor.setup, name="two_factor_setup"),
    path("password-reset/", login.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", login.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("aanmelden/", organisations.sign_up, name="sign_up"),
    path("organisaties/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("organisaties/<int:pk>/uitnodigen/", organisations.invite, name="organisation_invite"),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/",
        organisations.membership_edit,
        name="organisation_membership",
    ),
    path(
        "organisaties/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        organisations.membership_remove,
        name="organisation_membership_remove",
    ),
    path(
        "organisaties/<int:pk>/uitnodigingen/<int:invitation_pk>/intrekken/",
        organisations.invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path("uitnodiging/<str:token>/", organisations.invitation_accept, name="invitation_accept"),
    path("uitnodigingen/", organisations.my_invitations, name="my_invitations"),
    path(
        "uitnodigingen/<int:invitation_pk>/accepteren/",
        organisations.invitation_accept_mine,
        name="invitation_accept_mine",
    ),
    path("meldingen/", notifications.notification_list, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", notifications.mark_read, name="notification_read"),
    path("meldingen/alles-gelezen/", notifications.mark_all_read, name="notifications_read_all"),
]
