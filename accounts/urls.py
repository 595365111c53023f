from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views, views_notifications

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweede-factor/", include("accounts.urls_2fa")),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("", include("accounts.urls_organisation")),
    path("meldingen/", views_notifications.notification_list, name="notifications"),
    path("meldingen/<int:pk>/gelezen/", views_notifications.mark_read, name="notification_read"),
    path("meldingen/alles-gelezen/", views_notifications.mark_all_read, name="notifications_read_all"),
]
